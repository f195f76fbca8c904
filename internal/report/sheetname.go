package report

import (
	"strings"
	"unicode/utf16"
)

// Excel's limits: sheet names of at most 31 characters without []:*?/\ and
// not starting or ending with an apostrophe; cell text of at most 32,767
// characters.
const (
	maxSheetName = 31
	maxCellChars = 32767
)

// SheetName makes a name safe for a worksheet tab.
func SheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		switch r {
		case '[', ']', ':', '*', '?', '/', '\\':
			return '-'
		}
		if r < 0x20 {
			return ' '
		}
		return r
	}, name)
	name = strings.Trim(strings.TrimSpace(name), "'")
	if name == "" {
		name = "Sheet"
	}
	if utf16Len(name) > maxSheetName {
		name = truncateUTF16(name, maxSheetName)
	}
	return name
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// truncateUTF16 cuts s to at most n UTF-16 code units (Excel counts those)
// without splitting a character.
func truncateUTF16(s string, n int) string {
	used := 0
	for i, r := range s {
		used += utf16.RuneLen(r)
		if used > n {
			return s[:i]
		}
	}
	return s
}
