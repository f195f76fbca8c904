package jsonld

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// TestParserRecycles: a recycling Parser gives the trees ParseShared gives,
// one document after another, whatever the previous document left behind.
func TestParserRecycles(t *testing.T) {
	docs := []string{
		`{"a":[1,2,{"b":"c"}],"id":"x","type":"T","d":{"e":null,"f":true}}`,
		`[]`, `"s"`, `{"@id":"y","id":"z","big":[` + strings.Repeat(`{"k":[1,2,3]},`, 300) + `{}]}`,
		`{"a":1,"a":2}`, `{"u":"\u00e9\ud83d\ude00","v":"bad \ud800"}`, `{"x":`, `{}`, `[[],[[]],{}]`,
		`{` + strings.Repeat(`"k`+`":1,`, 40) + `"z":2}`,
	}
	var ps Parser
	for round := 0; round < 3; round++ {
		for _, d := range docs {
			want, werr := ParseShared(d)
			got, gerr := ps.Parse(d)
			if (werr == nil) != (gerr == nil) || !reflect.DeepEqual(got, want) {
				t.Errorf("%.40s: recycled parse differs", d)
			}
		}
	}
}

// TestParseOwned: an owned parse gives the same tree, and none of its
// strings shares the source, so the source's buffer may be reused.
func TestParseOwned(t *testing.T) {
	docs := []string{
		`{"a":[1,2.5e3,{"b":"c"}],"id":"x","type":"T","d":{"e":null,"f":true}}`,
		`{"u":"\u00e9\ud83d\ude00","v":"bad \ud800","name":"plain","n":-12}`, `"s"`, `[]`,
	}
	var ps Parser
	for _, d := range docs {
		want, _ := ParseShared(d)
		buf := []byte(d)
		got, err := ps.ParseOwned(string(buf))
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: owned parse differs", d)
		}
		src := strings.Clone(d)
		got, _ = ps.ParseOwned(src)
		lo, hi := uintptr(unsafe.Pointer(unsafe.StringData(src))), uintptr(unsafe.Pointer(unsafe.StringData(src)))+uintptr(len(src))
		var walk func(v *Value)
		walk = func(v *Value) {
			for _, s := range []string{v.S} {
				if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); s != "" && p >= lo && p < hi {
					t.Errorf("%s: %q shares the source", d, s)
				}
			}
			for _, e := range v.A {
				walk(e)
			}
			for _, m := range v.O {
				if p := uintptr(unsafe.Pointer(unsafe.StringData(m.Key))); p >= lo && p < hi {
					t.Errorf("%s: key %q shares the source", d, m.Key)
				}
				walk(m.Val)
			}
		}
		walk(got)
	}
}
