package jsonld

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// String reading: JSON escapes, surrogate pairs and invalid UTF-8, decoded
// as encoding/json does so both readers see the same code points (§8.1.3).

func (p *parser) str() (string, error) {
	src, start := p.src, p.i+1 // after the opening quote
	var high byte              // the OR of the bytes: only non-ASCII needs validating
	// The scan uses locals, not p.i: it is the parser's hottest loop.
	for i := start; i < len(src); i++ {
		c := src[i]
		high |= c
		switch {
		case c == '"':
			p.i = i + 1
			s := src[start:i]
			if high >= utf8.RuneSelf && !utf8.ValidString(s) {
				s = toValidUTF8(s)
			}
			return s, nil
		case c == '\\':
			p.i = i
			return p.escaped(start)
		case c < 0x20:
			p.i = i
			return "", p.fail("control character in string")
		}
	}
	p.i = len(src)
	return "", p.fail("unterminated string")
}

// escaped finishes a string that holds escapes, building a new string.
func (p *parser) escaped(start int) (string, error) {
	buf := []byte(p.src[start:p.i])
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == '"':
			p.i++
			return toValidUTF8(string(buf)), nil
		case c < 0x20:
			return "", p.fail("control character in string")
		case c != '\\':
			buf = append(buf, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.src) {
			return "", p.fail("bad escape")
		}
		e := p.src[p.i+1]
		p.i += 2
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, err := p.unicodeEscape()
			if err != nil {
				return "", err
			}
			buf = utf8.AppendRune(buf, r)
		default:
			return "", p.fail("bad escape")
		}
	}
	return "", p.fail("unterminated string")
}

// unicodeEscape reads XXXX after \u, joining surrogate pairs; a lone
// surrogate becomes U+FFFD as in encoding/json.
func (p *parser) unicodeEscape() (rune, error) {
	r, ok := p.hex4()
	if !ok {
		return 0, p.fail("bad \\u escape")
	}
	if utf16.IsSurrogate(r) {
		save := p.i
		if p.i+1 < len(p.src) && p.src[p.i] == '\\' && p.src[p.i+1] == 'u' {
			p.i += 2
			if r2, ok := p.hex4(); ok {
				if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
					return d, nil
				}
			}
		}
		p.i = save
		return utf8.RuneError, nil
	}
	return r, nil
}

func (p *parser) hex4() (rune, bool) {
	if p.i+4 > len(p.src) {
		return 0, false
	}
	n, err := strconv.ParseUint(p.src[p.i:p.i+4], 16, 32)
	if err != nil {
		return 0, false
	}
	p.i += 4
	return rune(n), true
}

// toValidUTF8 replaces each invalid byte with U+FFFD, as encoding/json does.
func toValidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		out = append(out, r)
	}
	return string(out)
}
