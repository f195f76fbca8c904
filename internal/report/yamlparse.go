package report

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Parsing keeps each definition's line so every validation error names the
// file and line (yaml.v3 Node line numbers), and refuses unknown keys so a
// misspelt option fails at start-up instead of being ignored.

// lineMap is a string map that remembers the line of each key.
type lineMap struct {
	Values map[string]string
	Lines  map[string]int
}

func (m *lineMap) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: expected a map of name: value", n.Line)
	}
	m.Values, m.Lines = map[string]string{}, map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			return fmt.Errorf("line %d: %s must be a single value", v.Line, k.Value)
		}
		m.Values[k.Value], m.Lines[k.Value] = v.Value, k.Line
	}
	return nil
}

// paramMap keeps parameters in file order with their lines.
type paramMap []*ParamDef

func (m *paramMap) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: params must be a map of name: {type: …}", n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		p := &ParamDef{}
		if err := n.Content[i+1].Decode(p); err != nil {
			return err
		}
		p.Name, p.line = n.Content[i].Value, n.Content[i].Line
		*m = append(*m, p)
	}
	return nil
}

func (p *ParamDef) UnmarshalYAML(n *yaml.Node) error {
	type plain ParamDef
	return decodeStrict(n, (*plain)(p), &p.line)
}

func (s *SnapshotDef) UnmarshalYAML(n *yaml.Node) error {
	type plain SnapshotDef
	return decodeStrict(n, (*plain)(s), &s.line)
}

func (s *SheetDef) UnmarshalYAML(n *yaml.Node) error {
	type plain SheetDef
	return decodeStrict(n, (*plain)(s), &s.line)
}

func (c *ColumnDef) UnmarshalYAML(n *yaml.Node) error {
	type plain ColumnDef
	return decodeStrict(n, (*plain)(c), &c.line)
}

func (c *CondDef) UnmarshalYAML(n *yaml.Node) error {
	type plain CondDef
	return decodeStrict(n, (*plain)(c), &c.line)
}

func (c *ChartDef) UnmarshalYAML(n *yaml.Node) error {
	type plain ChartDef
	return decodeStrict(n, (*plain)(c), &c.line)
}

// decodeStrict decodes a mapping into v, records its line and rejects keys
// that v does not declare.
func decodeStrict(n *yaml.Node, v any, line *int) error {
	*line = n.Line
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: expected a map", n.Line)
	}
	known := yamlKeys(v)
	for i := 0; i < len(n.Content); i += 2 {
		k := n.Content[i]
		if !known[k.Value] {
			return fmt.Errorf("line %d: unknown key %q (known: %s)", k.Line, k.Value, keyList(known))
		}
	}
	if err := n.Decode(v); err != nil {
		return err
	}
	*line = n.Line
	return nil
}

func yamlKeys(v any) map[string]bool {
	t := reflect.TypeOf(v).Elem()
	out := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if tag != "" && tag != "-" {
			out[tag] = true
		}
	}
	return out
}

func keyList(m map[string]bool) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}

// parseDef reads one workbook file.
func parseDef(file string, data []byte) (*Def, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(root.Content) == 0 {
		return nil, fmt.Errorf("%s: the file is empty", file)
	}
	d := &Def{File: file}
	var line int
	type plain Def
	if err := decodeStrict(root.Content[0], (*plain)(d), &line); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	d.Params = d.ParamMap
	return d, nil
}
