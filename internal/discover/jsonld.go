package discover

import "bytes"

// ExtractJSONLD returns the contents of every <script type="application/ld+json">
// element of an HTML page, in order. It is a small scanner rather than an
// HTML parser: script contents are raw text in HTML, so it only has to find
// the opening tag, check its type attribute, and cut at the closing tag.
func ExtractJSONLD(page []byte) [][]byte {
	var out [][]byte
	rest := page
	for {
		i := indexFold(rest, []byte("<script"))
		if i < 0 {
			return out
		}
		rest = rest[i+len("<script"):]
		if len(rest) > 0 && !isSpace(rest[0]) && rest[0] != '>' && rest[0] != '/' {
			continue // <scripts…> or similar
		}
		end := bytes.IndexByte(rest, '>')
		if end < 0 {
			return out
		}
		attrs := rest[:end]
		rest = rest[end+1:]
		closing := indexFold(rest, []byte("</script"))
		if closing < 0 {
			closing = len(rest)
		}
		if isJSONLD(attrs) {
			out = append(out, bytes.TrimSpace(rest[:closing]))
		}
		rest = rest[closing:]
	}
}

// isJSONLD checks a script tag's attributes for type=application/ld+json
// (any quoting, any case, parameters allowed).
func isJSONLD(attrs []byte) bool {
	low := bytes.ToLower(attrs)
	i := bytes.Index(low, []byte("type"))
	for i >= 0 {
		v := bytes.TrimLeft(low[i+4:], " \t\r\n")
		if len(v) > 0 && v[0] == '=' {
			v = bytes.TrimLeft(v[1:], " \t\r\n")
			v = bytes.TrimLeft(v, `"'`)
			if bytes.HasPrefix(v, []byte("application/ld+json")) {
				return true
			}
		}
		next := bytes.Index(low[i+4:], []byte("type"))
		if next < 0 {
			return false
		}
		i += 4 + next
	}
	return false
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' }

// indexFold is bytes.Index ignoring ASCII case of sep (sep is lower case).
func indexFold(s, sep []byte) int {
	n := len(sep)
	for i := 0; i+n <= len(s); i++ {
		if (s[i] | 0x20) != sep[0] {
			continue
		}
		if bytes.EqualFold(s[i:i+n], sep) {
			return i
		}
	}
	return -1
}
