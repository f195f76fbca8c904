package dashboard

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
)

// NoData is how "no data" (a null) reads on screen (scoring.md §8.11.1).
const NoData = "no data"

// formatsDoc lists the formats a panel may give a column.
var formatsDoc = map[string]string{
	"int":           "a whole number with thousands separators: 1,234",
	"number":        "one decimal place: 68.3",
	"pct":           "a percentage already in 0–100: 12.5%",
	"date":          "a date in Europe/London: 1 June 2026",
	"datetime":      "a date and time in Europe/London: 1 June 2026, 07:00",
	"bool":          "Yes or No",
	"list":          "a list joined by commas",
	"check":         "a check id with its title: sp.9 Photo",
	"activity_type": "an Activity List id as its label",
	"text":          "as stored",
}

var formats = func() map[string]bool {
	m := map[string]bool{}
	for k := range formatsDoc {
		m[k] = true
	}
	return m
}()

// London is the zone dates are shown in.
var London = query.London

// defaultFormat picks a format from the column type.
func defaultFormat(c query.Column) string {
	switch c.Type {
	case "int":
		return "int"
	case "float":
		return "number"
	case "time":
		return "date"
	case "bool":
		return "bool"
	case "list":
		return "list"
	}
	return "text"
}

// Format renders a typed value for UK readers.
func Format(v any, format string, labels *Labels) string {
	if v == nil {
		return NoData
	}
	switch x := v.(type) {
	case int64:
		if format == "pct" {
			return Int(x) + "%"
		}
		return Int(x)
	case float64:
		switch format {
		case "pct":
			return Dec1(x) + "%"
		case "int":
			return Int(int64(math.Round(x)))
		}
		return Dec1(x)
	case bool:
		if x {
			return "Yes"
		}
		return "No"
	case time.Time:
		if format == "datetime" {
			return DateTime(x)
		}
		return Date(x)
	case []string:
		out := make([]string, len(x))
		for i, s := range x {
			out[i] = formatText(s, format, labels)
		}
		return strings.Join(out, ", ")
	case string:
		return formatText(x, format, labels)
	}
	return query.Cell(v)
}

func formatText(s, format string, labels *Labels) string {
	if labels == nil {
		return s
	}
	switch format {
	case "check":
		if t := labels.Checks[s]; t != "" {
			return s + " " + t
		}
	case "activity_type":
		if t := labels.ActivityTypes[s]; t != "" {
			return t
		}
		if i := strings.LastIndexByte(s, '#'); i >= 0 && i+1 < len(s) {
			return "type " + s[i+1:]
		}
	}
	return s
}

// Int writes 1234567 as 1,234,567.
func Int(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Dec1 writes a number with one decimal place and thousands separators.
func Dec1(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return NoData
	}
	r := math.Round(f*10) / 10
	whole := int64(math.Trunc(r))
	frac := int64(math.Round(math.Abs(r-float64(whole)) * 10))
	sign := ""
	if r < 0 && whole == 0 {
		sign = "-"
	}
	return sign + Int(whole) + "." + strconv.FormatInt(frac, 10)
}

// Date writes "1 June 2026" in Europe/London.
func Date(t time.Time) string { return t.In(London).Format("2 January 2006") }

// DateTime writes "1 June 2026, 07:00" in Europe/London.
func DateTime(t time.Time) string { return t.In(London).Format("2 January 2006, 15:04") }
