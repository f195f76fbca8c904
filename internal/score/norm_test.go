package score

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestNormFastPathAgrees: Norm's ASCII path gives what the general one
// gives, on names made of words, the dropped words, apostrophes,
// punctuation, spacing and a little non-ASCII (which takes the general
// path).
func TestNormFastPathAgrees(t *testing.T) {
	parts := []string{"Active", "NOTTS", "ltd", "Ltd.", "LIMITED", "cic", "cio", "CIO", "club", "o'neil", "'", "’", " ", "  ", "\t", "-", "&", "(", ")",
		"42", "a1", "é", "Ünited", "\u00a0", "x"}
	r := rand.New(rand.NewPCG(11, 12))
	cases := []string{"", " ", "ltd", " ltd ", "A Ltd", "ltd A", "ltd ltd", "Smith & Sons Ltd.", "St. John's CIC"}
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := r.IntN(7); k >= 0; k-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		if got, want := Norm(s), normText(s); got != want {
			t.Fatalf("Norm(%q) = %q, want %q", s, got, want)
		}
	}
}
