package discover

import (
	"strings"
	"testing"
)

func TestLoadSources(t *testing.T) {
	cases := []struct {
		name, yaml string
		want       []Source
		bad        bool
	}{
		{"list under sources", "sources:\n  - url: https://a.example/x.jsonld\n    label: live\n  - https://b.example/\n",
			[]Source{{URL: "https://a.example/x.jsonld", Label: "live"}, {URL: "https://b.example/"}}, false},
		{"bare list", "- https://a.example/\n", []Source{{URL: "https://a.example/"}}, false},
		{"empty file", "", nil, false},
		{"not a URL", "- ftp://x\n", nil, true},
		{"a map without sources", "urls: []\n", nil, true},
	}
	for _, tc := range cases {
		got, err := LoadSources(strings.NewReader(tc.yaml))
		if (err != nil) != tc.bad {
			t.Errorf("%s: error %v", tc.name, err)
			continue
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: got %+v", tc.name, got)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: got %+v want %+v", tc.name, got[i], tc.want[i])
			}
		}
	}
}
