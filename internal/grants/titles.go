package grants

import (
	"encoding/json"
	"fmt"
	"strings"
)

// node is one property of the grant schema, reduced to what turning a
// spreadsheet into 360Giving JSON needs: its title, its type and its
// children. Spreadsheet column titles are the titles of the properties on
// the way down, joined by ':' (grants-facts §2.3-2.4).
type node struct {
	Name  string // the JSON property name
	Title string
	Type  string // string, number, integer, object, array
	Props []*node
	Items *node // element of an array
}

// untitled gives titles the schema leaves out ($ref properties).
var untitled = map[string]string{"currency": "Currency"}

type rawSchema struct {
	Ref   string                `json:"$ref"`
	Title string                `json:"title"`
	Type  any                   `json:"type"`
	Props map[string]*rawSchema `json:"properties"`
	Items *rawSchema            `json:"items"`
	Defs  map[string]*rawSchema `json:"$defs"`
}

// buildTree reads the grant schema's properties into a node tree.
func buildTree(raw []byte) (*node, error) {
	var root rawSchema
	if err := json.Unmarshal(raw, &root); err != nil {
		return nil, err
	}
	b := treeBuilder{defs: root.Defs}
	return b.build("", &root, 0)
}

type treeBuilder struct{ defs map[string]*rawSchema }

func (b treeBuilder) build(name string, s *rawSchema, depth int) (*node, error) {
	if depth > 6 {
		return nil, fmt.Errorf("schema nests deeper than expected at %s", name)
	}
	if s.Ref != "" {
		def := b.defs[strings.TrimPrefix(s.Ref, "#/$defs/")]
		if def == nil {
			return nil, fmt.Errorf("unknown $ref %s", s.Ref)
		}
		merged := *def
		if s.Title != "" {
			merged.Title = s.Title
		}
		s = &merged
	}
	n := &node{Name: name, Title: s.Title, Type: schemaType(s.Type)}
	if n.Title == "" {
		n.Title = untitled[name]
	}
	if s.Items != nil {
		items, err := b.build(name, s.Items, depth+1)
		if err != nil {
			return nil, err
		}
		n.Items, n.Type = items, "array"
	}
	for _, k := range sortedKeys(s.Props) {
		c, err := b.build(k, s.Props[k], depth+1)
		if err != nil {
			return nil, err
		}
		n.Props = append(n.Props, c)
	}
	if len(n.Props) > 0 && n.Type == "" {
		n.Type = "object"
	}
	return n, nil
}

// schemaType reads "type", which may be a list such as ["number","null"].
func schemaType(t any) string {
	switch x := t.(type) {
	case string:
		return x
	case []any:
		for _, v := range x {
			if s, ok := v.(string); ok && s != "null" {
				return s
			}
		}
	}
	return ""
}

// child finds a property by its normalised title, or by its JSON name.
func (n *node) child(seg string, byName bool) *node {
	for _, c := range n.Props {
		if byName && c.Name == seg || !byName && normTitle(c.Title) == seg {
			return c
		}
	}
	return nil
}

// titleOf turns a JSON path (names and array indexes) into the spreadsheet
// title: index 0 of a rolled-up array is left out, other indexes are shown
// ("Beneficiary Location:1:Geographic Code").
func (n *node) titleOf(path []string) string {
	var parts []string
	cur := n
	for i := 0; i < len(path); i++ {
		c := cur.child(path[i], true)
		if c == nil {
			parts = append(parts, path[i:]...)
			break
		}
		parts = append(parts, firstNonEmpty(c.Title, c.Name))
		cur = c
		if c.Type == "array" && c.Items != nil {
			if i+1 < len(path) && isIndex(path[i+1]) {
				if path[i+1] != "0" {
					parts = append(parts, path[i+1])
				}
				i++
			}
			cur = c.Items
		}
	}
	return strings.Join(parts, ":")
}

// normTitle compares titles as publishers write them: case-insensitive,
// runs of spaces collapsed, no spaces around ':' ("Grant Programme: Title").
func normTitle(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.ReplaceAll(strings.ReplaceAll(s, " :", ":"), ": ", ":")
}

func isIndex(s string) bool { return s != "" && digits.MatchString(s) && len(s) < 4 }

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
