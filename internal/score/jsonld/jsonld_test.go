package jsonld

import (
	"strings"
	"testing"
	"time"
)

func mustParse(t *testing.T, s string) *Value {
	t.Helper()
	v, err := Parse([]byte(s))
	if err != nil {
		t.Fatalf("Parse(%s): %v", s, err)
	}
	return v
}

func TestParseAliasesAndDuplicates(t *testing.T) {
	v := mustParse(t, `{"id":"a","type":"https://schema.org/Event","x":1,"x":2,"n":{"@id":"b","id":"c"}}`)
	if id, _ := ID(v); id != "a" {
		t.Errorf("id alias: got %q", id)
	}
	if TypeOf(v) != "Event" {
		t.Errorf("type alias + prefix: got %q", TypeOf(v))
	}
	if v.Get("x").S != "2" {
		t.Errorf("duplicate keys: last should win, got %s", v.Get("x").S)
	}
	if id, _ := ID(v.Get("n")); id != "b" || v.Get("n").Get("id").S != "c" {
		t.Errorf("@id present: id must stay literal")
	}
}

func TestParseErrors(t *testing.T) {
	for _, s := range []string{``, `{`, `{"a":}`, `[1,]`, `01`, `1.`, `"\x"`, "\"a\x01\"", `{"a":1}x`, `nul`, `-`, `1e`} {
		if _, err := Parse([]byte(s)); err == nil {
			t.Errorf("Parse(%q) succeeded", s)
		}
	}
	v := mustParse(t, `"\u00e9\ud83d\ude00\ud800"`)
	if v.S != "é😀\uFFFD" {
		t.Errorf("escapes: got %q", v.S)
	}
}

func TestDeepNesting(t *testing.T) {
	if _, err := Parse([]byte(strings.Repeat("[", 20000) + strings.Repeat("]", 20000))); err == nil {
		t.Error("20000-deep nesting accepted")
	}
}

