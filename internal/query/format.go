package query

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// TimeLayout is how times are written in JSON, CSV and tables
// (scoring.md §8.13.3).
const TimeLayout = "2006-01-02T15:04:05Z"

// Cell renders one typed value as text: "" for no data, lists joined by
// commas, times in UTC.
func Cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return x.UTC().Format(TimeLayout)
	case []string:
		return strings.Join(x, ",")
	}
	return fmt.Sprint(v)
}

// JSONValue renders a typed value for JSON output.
func JSONValue(v any) any {
	if t, ok := v.(time.Time); ok {
		return t.UTC().Format(TimeLayout)
	}
	return v
}

// WriteJSON writes an array of objects keyed by column name.
func (r *Result) WriteJSON(w io.Writer) error {
	out := make([]map[string]any, len(r.Rows))
	for i, row := range r.Rows {
		m := make(map[string]any, len(row))
		for j, c := range r.Columns {
			m[c.Name] = JSONValue(row[j])
		}
		out[i] = m
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteCSV writes a header and the rows. Cells that a spreadsheet would run
// as a formula are prefixed with a quote so feed text stays text.
func (r *Result) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	header := make([]string, len(r.Columns))
	for i, c := range r.Columns {
		header[i] = c.Name
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, len(r.Columns))
	for _, row := range r.Rows {
		for i, v := range row {
			rec[i] = SafeCSV(Cell(v))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// SafeCSV neutralises formula injection (OWASP): a cell starting with =, +,
// -, @, tab or carriage return gets a leading apostrophe. Numbers such as -3
// are left alone.
func SafeCSV(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return s
		}
		return "'" + s
	}
	return s
}

// WriteTable writes an aligned text table for terminals.
func (r *Result) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for i, c := range r.Columns {
		if i > 0 {
			fmt.Fprint(tw, "\t")
		}
		fmt.Fprint(tw, c.Name)
	}
	fmt.Fprintln(tw)
	for _, row := range r.Rows {
		for i, v := range row {
			if i > 0 {
				fmt.Fprint(tw, "\t")
			}
			s := Cell(v)
			if v == nil {
				s = "no data"
			}
			fmt.Fprint(tw, strings.ReplaceAll(s, "\t", " "))
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// Write writes in a named format: table, json or csv.
func (r *Result) Write(w io.Writer, format string) error {
	switch format {
	case "json":
		return r.WriteJSON(w)
	case "csv":
		return r.WriteCSV(w)
	case "table", "":
		return r.WriteTable(w)
	}
	return fmt.Errorf("unknown format %q: use table, json or csv", format)
}
