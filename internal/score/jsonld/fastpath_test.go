package jsonld

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// The text helpers have ASCII fast paths; these are the plain definitions
// they must agree with, on every string.
func slowTrim(s string) string { return strings.TrimFunc(s, IsSpace) }

func slowAbsURL(s string) bool {
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
	return strings.IndexFunc(rest, IsSpace) < 0
}

// textCases are edge cases plus random strings over an alphabet of ASCII,
// White_Space past ASCII, other multi-byte code points and invalid bytes.
func textCases(n int) []string {
	cases := []string{"", " ", "x", " x", "x ", "\t\r\n\v\f", "\u00a0", "x\u00a0", "\u3000x", "\xff", "x\xff", "\xffx ",
		"\xc2", "\xc2\xa0", "a\xc2", "https://x", "https://x\u2028", "http://a b", "https://\xff", "https://x/\x85"}
	parts := []string{"a", "Z", "/", ":", " ", "\t", "\n", "\u00a0", "\u0085", "\u2009", "\u3000", "é", "😀", "\xff", "\xc2", "\x80",
		"https://", "http://", "?", "#", "\u200b"}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < n; i++ {
		var b strings.Builder
		for k := r.IntN(6); k >= 0; k-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		cases = append(cases, b.String())
	}
	return cases
}

func TestTextFastPathsAgree(t *testing.T) {
	for _, s := range textCases(20000) {
		if got, want := Trim(s), slowTrim(s); got != want {
			t.Errorf("Trim(%q) = %q, want %q", s, got, want)
		}
		if got, want := IsBlank(s), slowTrim(s) == ""; got != want {
			t.Errorf("IsBlank(%q) = %v, want %v", s, got, want)
		}
		if got, want := IsAbsURL(s), slowAbsURL(s); got != want {
			t.Errorf("IsAbsURL(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestStringsValidated: strings are repaired exactly when not valid UTF-8,
// whatever mix of ASCII and other bytes they hold.
func TestStringsValidated(t *testing.T) {
	for _, s := range textCases(5000) {
		doc := `"` + strings.NewReplacer(`\`, ``, `"`, ``, "\n", ``, "\t", ``, "\r", ``, "\v", ``, "\f", ``).Replace(s) + `"`
		v, err := ParseShared(doc)
		if err != nil {
			t.Fatalf("%q: %v", doc, err)
		}
		if want := string([]rune(doc[1 : len(doc)-1])); v.S != want || !utf8.ValidString(v.S) {
			t.Errorf("%q: got %q, want %q", doc, v.S, want)
		}
	}
}

// TestStringsAsEncodingJSON: strings of every length, with quotes, escapes,
// control characters and non-ASCII bytes at any offset, read as
// encoding/json reads them (or are rejected by both).
func TestStringsAsEncodingJSON(t *testing.T) {
	parts := []string{"a", "bcdefgh", `\"`, `\\`, `\n`, `\u00e9`, `\ud83d\ude00`, `\ud800`, "é", "\xff", "\x01", "\t", `\x`, "ijklmnopqrstu"}
	r := rand.New(rand.NewPCG(7, 8))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		b.WriteString(`"`)
		for k := r.IntN(8); k >= 0; k-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		b.WriteString(`"`)
		doc := b.String()
		var want string
		werr := json.Unmarshal([]byte(doc), &want)
		got, gerr := ParseShared(doc)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("%q: encoding/json error %v, ours %v", doc, werr, gerr)
		}
		if werr == nil && got.S != want {
			t.Fatalf("%q: got %q, want %q", doc, got.S, want)
		}
	}
}

// refDecimal is the plain definition parseDecimal and cmpAbs must agree
// with: digits built by concatenation, compared as zero-padded strings.
func refDecimal(lit string) decimal {
	var d decimal
	if strings.HasPrefix(lit, "-") {
		d.neg, lit = true, lit[1:]
	}
	mant, e := lit, 0
	if k := strings.IndexAny(lit, "eE"); k >= 0 {
		mant, e = lit[:k], parseExp(lit[k+1:])
	}
	intPart, frac := mant, ""
	if k := strings.IndexByte(mant, '.'); k >= 0 {
		intPart, frac = mant[:k], mant[k+1:]
	}
	all := intPart + frac
	lead := len(all) - len(strings.TrimLeft(all, "0"))
	all = strings.TrimRight(all[lead:], "0")
	if all == "" {
		return decimal{}
	}
	d.digits, d.exp = all, e+len(intPart)-lead
	return d
}

func refCmpAbs(a, b decimal) int {
	n := max(len(a.digits), len(b.digits))
	return strings.Compare(a.digits+strings.Repeat("0", n-len(a.digits)), b.digits+strings.Repeat("0", n-len(b.digits)))
}

func TestDecimalsAgree(t *testing.T) {
	parts := []string{"0", "00", "1", "5", "10", "900", "52", "007", "5200", "52001"}
	r := rand.New(rand.NewPCG(9, 10))
	lit := func() string {
		var b strings.Builder
		if r.IntN(3) == 0 {
			b.WriteString("-")
		}
		b.WriteString(parts[r.IntN(len(parts))])
		if r.IntN(2) == 0 {
			b.WriteString(".")
			b.WriteString(parts[r.IntN(len(parts))])
			b.WriteString(parts[r.IntN(len(parts))])
		}
		if r.IntN(4) == 0 {
			b.WriteString([]string{"e", "E", "e-", "E+"}[r.IntN(4)])
			b.WriteString(parts[r.IntN(len(parts))])
		}
		return b.String()
	}
	for n := 0; n < 50000; n++ {
		a, b := lit(), lit()
		da, db := parseDecimal(a), parseDecimal(b)
		if ra := refDecimal(a); da != ra {
			t.Fatalf("parseDecimal(%q) = %+v, want %+v", a, da, ra)
		}
		if da.digits != "" && db.digits != "" && da.exp == db.exp {
			if got, want := cmpAbs(da, db), refCmpAbs(da, db); got != want {
				t.Fatalf("cmpAbs(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}
