package discover

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// docKind is what a fetched document turned out to be.
type docKind int

const (
	docUnknown docKind = iota
	docCollection
	docCatalogue
	docDataset
	docFeed
	docHTML
)

// classify tells a document's kind from its bytes.
func classify(body []byte) (docKind, map[string]any) {
	trim := strings.TrimSpace(string(body[:min(len(body), 512)]))
	if strings.HasPrefix(trim, "<") {
		return docHTML, nil
	}
	var m map[string]any
	if json.Unmarshal(body, &m) != nil {
		return docUnknown, nil
	}
	switch {
	case m["hasPart"] != nil:
		return docCollection, m
	case m["dataset"] != nil && hasType(m, "DataCatalog"):
		return docCatalogue, m
	case hasType(m, "Dataset"):
		return docDataset, m
	case m["items"] != nil && m["next"] != nil:
		return docFeed, m
	case m["dataset"] != nil:
		return docCatalogue, m
	}
	return docUnknown, m
}

// normType strips the vocabulary prefixes from a @type value.
func normType(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"https://schema.org/", "http://schema.org/", "https://openactive.io/", "schema:", "oa:"} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

// types lists a node's @type (or legacy type) values, normalised.
func types(m map[string]any) []string {
	v := m["@type"]
	if v == nil {
		v = m["type"]
	}
	var out []string
	switch t := v.(type) {
	case string:
		out = append(out, normType(t))
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, normType(s))
			}
		}
	}
	return out
}

func hasType(m map[string]any, want string) bool {
	for _, t := range types(m) {
		if t == want {
			return true
		}
	}
	return false
}

// strings lists the string values of a property (a string or an array of
// strings, or objects with @id / url).
func stringList(v any) []string {
	switch t := v.(type) {
	case string:
		if s := strings.TrimSpace(t); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, x := range t {
			out = append(out, stringList(x)...)
		}
		return out
	case map[string]any:
		for _, k := range []string{"@id", "url", "value"} {
			if s, ok := t[k].(string); ok && s != "" {
				return []string{s}
			}
		}
	case float64:
		return []string{fmt.Sprint(t)}
	}
	return nil
}

func str(m map[string]any, k string) string {
	if s, ok := m[k].(string); ok {
		return strings.TrimSpace(s)
	}
	return ""
}

// findDataset returns the first node typed Dataset in a JSON-LD document
// (an object, an array, or an @graph), or the first node at all.
func findDataset(v any) (ds map[string]any, first map[string]any) {
	switch t := v.(type) {
	case map[string]any:
		if hasType(t, "Dataset") {
			return t, t
		}
		first = t
		if g, ok := t["@graph"]; ok {
			if d, _ := findDataset(g); d != nil {
				return d, first
			}
		}
	case []any:
		for _, x := range t {
			d, f := findDataset(x)
			if first == nil {
				first = f
			}
			if d != nil {
				return d, first
			}
		}
	}
	return nil, first
}

// resolve makes ref absolute against base.
func resolve(base, ref string) string {
	b, err := url.Parse(base)
	r, err2 := url.Parse(strings.TrimSpace(ref))
	if err != nil || err2 != nil {
		return ref
	}
	return b.ResolveReference(r).String()
}
