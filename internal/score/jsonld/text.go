package jsonld

import (
	"strings"
	"unicode/utf8"
)

// IsSpace reports Unicode White_Space, the set §8.14.1 lists for trimming and
// for `\s` in the method's regular expressions. Go's regexp `\s` is ASCII
// only, so the method's patterns are matched by hand below.
func IsSpace(r rune) bool {
	switch {
	case r >= 0x09 && r <= 0x0D, r == 0x20, r == 0x85, r == 0xA0, r == 0x1680:
		return true
	case r >= 0x2000 && r <= 0x200A:
		return true
	case r == 0x2028, r == 0x2029, r == 0x202F, r == 0x205F, r == 0x3000:
		return true
	}
	return false
}

// Trim removes leading and trailing White_Space (§8.1.3). Most strings
// start and end with an ASCII character that is not a space, and a byte
// below 0x80 is always a whole code point, so those are returned at once.
func Trim(s string) string {
	if len(s) > 0 && isASCIIWord(s[0]) && isASCIIWord(s[len(s)-1]) {
		return s
	}
	return strings.TrimFunc(s, IsSpace)
}

// isASCIIWord reports an ASCII byte that is not White_Space.
func isASCIIWord(c byte) bool { return c < utf8.RuneSelf && c != ' ' && (c < '\t' || c > '\r') }

// IsBlank reports Trim(s) == "" without trimming: whether s holds only
// White_Space.
func IsBlank(s string) bool { return indexNonSpace(s, false) < 0 }

// hasSpace reports whether s holds some White_Space. Printable ASCII,
// all of a typical URL, is passed over without decoding.
func hasSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= utf8.RuneSelf {
			return indexNonSpace(s[i:], true) >= 0
		}
	}
	return false
}

// indexNonSpace returns the index of the first code point that is White_Space
// (space true) or is not (space false), or -1. It decodes runes only past
// ASCII, as strings.IndexFunc would decode them.
func indexNonSpace(s string, space bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !isASCIIWord(c) == space {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if IsSpace(r) == space {
			return i
		}
		i += n
	}
	return -1
}

// Len is the length in code points (§8.1.3: no normalisation).
func Len(s string) int { return utf8.RuneCountInString(s) }

func isLetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

func isNameChar(c byte) bool {
	return isLetter(c) || (c >= '0' && c <= '9') || c == ':' || c == '_' || c == '.' || c == '-'
}

// FindHTMLTag returns the first match of §8.1.8's pattern
// `<[A-Za-z][A-Za-z0-9:_.-]*(?:[\s/][^>]*)?>|</[A-Za-z][A-Za-z0-9:_.-]*\s*>|<!--`
// (with Unicode `\s`), or "" when there is none.
func FindHTMLTag(s string) string {
	for i := strings.IndexByte(s, '<'); i >= 0; {
		if end := tagAt(s, i); end > i {
			return s[i:end]
		}
		j := strings.IndexByte(s[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return ""
}

// HasHTMLTag reports whether s contains an HTML tag (§8.1.8).
func HasHTMLTag(s string) bool { return FindHTMLTag(s) != "" }

// tagAt returns the end of a tag starting at s[i] == '<', or -1. The name
// class excludes every character that may follow it, so greedy matching
// without backtracking equals the regular expression.
func tagAt(s string, i int) int {
	rest := s[i+1:]
	if strings.HasPrefix(rest, "!--") {
		return i + 4
	}
	closing := strings.HasPrefix(rest, "/")
	j := i + 1
	if closing {
		j++
	}
	if j >= len(s) || !isLetter(s[j]) {
		return -1
	}
	for j++; j < len(s) && isNameChar(s[j]); j++ {
	}
	if closing {
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !IsSpace(r) {
				break
			}
			j += n
		}
		if j < len(s) && s[j] == '>' {
			return j + 1
		}
		return -1
	}
	if j < len(s) && s[j] == '>' {
		return j + 1
	}
	if j >= len(s) {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	if r != '/' && !IsSpace(r) {
		return -1
	}
	if k := strings.IndexByte(s[j:], '>'); k >= 0 {
		return j + k + 1
	}
	return -1
}

// IsAbsURL reports a match of §8.1.6's `^(?i:https?)://[^\s/?#]+(?:[/?#]\S*)?$`:
// an ASCII case-insensitive http or https scheme, then a non-empty
// remainder with no White_Space whose first character is not `/`, `?`, `#`.
func IsAbsURL(s string) bool {
	var rest string
	switch {
	case len(s) >= 8 && strings.EqualFold(s[:8], "https://"):
		rest = s[8:]
	case len(s) >= 7 && strings.EqualFold(s[:7], "http://"):
		rest = s[7:]
	default:
		return false
	}
	if rest == "" || rest[0] == '/' || rest[0] == '?' || rest[0] == '#' {
		return false
	}
	return !hasSpace(rest)
}

// IsAbsURLValue reports a string value that is an absolute http(s) URL.
func IsAbsURLValue(v *Value) bool {
	s, ok := v.Str()
	return ok && IsAbsURL(s)
}
