package oruk

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// obj is an OpenActive JSON object decoded with exact numbers.
type obj map[string]any

// decodeObj decodes a JSON object keeping numbers as json.Number.
func decodeObj(data []byte) (obj, bool) {
	// The scorer's parser is several times faster than encoding/json into
	// maps; numbers keep their literal as json.Number, as UseNumber did.
	v, err := jsonld.Parse(data)
	if err != nil || v.Kind != jsonld.Object {
		return nil, false
	}
	return obj(toAny(v).(map[string]any)), true
}

// toAny turns a parsed tree into encoding/json's shapes.
func toAny(v *jsonld.Value) any {
	switch v.Kind {
	case jsonld.Bool:
		return v.B
	case jsonld.Number:
		return json.Number(v.S)
	case jsonld.String:
		return v.S
	case jsonld.Array:
		out := make([]any, len(v.A))
		for i, e := range v.A {
			out[i] = toAny(e)
		}
		return out
	case jsonld.Object:
		out := make(map[string]any, len(v.O))
		for _, m := range v.O {
			out[m.Key] = toAny(m.Val)
		}
		return out
	}
	return nil
}

// get returns the first present value of keys (`@id` then `id` …).
func (o obj) get(keys ...string) any {
	for _, k := range keys {
		if v, ok := o[k]; ok && present(v) {
			return v
		}
	}
	return nil
}

// str returns the first string value of keys, trimmed.
func (o obj) str(keys ...string) string {
	for _, k := range keys {
		if s, ok := o[k].(string); ok && jsonld.Trim(s) != "" {
			return jsonld.Trim(s)
		}
	}
	return ""
}

func (o obj) id() string { return o.str("@id", "id") }

// typ is the normalised @type (scoring.md §8.1.1).
func (o obj) typ() string {
	v := o.get("@type", "type")
	if a, ok := v.([]any); ok && len(a) > 0 {
		v = a[0]
	}
	s, _ := v.(string)
	s = jsonld.Trim(s)
	for _, p := range []string{"https://openactive.io/", "https://schema.org/", "http://schema.org/", "schema:", "oa:"} {
		if strings.HasPrefix(s, p) {
			return s[len(p):]
		}
	}
	return s
}

// objs returns the objects of a value: an object, or the objects of a list.
func objs(v any) []obj {
	switch x := v.(type) {
	case map[string]any:
		return []obj{x}
	case []any:
		var out []obj
		for _, e := range x {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

// strs returns the strings of a value: a string, or the strings of a list.
func strs(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// number returns a JSON number ≥ 0.
func number(v any) (json.Number, bool) {
	n, ok := v.(json.Number)
	if !ok || jsonld.CmpNumber(string(n), "0") < 0 {
		return "", false
	}
	return n, true
}

// present is §8.1.2 presence for decoded values.
func present(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		return jsonld.Trim(x) != ""
	case []any:
		for _, e := range x {
			if present(e) {
				return true
			}
		}
		return false
	}
	return true
}

// findActivity finds the activity object in an item's data: the object
// whose @id is activityID at any depth, else (for keys ending "#parent")
// the first inline parent, else the data itself.
func findActivity(data obj, activityID string) obj {
	if data.id() == activityID {
		return data
	}
	if o := findByID(data, activityID, 0); o != nil {
		return o
	}
	if strings.HasSuffix(activityID, "#parent") {
		for _, k := range []string{"superEvent", "facilityUse"} {
			if p := objs(data[k]); len(p) > 0 {
				return p[0]
			}
		}
	}
	return data
}

func findByID(v any, id string, depth int) obj {
	if depth > 32 {
		return nil
	}
	switch x := v.(type) {
	case map[string]any:
		if obj(x).id() == id {
			return x
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if o := findByID(x[k], id, depth+1); o != nil {
				return o
			}
		}
	case []any:
		for _, e := range x {
			if o := findByID(e, id, depth+1); o != nil {
				return o
			}
		}
	}
	return nil
}
