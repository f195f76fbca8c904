package geo

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var months = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

var (
	// nov2021, NOV_2021, MAY25, jan-26
	nameMonthYear = regexp.MustCompile(`(?i)(?:^|[^a-z])(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[-_ ]?((?:19|20)?[0-9]{2})(?:[^0-9]|$)`)
	// 2025-03, 2025_03, 202503
	nameYearMonth = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})[-_]?(0[1-9]|1[0-2])(?:[^0-9]|$)`)
	// mye2024, ePCN_2022
	nameYear = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$)`)
)

// vintageOf names a file's edition from its name: "2021-11" for
// NSPL_NOV_2021_UK, "2024" for mye2024_..., else the name without its
// extension. monthKnown says whether the month was in the name.
func vintageOf(file string) (vintage string, monthKnown bool) {
	stem := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	if m := nameMonthYear.FindStringSubmatch(stem); m != nil {
		y := m[2]
		if len(y) == 2 {
			y = "20" + y
		}
		return fmt.Sprintf("%s-%02d", y, months[strings.ToLower(m[1])]), true
	}
	if m := nameYearMonth.FindStringSubmatch(stem); m != nil {
		return m[1] + "-" + m[2], true
	}
	if m := nameYear.FindStringSubmatch(stem); m != nil {
		return m[1], false
	}
	return stem, false
}

// vintageDate turns a dated vintage into a time: "2026-01" is 1 January
// 2026; a bare year is 1 January, or 30 June for mid-year estimates.
func vintageDate(v string, midYear bool) (time.Time, bool) {
	if t, err := time.Parse("2006-01", v); err == nil {
		return t, true
	}
	if y, err := strconv.Atoi(v); err == nil && y > 1900 && y < 2200 {
		if midYear {
			return time.Date(y, 6, 30, 0, 0, 0, 0, time.UTC), true
		}
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}

var dateLayouts = []string{
	"2006-01-02", "02/01/2006", "2/1/2006", "02-Jan-2006", "2-Jan-2006", "02-Jan-06",
	"02Jan2006", "20060102", "2006-01-02T15:04:05Z07:00", "2006-01-02 15:04:05", "Jan-06", "January 2006",
}

// parseDate reads the dates NHS and ONS files use (2026-01-01,
// 01/01/2026, 01-Jan-2026, 01JAN2026, 20260101); a bare year is mid-year
// when midYear is set, else 1 January.
func parseDate(s string, midYear bool) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	if t, ok := vintageDate(s, midYear); ok {
		return t, true
	}
	// "mid-2024"
	if y, ok := strings.CutPrefix(strings.ToLower(s), "mid-"); ok {
		return vintageDate(y, true)
	}
	return time.Time{}, false
}
