package grants

import (
	"fmt"
	"strings"
)

// table is a sheet as read: the header row and the data rows below it.
type table struct {
	Header    []string
	HeaderRow int // 1-based row number of the header
	Rows      [][]string
	XLSX      bool // cells come from a workbook: numbers in date columns are dates
	Date1904  bool
	Sheet     string
}

// flatRow is one data row as JSON-path → value, before rows sharing an
// Identifier are merged.
type flatRow struct {
	Row    int
	ID     string
	Values map[string]any    // key: path joined by "/"
	Extras map[string]string // unknown columns, by header
	Errors int               // cell errors (formula text in an identifier)
}

// findHeader picks the header row: the first of the top ten rows with an
// Identifier column. Rows above it are reported, not read.
func findHeader(rows [][]string) (int, bool) {
	for i := 0; i < len(rows) && i < 10; i++ {
		for _, c := range rows[i] {
			if normTitle(c) == "identifier" {
				return i, true
			}
		}
	}
	return 0, false
}

// readRows converts every non-empty data row into a flatRow, reporting cell
// repairs and formula text as it goes.
func readRows(t *table, cols []column, rep *Report) []flatRow {
	var out []flatRow
	for i, cells := range t.Rows {
		rowNum := t.HeaderRow + 1 + i
		fr := flatRow{Row: rowNum, Values: map[string]any{}, Extras: map[string]string{}}
		first := len(rep.Issues)
		empty := true
		for _, c := range cols {
			if c.Index >= len(cells) {
				continue
			}
			raw := strings.TrimSpace(cells[c.Index])
			if raw == "" {
				continue
			}
			empty = false
			if !c.known() {
				fr.Extras[c.Header] = raw
			}
			key, v, bad := convertCell(t, c, raw, rowNum, rep)
			if v != nil && c.known() {
				fr.Values[key] = v
			}
			if bad {
				fr.Errors++
			}
		}
		if empty {
			continue
		}
		if id, ok := fr.Values["id"].(string); ok {
			fr.ID = id
		}
		for i := first; i < len(rep.Issues); i++ {
			rep.Issues[i].GrantID = fr.ID
		}
		out = append(out, fr)
	}
	return out
}

// convertCell turns one known cell into its JSON value; bad is set when
// the cell alone makes the grant unusable.
func convertCell(t *table, c column, raw string, row int, rep *Report) (key string, v any, bad bool) {
	if formulaLike(raw) {
		sev, msg := SevWarning, "looks like a spreadsheet formula; feedgauge keeps it as text and always shows it as text"
		if c.known() && (c.Leaf.Name == "id") {
			sev, msg, bad = SevError, "looks like a spreadsheet formula, which an identifier must never be", true
		}
		rep.add(Issue{Severity: sev, Code: "formula_text", Row: row, Field: c.Header, Value: clip(raw), Message: msg})
	}
	if !c.known() {
		return "", nil, bad
	}
	key, v = convertKnown(t, c, raw, row, rep)
	return key, v, bad
}

// convertKnown converts a cell by its schema type.
func convertKnown(t *table, c column, raw string, row int, rep *Report) (string, any) {
	field := c.Header
	key := strings.Join(c.Path, "/")
	leaf := c.Leaf
	switch {
	case leaf.Type == "number" || leaf.Type == "integer":
		n, repaired, ok := parseNumber(raw)
		if !ok {
			return key, raw
		}
		if repaired {
			rep.add(Issue{Severity: SevWarning, Code: "number_as_text", Row: row, Field: field, Value: clip(raw),
				Message: fmt.Sprintf("is written as text with a currency sign or commas; read as %s. Write plain numbers", n)})
		}
		return key, n
	case dateFields[leaf.Name]:
		if d, ok := excelSerial(raw, dateTimeFields[leaf.Name], t.Date1904); ok {
			if !t.XLSX {
				rep.add(Issue{Severity: SevWarning, Code: "excel_serial_date", Row: row, Field: field, Value: raw,
					Message: "is an Excel serial number, not a date; read as " + d + ". Write dates as YYYY-MM-DD"})
			}
			return key, d
		}
		return key, raw
	case leaf.Type == "array":
		var list []any
		for _, p := range strings.FieldsFunc(raw, func(r rune) bool { return r == ';' || r == ',' && c.Leaf == listLeaf }) {
			if p = strings.TrimSpace(p); p != "" {
				list = append(list, p)
			}
		}
		return key, list
	}
	return key, raw
}

// setPath puts a value into a nested grant object, creating objects and
// arrays on the way ("recipientOrganization/0/id").
func setPath(obj map[string]any, path []string, v any) {
	cur := obj
	for i := 0; i < len(path)-1; i++ {
		k := path[i]
		if isIndex(path[i+1]) {
			idx := atoi(path[i+1])
			arr, _ := cur[k].([]any)
			for len(arr) <= idx {
				arr = append(arr, map[string]any{})
			}
			cur[k] = arr
			next, ok := arr[idx].(map[string]any)
			if !ok {
				next = map[string]any{}
				arr[idx] = next
			}
			cur = next
			i++
			continue
		}
		next, ok := cur[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			cur[k] = next
		}
		cur = next
	}
	cur[path[len(path)-1]] = v
}

// objectify builds the grant object from merged flat values, dropping
// empty array elements left by sparse numbered columns. Extra columns sit at
// the top level under their headers, as in the Data Quality tool's JSON.
func objectify(values map[string]any, extras map[string]string) map[string]any {
	obj := map[string]any{}
	for _, k := range sortedKeys(values) {
		setPath(obj, strings.Split(k, "/"), values[k])
	}
	for k, v := range obj {
		if arr, ok := v.([]any); ok {
			obj[k] = compact(arr)
		}
	}
	for k, v := range extras {
		if _, clash := obj[k]; !clash {
			obj[k] = v
		}
	}
	return obj
}

func compact(arr []any) []any {
	out := arr[:0]
	for _, e := range arr {
		if m, ok := e.(map[string]any); ok && len(m) == 0 {
			continue
		}
		out = append(out, e)
	}
	return out
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}
