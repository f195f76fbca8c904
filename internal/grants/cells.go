package grants

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Cell conversion: spreadsheet cells are text; the schema's types decide
// what each becomes. Conversions that change what was written are reported.

var plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

// textNumber is a number written with a currency sign, thousands commas or
// spaces: unambiguous, so it is read, with a warning.
var textNumber = regexp.MustCompile(`^-?\s*(£|\$|€|GBP|gbp)?\s*-?[0-9]{1,3}(,?[0-9]{3})*(\.[0-9]+)?\s*(GBP|gbp)?$`)

// parseNumber reads a number cell. ok is false when the text is not a
// number at all (the schema check then reports it); repaired is set when
// symbols or commas had to be removed.
func parseNumber(s string) (n json.Number, repaired, ok bool) {
	if plainNumber.MatchString(s) {
		return json.Number(canonicalNumber(s)), false, true
	}
	if !textNumber.MatchString(s) {
		return "", false, false
	}
	clean := strings.NewReplacer("£", "", "$", "", "€", "", "GBP", "", "gbp", "", ",", "", " ", "").Replace(s)
	clean = strings.ReplaceAll(clean, "--", "-")
	if !plainNumber.MatchString(clean) {
		return "", false, false
	}
	return json.Number(canonicalNumber(clean)), true, true
}

// canonicalNumber writes 9000.00 as 9000 and 1.5E+4 as 15000, so the same
// amount hashes the same whichever way it was written.
func canonicalNumber(s string) string {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return s
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

var serialNumber = regexp.MustCompile(`^[0-9]{4,6}(\.[0-9]+)?$`)

// excelSerial converts an Excel serial date (the 1900 system, or 1904 when
// the workbook says so) into the text the schema wants: YYYY-MM-DD, or a
// full date-time for Last Modified or when the serial has a time of day.
func excelSerial(s string, dateTime, date1904 bool) (string, bool) {
	if !serialNumber.MatchString(s) {
		return "", false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 1 || f > 2958465 {
		return "", false
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	days := math.Floor(f)
	secs := math.Round((f - days) * 86400)
	t := base.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second)
	if dateTime || secs != 0 {
		return t.Format("2006-01-02T15:04:05Z"), true
	}
	return t.Format("2006-01-02"), true
}

var formulaRE = regexp.MustCompile(`^(=|[+\-@]\s*[A-Za-z_][A-Za-z0-9_.]*\s*\(|[+\-@=].*\|)`)

// formulaLike reports text a spreadsheet would run as a formula
// (=HYPERLINK(…), @SUM(…), =cmd|…). Such text is stored as text and always
// shown as text, but it is reported, and refused in identifiers.
func formulaLike(s string) bool {
	s = strings.TrimLeft(s, " \t\r\n")
	return s != "" && formulaRE.MatchString(s)
}

// realDate checks a YYYY-MM-DD (or the date part of a date-time) is a real
// calendar date: the schema's pattern accepts 2021-02-31.
func realDate(s string) (time.Time, bool) {
	if len(s) < 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s[:10])
	return t, err == nil
}

// looksLikePostcode matches a UK postcode (the DQ tool flags geocodes that
// are postcodes).
var postcodeRE = regexp.MustCompile(`^[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}$`)

func looksLikePostcode(s string) bool {
	return postcodeRE.MatchString(strings.ToUpper(strings.TrimSpace(s)))
}

// clip shortens a value for a report.
func clip(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r", `\r`), "\n", `\n`)
	if r := []rune(s); len(r) > 80 {
		return string(r[:77]) + "…"
	}
	return s
}

// show renders any JSON value for a report.
func show(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return clip(x)
	case json.Number:
		return x.String()
	}
	b, _ := json.Marshal(v)
	return clip(string(b))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
