package score

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Model is the `openactive` profile of one type: the top-level
// requiredFields, requiredOptions and recommendedFields of its model file
// (§8.6.7). Field names are the JSON-LD keys (`id`/`type` become
// `@id`/`@type`, the aliases the reader applies).
type Model struct {
	Type        string
	Required    []string
	Options     [][]string
	Recommended []string
	specs       []fieldSpec // built by LoadModels (presence.go)
}

// Weight is the total weight: 2 per required field or options group, 1 per
// recommended field; a property listed twice counts twice.
func (m *Model) Weight() int { return 2*len(m.Required) + 2*len(m.Options) + len(m.Recommended) }

// Models are the loaded model files and their combined content hash.
type Models struct {
	byType map[string]*Model
	Hash   string
}

// Get returns the model of a normalised type, or nil ("no data").
func (m *Models) Get(typ string) *Model {
	if m == nil {
		return nil
	}
	return m.byType[typ]
}

func modelKey(f string) string {
	switch f {
	case "id":
		return "@id"
	case "type":
		return "@type"
	}
	return f
}

// LoadModels reads every `<Type>.json` in fsys. The hash covers file names
// and bytes in name order.
func LoadModels(fsys fs.FS) (*Models, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, fmt.Errorf("list models: %w", err)
	}
	sort.Strings(names)
	h := sha256.New()
	out := &Models{byType: map[string]*Model{}}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read model %s: %w", name, err)
		}
		h.Write([]byte(name + "\n"))
		h.Write(data)
		m, err := parseModel(strings.TrimSuffix(path.Base(name), ".json"), data)
		if err != nil {
			return nil, err
		}
		out.byType[m.Type] = m
	}
	out.Hash = hex.EncodeToString(h.Sum(nil))
	return out, nil
}

func parseModel(typ string, data []byte) (*Model, error) {
	var raw struct {
		Required    []string `json:"requiredFields"`
		Recommended []string `json:"recommendedFields"`
		Options     []struct {
			Options []string `json:"options"`
		} `json:"requiredOptions"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("parse model %s: %w", typ, err)
	}
	m := &Model{Type: typ}
	for _, f := range raw.Required {
		m.Required = append(m.Required, modelKey(f))
	}
	for _, f := range raw.Recommended {
		m.Recommended = append(m.Recommended, modelKey(f))
	}
	for _, o := range raw.Options {
		var g []string
		for _, f := range o.Options {
			g = append(g, modelKey(f))
		}
		if len(g) > 0 {
			m.Options = append(m.Options, g)
		}
	}
	m.specs = buildSpecs(m)
	return m, nil
}
