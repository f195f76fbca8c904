package postcode

import "testing"

func TestNormalise(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"M1 1AE", "M1 1AE", true},
		{"m11ae", "M1 1AE", true},
		{"  wa15   8rb ", "WA15 8RB", true},
		{"SW1A1AA", "SW1A 1AA", true},
		{"sw1a\u00a01aa", "SW1A 1AA", true},
		{"EC1A 1BB", "EC1A 1BB", true},
		{"W1A 0AX", "W1A 0AX", true},
		{"GIR 0AA", "GIR 0AA", true},
		{"QA1 1AA", "", false}, // Q never starts a postcode
		{"M1 1CA", "", false},  // C is not allowed in the inward letters
		{"M1", "", false},
		{"", "", false},
		{"M1-1AE", "", false}, // a hyphen is not white space
		{"123 456", "", false},
	}
	for _, c := range cases {
		got, ok := Normalise(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("Normalise(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
