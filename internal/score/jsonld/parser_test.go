package jsonld

import (
	"reflect"
	"strings"
	"testing"
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
