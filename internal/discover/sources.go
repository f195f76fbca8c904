package discover

import (
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// Source is one configured starting point: a catalogue collection, a
// catalogue, a dataset site, a JSON-LD dataset document or a bare feed.
type Source struct {
	URL   string `yaml:"url"`
	Label string `yaml:"label"`
}

// LoadSources reads a sources file. Both shapes work:
//
//	sources:
//	  - url: https://openactive.io/data-catalogs/data-catalog-collection.jsonld
//	    label: OpenActive live
//	  - https://example.org/openactive/          # a bare URL
//
// or the list on its own at the top level.
func LoadSources(r io.Reader) ([]Source, error) {
	var doc yaml.Node
	if err := yaml.NewDecoder(r).Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, nil
		}
		return nil, fmt.Errorf("read sources file: %w", err)
	}
	list := &doc
	if list.Kind == yaml.DocumentNode && len(list.Content) > 0 {
		list = list.Content[0]
	}
	if list.Kind == yaml.MappingNode {
		list = mapValue(list, "sources")
		if list == nil {
			return nil, fmt.Errorf("sources file: expected a list of URLs or a `sources:` list")
		}
	}
	if list.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("sources file line %d: expected a list of URLs", list.Line)
	}
	out := make([]Source, 0, len(list.Content))
	for _, n := range list.Content {
		var s Source
		switch n.Kind {
		case yaml.ScalarNode:
			s.URL = n.Value
		case yaml.MappingNode:
			if err := n.Decode(&s); err != nil {
				return nil, fmt.Errorf("sources file line %d: %w", n.Line, err)
			}
		default:
			return nil, fmt.Errorf("sources file line %d: expected a URL or {url, label}", n.Line)
		}
		s.URL = strings.TrimSpace(s.URL)
		if !strings.HasPrefix(s.URL, "http://") && !strings.HasPrefix(s.URL, "https://") {
			return nil, fmt.Errorf("sources file line %d: %q is not an http(s) URL", n.Line, s.URL)
		}
		out = append(out, s)
	}
	return out, nil
}

func mapValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}
