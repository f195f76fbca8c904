// Package jsonld reads OpenActive JSON-LD exactly as scoring.md §8.1 says:
// a light tree parsed once per item, `id`/`type` read as `@id`/`@type`,
// absent/present, Unicode White_Space trimming, exact numbers, date-times,
// absolute URLs and HTML tags. It is pure and holds no global mutable state.
package jsonld

import (
	"iter"
	"strings"
)

// Kind is the JSON kind of a Value.
type Kind uint8

// JSON kinds.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// Value is one node of the tree. Numbers keep their JSON literal in S so they
// can be compared exactly (never through floating point).
type Value struct {
	Kind Kind
	B    bool
	S    string // the string, or the number literal
	A    []*Value
	O    []Member
}

// Member is one key of an object, in document order.
type Member struct {
	Key string
	Val *Value
}

// Get returns the value of key in an object, or nil. Keys match literally;
// the `id`/`type` aliases were already applied when parsing.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Object {
		return nil
	}
	for i := range v.O {
		if v.O[i].Key == key {
			return v.O[i].Val
		}
	}
	return nil
}

// Str returns the string value and whether v is a string.
func (v *Value) Str() (string, bool) {
	if v == nil || v.Kind != String {
		return "", false
	}
	return v.S, true
}

// IsObject reports whether v is an object.
func (v *Value) IsObject() bool { return v != nil && v.Kind == Object }

// Absent reports §8.1.2 absence: nil, null, a string empty after trimming,
// [] or an array whose elements are all absent.
func Absent(v *Value) bool {
	if v == nil {
		return true
	}
	switch v.Kind {
	case Null:
		return true
	case String:
		return IsBlank(v.S)
	case Array:
		for _, e := range v.A {
			if !Absent(e) {
				return false
			}
		}
		return true
	}
	return false
}

// Present is the negation of Absent.
func Present(v *Value) bool { return !Absent(v) }

// Items returns v as a list: the elements of an array, or v itself. A nil or
// null v gives none.
func Items(v *Value) []*Value {
	if v == nil || v.Kind == Null {
		return nil
	}
	if v.Kind == Array {
		return v.A
	}
	return []*Value{v}
}

// Objects returns the objects among Items(v).
func Objects(v *Value) []*Value {
	var out []*Value
	for _, e := range Items(v) {
		if e.IsObject() {
			out = append(out, e)
		}
	}
	return out
}

// typePrefixes are removed (once) from a @type, §8.1.1.
var typePrefixes = [...]string{"https://openactive.io/", "https://schema.org/", "http://schema.org/", "schema:", "oa:"}

// NormType normalises a @type value: the first element of an array, trimmed,
// with one known prefix removed. A non-string gives "".
func NormType(v *Value) string {
	if v != nil && v.Kind == Array {
		if len(v.A) == 0 {
			return ""
		}
		v = v.A[0]
	}
	s, ok := v.Str()
	if !ok {
		return ""
	}
	s = Trim(s)
	for _, p := range typePrefixes {
		if strings.HasPrefix(s, p) {
			return s[len(p):]
		}
	}
	return s
}

// TypeOf is NormType of the object's @type.
func TypeOf(obj *Value) string { return NormType(obj.Get("@type")) }

// NormSchemaIRI rewrites `http://schema.org/` and `schema:` to
// `https://schema.org/`, for eventAttendanceMode, eventStatus, byDay and
// genderRestriction values (§8.1.1).
func NormSchemaIRI(s string) string {
	switch {
	case strings.HasPrefix(s, "http://schema.org/"):
		return "https://schema.org/" + s[len("http://schema.org/"):]
	case strings.HasPrefix(s, "schema:"):
		return "https://schema.org/" + s[len("schema:"):]
	}
	return s
}

// ID returns the object's @id when it is a string.
func ID(obj *Value) (string, bool) { return obj.Get("@id").Str() }

// EachItem ranges over Items(v) without building a slice.
func EachItem(v *Value) iter.Seq[*Value] {
	return func(yield func(*Value) bool) {
		switch {
		case v == nil || v.Kind == Null:
		case v.Kind == Array:
			for _, e := range v.A {
				if !yield(e) {
					return
				}
			}
		default:
			yield(v)
		}
	}
}

// EachObject ranges over Objects(v) without building a slice.
func EachObject(v *Value) iter.Seq[*Value] {
	return func(yield func(*Value) bool) {
		for e := range EachItem(v) {
			if e.IsObject() && !yield(e) {
				return
			}
		}
	}
}
