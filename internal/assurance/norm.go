package assurance

import (
	"strings"
	"unicode"
)

// norm is scoring.md §8.9's norm(s), used here only to give imported rows
// stable ids (grants.Norm is the same function; the scorer has its own).
func norm(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\'' || r == '’':
			return -1
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return unicode.ToLower(r)
		}
		return ' '
	}, s)
	var out []string
	for _, w := range strings.Fields(s) {
		switch w {
		case "ltd", "limited", "cic", "cio":
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}
