package oruk

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// tree builds the parsed form of a converted service directly, exactly as
// jsonld.Parse(json.Marshal(v)) reads it: readiness scores every OpenActive
// activity of every snapshot, and the JSON round trip was most of its cost.
// It follows encoding/json's rules for the shapes the V3 types use (strings,
// json.Number, ints, slices, pointers and structs with `json` tags and
// omitempty) and the parser's (`id` read as `@id`; invalid UTF-8 replaced as
// Marshal replaces it). TestTreeEqualsRoundTrip holds the two together.
func tree(v any) *jsonld.Value {
	return treeOf(reflect.ValueOf(v))
}

var numberType = reflect.TypeFor[json.Number]()

func treeOf(v reflect.Value) *jsonld.Value {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return &jsonld.Value{Kind: jsonld.Null}
		}
		return treeOf(v.Elem())
	case reflect.String:
		if v.Type() == numberType {
			s := v.String()
			if s == "" {
				s = "0"
			}
			return &jsonld.Value{Kind: jsonld.Number, S: s}
		}
		return &jsonld.Value{Kind: jsonld.String, S: validUTF8(v.String())}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return &jsonld.Value{Kind: jsonld.Number, S: strconv.FormatInt(v.Int(), 10)}
	case reflect.Bool:
		return &jsonld.Value{Kind: jsonld.Bool, B: v.Bool()}
	case reflect.Slice:
		if v.IsNil() {
			return &jsonld.Value{Kind: jsonld.Null}
		}
		out := &jsonld.Value{Kind: jsonld.Array, A: make([]*jsonld.Value, v.Len())}
		for i := range out.A {
			out.A[i] = treeOf(v.Index(i))
		}
		return out
	case reflect.Struct:
		return structTree(v)
	}
	// The V3 types hold nothing else; a new field kind must be added here
	// and to the round-trip test.
	panic("oruk: tree of unsupported kind " + v.Kind().String())
}

func structTree(v reflect.Value) *jsonld.Value {
	fields := planOf(v.Type())
	out := &jsonld.Value{Kind: jsonld.Object, O: make([]jsonld.Member, 0, len(fields))}
	hasID := false
	for _, f := range fields {
		fv := v.Field(f.index)
		if f.omitEmpty && emptyValue(fv) {
			continue
		}
		hasID = hasID || f.key == "@id"
		out.O = append(out.O, jsonld.Member{Key: f.key, Val: treeOf(fv)})
	}
	for i := range out.O {
		if out.O[i].Key == "id" && !hasID {
			out.O[i].Key = "@id"
		}
	}
	return out
}

// emptyValue is encoding/json's omitempty test for these kinds.
func emptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String, reflect.Slice:
		return v.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Bool:
		return !v.Bool()
	}
	return false
}

type fieldPlan struct {
	index     int
	key       string
	omitEmpty bool
}

var plans sync.Map // reflect.Type → []fieldPlan

func planOf(t reflect.Type) []fieldPlan {
	if p, ok := plans.Load(t); ok {
		return p.([]fieldPlan)
	}
	var p []fieldPlan
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		p = append(p, fieldPlan{index: i, key: name, omitEmpty: opts == "omitempty"})
	}
	plans.Store(t, p)
	return p
}

// validUTF8 replaces each invalid byte with U+FFFD, as json.Marshal does.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
