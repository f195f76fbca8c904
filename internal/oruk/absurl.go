package oruk

import (
	"strings"
	"unicode/utf8"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// isAbsURL is jsonld.IsAbsURL, answered without decoding runes when s is
// ASCII, as almost every address is: readiness tests a handful of addresses
// per activity and the rune-by-rune White_Space scan was a twentieth of it.
// Any ASCII White_Space makes the answer false there too: in the scheme it
// fails the scheme, after it the no-space rule.
func isAbsURL(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return jsonld.IsAbsURL(s)
		case c == ' ' || c >= '\t' && c <= '\r':
			return false
		}
	}
	var rest string
	switch {
	case len(s) >= 8 && strings.EqualFold(s[:8], "https://"):
		rest = s[8:]
	case len(s) >= 7 && strings.EqualFold(s[:7], "http://"):
		rest = s[7:]
	default:
		return false
	}
	return rest != "" && rest[0] != '/' && rest[0] != '?' && rest[0] != '#'
}

// isAbsURLValue is jsonld.IsAbsURLValue with isAbsURL.
func isAbsURLValue(v *jsonld.Value) bool {
	s, ok := v.Str()
	return ok && isAbsURL(s)
}
