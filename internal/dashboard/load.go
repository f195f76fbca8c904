package dashboard

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
	"gopkg.in/yaml.v3"
)

var (
	pageKeys   = keySet("title", "description", "requires", "params", "filters", "panels")
	filterKeys = keySet("name", "label", "type", "help", "default", "options", "all_label", "options_query",
		"options_params", "option_value", "option_label", "option_group")
	panelKeys = keySet("id", "title", "description", "query", "params", "chart", "x", "y", "series", "value",
		"columns", "labels", "formats", "links", "gap", "map", "sort", "row", "compare", "max", "horizontal", "colors", "width",
		"empty", "timeout")
)

func keySet(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// Load reads every *.yaml of fsys (the dashboards folder) and checks each
// dashboard against the query catalogue. The first problem found is
// returned as "dashboards/FILE.yaml:LINE: what is wrong".
func Load(fsys fs.FS, cat *query.Catalog) (*Set, error) {
	files, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	s := &Set{byName: map[string]*Dashboard{}}
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		d, err := Parse("dashboards/"+f, b)
		if err != nil {
			return nil, err
		}
		if err := d.Validate(cat); err != nil {
			return nil, err
		}
		s.byName[d.Name] = d
		s.names = append(s.names, d.Name)
	}
	sort.Strings(s.names)
	return s, nil
}

// Parse reads one dashboard file; file names it in errors.
func Parse(file string, data []byte) (*Dashboard, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:1: a dashboard is a mapping with title, filters and panels", file)
	}
	root := doc.Content[0]
	if err := checkKeys(file, root, pageKeys, "dashboard"); err != nil {
		return nil, err
	}
	d := &Dashboard{Name: strings.TrimSuffix(path.Base(file), ".yaml"), File: file}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i].Value, root.Content[i+1]
		var err error
		switch key {
		case "title":
			err = val.Decode(&d.Title)
		case "description":
			err = val.Decode(&d.Description)
		case "requires":
			err = val.Decode(&d.Requires)
		case "params":
			err = val.Decode(&d.Params)
		case "filters":
			d.Filters, err = parseFilters(file, val)
		case "panels":
			d.Panels, err = parsePanels(file, val)
		}
		if err != nil {
			return nil, lineErr(file, val.Line, err)
		}
	}
	if d.Title == "" {
		return nil, fmt.Errorf("%s:%d: the dashboard has no title", file, root.Line)
	}
	return d, nil
}

func parseFilters(file string, seq *yaml.Node) ([]*Filter, error) {
	if seq.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("filters must be a list")
	}
	var out []*Filter
	for _, n := range seq.Content {
		if err := checkKeys(file, n, filterKeys, "filter"); err != nil {
			return nil, err
		}
		f := &Filter{Line: n.Line}
		if err := n.Decode(f); err != nil {
			return nil, lineErr(file, n.Line, err)
		}
		out = append(out, f)
	}
	return out, nil
}

func parsePanels(file string, seq *yaml.Node) ([]*Panel, error) {
	if seq.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("panels must be a list")
	}
	var out []*Panel
	for _, n := range seq.Content {
		if err := checkKeys(file, n, panelKeys, "panel"); err != nil {
			return nil, err
		}
		p := &Panel{Line: n.Line}
		if err := n.Decode(p); err != nil {
			return nil, lineErr(file, n.Line, err)
		}
		p.Timeout = DefaultTimeout
		if p.TimeoutText != "" {
			t, err := time.ParseDuration(p.TimeoutText)
			if err != nil || t <= 0 {
				return nil, fmt.Errorf("%s:%d: panel %s: timeout %q is not a duration like 5s", file, n.Line, p.ID, p.TimeoutText)
			}
			p.Timeout = t
		}
		out = append(out, p)
	}
	return out, nil
}

// checkKeys rejects keys a node may not have, so a typo ("quey:") is an
// error at start-up rather than a silently empty panel.
func checkKeys(file string, n *yaml.Node, allowed map[string]bool, what string) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d: a %s must be a mapping", file, n.Line, what)
	}
	for i := 0; i < len(n.Content); i += 2 {
		k := n.Content[i]
		if !allowed[k.Value] {
			keys := make([]string, 0, len(allowed))
			for a := range allowed {
				keys = append(keys, a)
			}
			sort.Strings(keys)
			return fmt.Errorf("%s:%d: a %s has no field %q (fields: %s)", file, k.Line, what, k.Value, strings.Join(keys, ", "))
		}
	}
	return nil
}

func lineErr(file string, line int, err error) error {
	if strings.HasPrefix(err.Error(), file) {
		return err
	}
	return fmt.Errorf("%s:%d: %w", file, line, err)
}
