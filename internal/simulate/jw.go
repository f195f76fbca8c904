package simulate

import (
	"strconv"
	"unicode/utf8"
)

// jw writes JSON by appending, with commas handled: fast enough to build a
// million items on demand, and correct for any text (hostile text too).
type jw struct {
	b     []byte
	comma bool
}

func (w *jw) sep() {
	if w.comma {
		w.b = append(w.b, ',')
	}
	w.comma = true
}

func (w *jw) open()     { w.sep(); w.b = append(w.b, '{'); w.comma = false }
func (w *jw) close()    { w.b = append(w.b, '}'); w.comma = true }
func (w *jw) openArr()  { w.sep(); w.b = append(w.b, '['); w.comma = false }
func (w *jw) closeArr() { w.b = append(w.b, ']'); w.comma = true }
func (w *jw) key(k string) {
	w.sep()
	w.b = appendString(w.b, k)
	w.b = append(w.b, ':')
	w.comma = false
}

func (w *jw) str(s string)         { w.sep(); w.b = appendString(w.b, s) }
func (w *jw) raw(s string)         { w.sep(); w.b = append(w.b, s...) }
func (w *jw) num(n int64)          { w.sep(); w.b = strconv.AppendInt(w.b, n, 10) }
func (w *jw) flt(f float64)        { w.sep(); w.b = strconv.AppendFloat(w.b, f, 'f', -1, 64) }
func (w *jw) boolean(v bool)       { w.sep(); w.b = strconv.AppendBool(w.b, v) }
func (w *jw) kv(k, v string)       { w.key(k); w.str(v) }
func (w *jw) kn(k string, n int64) { w.key(k); w.num(n) }
func (w *jw) kobj(k string)        { w.key(k); w.open() }
func (w *jw) karr(k string)        { w.key(k); w.openArr() }

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, s[start:i]...)
				b = append(b, `\ufffd`...)
				i++
				start = i
				continue
			}
			i += size
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
