// Package postcode normalises and validates UK postcodes exactly as
// scoring.md §8.1.7 defines: remove all Unicode White_Space, upper-case, match
// the published pattern, and put one space before the last three characters.
package postcode

import (
	"regexp"
	"strings"
	"unicode"
)

var pattern = regexp.MustCompile(`^(GIR0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?|[0-9][A-HJKPS-UW])[0-9][ABD-HJLNP-UW-Z]{2})$`)

// Normalise returns the normalised form ("M1 1AE") and whether s is a valid
// UK postcode. An invalid input returns "" and false.
func Normalise(s string) (string, bool) {
	compact := strings.Map(func(r rune) rune {
		if unicode.Is(unicode.White_Space, r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, s)
	if !pattern.MatchString(compact) {
		return "", false
	}
	return compact[:len(compact)-3] + " " + compact[len(compact)-3:], true
}

// Valid reports whether s is a valid UK postcode.
func Valid(s string) bool {
	_, ok := Normalise(s)
	return ok
}