func TestNormType(t *testing.T) {
	cases := map[string]string{
		`" Organization "`:                          "Organization",
		`"https://openactive.io/SessionSeries"`:     "SessionSeries",
		`"http://schema.org/Event"`:                 "Event",
		`"schema:Event"`:                            "Event",
		`"oa:Slot"`:                                 "Slot",
		`["Event","Place"]`:                         "Event",
		`"https://schema.org/https://schema.org/X"`: "https://schema.org/X", // one prefix only
		`5`:  "",
		`[]`: "",
	}
	for in, want := range cases {
		if got := NormType(mustParse(t, in)); got != want {
			t.Errorf("NormType(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestAbsent(t *testing.T) {
	cases := map[string]bool{
		`null`: true, `""`: true, "\" \u00a0\u3000\"": true, `[]`: true, `[null,""]`: true,
		`{}`: false, `false`: false, `0`: false, `[null,"x"]`: false, `"x"`: false,
	}
	for in, want := range cases {
		if got := Absent(mustParse(t, in)); got != want {
			t.Errorf("Absent(%s) = %v, want %v", in, got, want)
		}
	}
	if !Absent(nil) {
		t.Error("Absent(nil) = false")
	}
}

func TestTrimUnicodeWhiteSpace(t *testing.T) {
	s := "\u0085\u2028 x \u202f\u205f\u200a"
	if Trim(s) != "x" {
		t.Errorf("Trim = %q", Trim(s))
	}
	if Trim("\u200bx") != "\u200bx" { // zero-width space is not White_Space
		t.Error("U+200B trimmed")
	}
}

func TestHTMLTag(t *testing.T) {
	cases := map[string]string{
		"plain text":             "",
		"a <b>bold</b> word":     "<b>",
		"<p>":                    "<p>",
		"x < y and y > z":        "",
		"1<2":                    "",
		"<br/>":                  "<br/>",
		"<a href='x'>":           "<a href='x'>",
		"</div >":                "</div >",
		"</div\u00a0>":           "</div\u00a0>",
		"<div\u00a0class=x>":     "<div\u00a0class=x>",
		"<!-- c":                 "<!--",
		"<3 you":                 "",
		"<a":                     "",
		"<a b":                   "",
		"<x:y.z-w>":              "<x:y.z-w>",
		"<ab!>":                  "",
		"email <me@example.org>": "",
	}
	for in, want := range cases {
		if got := FindHTMLTag(in); got != want {
			t.Errorf("FindHTMLTag(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAbsURL(t *testing.T) {
	cases := map[string]bool{
		"https://example.org": true, "HTTP://x": true, "https://x/y?z#w": true, "http://a.b:80/p": true,
		"ftp://x": false, "https://": false, "https:///x": false, "https://a b": false, "https://x/\u00a0": false,
		"//x": false, "example.org": false, " https://x": false, "https://x?": true,
	}
	for in, want := range cases {
		if got := IsAbsURL(in); got != want {
			t.Errorf("IsAbsURL(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestNumbers(t *testing.T) {
	if !Between("49.8", "49.8", "60.9") || !Between("60.90", "49.8", "60.9") || Between("49.79999999999999999999", "49.8", "60.9") {
		t.Error("Between edges")
	}
	if !Between("4.98e1", "49.8", "60.9") || Between("-8.70000001", "-8.7", "1.8") || !Between("-0", "-8.7", "1.8") {
		t.Error("Between exponent/negatives")
	}
	if !IsZero("0.000") || !IsZero("-0e5") || IsZero("0.001") {
		t.Error("IsZero")
	}
	if CmpNumber("1e400", "1") != 1 || CmpNumber("-1e400", "0") != -1 || CmpNumber("100", "1e2") != 0 {
		t.Error("CmpNumber")
	}
	for in, want := range map[string]int64{"19": 19, "19.0": 19, "1e2": 100, "0": 0} {
		if got, ok := WholeNumber(mustParse(t, in), 1000); !ok || got != want {
			t.Errorf("WholeNumber(%s) = %d %v", in, got, ok)
		}
	}
	for _, in := range []string{"1.5", "-1", `"3"`} {
		if _, ok := WholeNumber(mustParse(t, in), 1000); ok {
			t.Errorf("WholeNumber(%s) ok", in)
		}
	}
}

func TestDateTime(t *testing.T) {
	good := []string{"2026-03-01T10:00", "2026-03-01T10:00:59", "2026-03-01T10:00:00.123456789Z", "2024-02-29T00:00+18:00", "2026-03-01T23:59-00:00"}
	bad := []string{"2026-02-29T10:00Z", "2026-03-01T24:00Z", "2026-03-01T10:60Z", "2026-03-01T10:00:60Z", "2026-03-01t10:00Z",
		"2026-03-01T10:00z", "2026-03-01T10:00+18:01", "2026-03-01T10:00+05:60", "2026-03-01T10:00:00.Z", "2026-03-01T10:00:00.1234567890Z",
		"2026-03-01 10:00Z", "2026-03-01T10:00Z ", "2026-3-01T10:00Z", "2026-03-01T10:00+0100", "2026-03-01T10Z"}
	for _, s := range good {
		if _, ok := ParseDateTime(s); !ok {
			t.Errorf("ParseDateTime(%q) failed", s)
		}
	}
	for _, s := range bad {
		if _, ok := ParseDateTime(s); ok {
			t.Errorf("ParseDateTime(%q) accepted", s)
		}
	}
	if _, _, _, ok := ParseDate("2100-02-29"); ok {
		t.Error("2100-02-29 is not a date")
	}
	if _, _, _, ok := ParseDate("2000-02-29"); !ok {
		t.Error("2000-02-29 is a date")
	}
}

func TestLondonGapAndOverlap(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ in, want string }{
		{"2026-03-29T01:30", "2026-03-29T01:30:00Z"}, // spring gap: GMT offset before the change
		{"2026-03-29T02:00", "2026-03-29T01:00:00Z"}, // 02:00 is BST (exists)
		{"2026-10-25T01:30", "2026-10-25T00:30:00Z"}, // autumn overlap: the earlier instant (BST)
		{"2026-10-25T02:00", "2026-10-25T02:00:00Z"},
		{"2026-07-01", "2026-06-30T23:00:00Z"}, // a date is 00:00 London
		{"2026-07-01T10:00:00+02:00", "2026-07-01T08:00:00Z"},
	}
	for _, c := range cases {
		got, _, ok := ParseStart(c.in, london)
		if !ok || got.UTC().Format(time.RFC3339) != c.want {
			t.Errorf("ParseStart(%q) = %v %v, want %s", c.in, got.UTC(), ok, c.want)
		}
	}
}
