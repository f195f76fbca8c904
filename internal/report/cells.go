package report

import (
	"fmt"
	"strings"
	"time"
)

// Cell values. Feed text is always written as a string cell, never as a
// formula, whatever it starts with (=, +, -, @, tab, carriage return): a
// string cell keeps its visible value and Excel never evaluates it. Text
// longer than Excel's cell limit is cut with a visible marker, and
// characters XML cannot carry are replaced.

// noDataText is shown for "no data" unless a sheet says otherwise.
const noDataText = "no data"

// SafeText prepares feed text for a cell: characters XML 1.0 cannot hold
// become U+FFFD, and text over 32,767 characters (UTF-16 units, as Excel
// counts) is cut with a marker saying how long it was.
func SafeText(s string) string {
	if !needsClean(s) && len(s) <= maxCellChars {
		return s // the common case: no bad characters, and no more bytes than Excel's limit in UTF-16 units
	}
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return r
		}
		if r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF) {
			return '\uFFFD'
		}
		return r
	}, s)
	n := utf16Len(s)
	if n <= maxCellChars {
		return s
	}
	marker := fmt.Sprintf(" … [cut: %d characters in all; Excel holds at most %d]", n, maxCellChars)
	return truncateUTF16(s, maxCellChars-utf16Len(marker)) + marker
}

// needsClean reports whether s holds a control character other than tab,
// newline and carriage return, or a non-character XML refuses.
func needsClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return true
		}
		if c == 0xEF && (strings.HasPrefix(s[i:], "\uFFFE") || strings.HasPrefix(s[i:], "\uFFFF")) {
			return true
		}
	}
	return false
}

// cellValue turns a typed query value into what excelize writes: numbers
// stay numbers, times stay times (UTC), booleans read Yes/No, lists are
// joined, and every string goes through SafeText. ok is false for "no data".
func cellValue(v any, tr func([]string) string) (val any, ok bool) {
	switch x := v.(type) {
	case nil:
		return nil, false
	case string:
		if tr != nil {
			return SafeText(tr([]string{x})), true
		}
		return SafeText(x), true
	case int64, float64:
		return x, true
	case bool:
		if x {
			return "Yes", true
		}
		return "No", true
	case time.Time:
		return x.UTC(), true
	case []string:
		if tr != nil {
			return SafeText(tr(x)), true
		}
		return SafeText(strings.Join(x, ", ")), true
	}
	return SafeText(fmt.Sprint(v)), true
}
