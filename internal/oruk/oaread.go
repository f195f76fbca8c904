package oruk

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// obj is an OpenActive JSON object decoded with exact numbers.
type obj map[string]any

// fromAny turns a decoded map (encoding/json's shapes, numbers as
// json.Number) into the tree the parser would give, so Convert's callers
// share the crosswalk that reads parsed trees. Object members come in key
// order: the crosswalk's results never depend on member order.
func fromAny(v any) *jsonld.Value {
	switch x := v.(type) {
	case bool:
		return &jsonld.Value{Kind: jsonld.Bool, B: x}
	case json.Number:
		return &jsonld.Value{Kind: jsonld.Number, S: string(x)}
	case string:
		return &jsonld.Value{Kind: jsonld.String, S: x}
	case []any:
		out := &jsonld.Value{Kind: jsonld.Array, A: make([]*jsonld.Value, len(x))}
		for i, e := range x {
			out.A[i] = fromAny(e)
		}
		return out
	case map[string]any:
		out := &jsonld.Value{Kind: jsonld.Object, O: make([]jsonld.Member, 0, len(x))}
		for k, e := range x {
			out.O = append(out.O, jsonld.Member{Key: k, Val: fromAny(e)})
		}
		slices.SortFunc(out.O, func(a, b jsonld.Member) int { return cmp.Compare(a.Key, b.Key) })
		return out
	}
	return &jsonld.Value{Kind: jsonld.Null}
}

// str returns the first string value of keys in o, trimmed.
func str(o *jsonld.Value, keys ...string) string {
	for _, k := range keys {
		if s, ok := o.Get(k).Str(); ok {
			if t := jsonld.Trim(s); t != "" {
				return t
			}
		}
	}
	return ""
}

// idOf is an object's @id (or id), trimmed.
func idOf(o *jsonld.Value) string { return str(o, "@id", "id") }

// firstObject is the first object of a value: the value itself, or the
// first object of a list; nil when there is none.
func firstObject(v *jsonld.Value) *jsonld.Value {
	for o := range jsonld.EachObject(v) {
		return o
	}
	return nil
}

// numberOf returns a JSON number ≥ 0.
func numberOf(v *jsonld.Value) (json.Number, bool) {
	if !jsonld.IsNumber(v) || jsonld.CmpNumber(v.S, "0") < 0 {
		return "", false
	}
	return json.Number(v.S), true
}

// findActivity finds the activity object in an item's data (method B.7
// converts the activity, not the item that carries it): the object whose
// @id is activityID at any depth — a session's inline superEvent, a slot's
// facilityUse —, else (for keys ending "#parent") the first inline parent,
// else the data itself.
func findActivity(data *jsonld.Value, activityID string) *jsonld.Value {
	if idOf(data) == activityID {
		return data
	}
	if o := findByID(data, activityID, 0); o != nil {
		return o
	}
	if strings.HasSuffix(activityID, "#parent") {
		for _, k := range []string{"superEvent", "facilityUse"} {
			if p := firstObject(data.Get(k)); p != nil {
				return p
			}
		}
	}
	return data
}

// findByID is the first object under v whose @id is id, keys visited in
// sorted order so that a repeated id always resolves the same way.
func findByID(v *jsonld.Value, id string, depth int) *jsonld.Value {
	if v == nil || depth > 32 {
		return nil
	}
	switch v.Kind {
	case jsonld.Object:
		if idOf(v) == id {
			return v
		}
		members := slices.SortedFunc(slices.Values(v.O), func(a, b jsonld.Member) int { return strings.Compare(a.Key, b.Key) })
		for _, m := range members {
			if o := findByID(m.Val, id, depth+1); o != nil {
				return o
			}
		}
	case jsonld.Array:
		for _, e := range v.A {
			if o := findByID(e, id, depth+1); o != nil {
				return o
			}
		}
	}
	return nil
}
