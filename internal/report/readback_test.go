package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/score"
)

// readSheet reads a sheet back with the streaming reader and raw values
// (the fast path for big sheets, stack-facts §5).
func readSheet(tb testing.TB, f *excelize.File, sheet string) [][]string {
	tb.Helper()
	rows, err := f.Rows(sheet)
	if err != nil {
		tb.Fatalf("read sheet %s: %v", sheet, err)
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, cols)
	}
	return out
}

// headerRow finds the row holding the sheet's expanded column headers.
func headerRow(rows [][]string, headers []string) int {
	for i, r := range rows {
		if len(r) >= len(headers) && strings.Join(r[:len(headers)], "\x00") == strings.Join(headers, "\x00") {
			return i
		}
	}
	return -1
}

// expectCell is what a cell must read back as for a query value, worked
// out independently of the renderer (words come from the profile).
func expectCell(v any, c *ColumnDef, sh *SheetDef, prof *score.Profile) string {
	if v == nil {
		switch {
		case c.NoData != nil:
			return *c.NoData
		case sh.NoData != nil:
			return *sh.NoData
		}
		return "no data"
	}
	switch x := v.(type) {
	case string:
		return expectWords([]string{x}, c.Transform, prof)
	case []string:
		return expectWords(x, c.Transform, prof)
	case bool:
		return map[bool]string{true: "Yes", false: "No"}[x]
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case time.Time:
		return x.UTC().Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}

func expectWords(items []string, transform string, prof *score.Profile) string {
	title, fix := map[string]string{}, map[string]string{}
	for _, c := range append(append([]score.CheckDef{}, prof.SPReadyChecks...), prof.AssuranceChecks...) {
		title[c.ID], fix[c.ID] = c.Title, c.Title+": "+c.Fix
	}
	out := make([]string, len(items))
	for i, it := range items {
		id, n, counted := strings.Cut(it, ":")
		switch transform {
		case "check_titles":
			out[i] = title[id]
		case "check_fixes":
			out[i] = fix[id]
		case "check_counts":
			out[i] = title[id] + map[bool]string{true: " (" + n + ")", false: ""}[counted]
		default:
			out[i] = it
		}
	}
	sep := map[string]string{"check_titles": "; ", "check_counts": "; ", "check_fixes": "\n"}[transform]
	if sep == "" {
		sep = ", "
	}
	return SafeText(strings.Join(out, sep))
}

// sameCell compares a raw cell with the expected text: numbers as numbers,
// times through Excel's serial dates (to the second).
func sameCell(got, want string, v any) bool {
	switch x := v.(type) {
	case float64:
		g, err := strconv.ParseFloat(got, 64)
		return err == nil && math.Abs(g-x) < 1e-9
	case time.Time:
		g, err := strconv.ParseFloat(got, 64)
		if err != nil {
			return false
		}
		t, err := excelize.ExcelDateToTime(g, false)
		return err == nil && math.Abs(t.Sub(x.UTC()).Seconds()) < 1
	}
	return got == want
}

// compareSheet checks every table cell of a sheet against the query result.
func compareSheet(t *testing.T, label string, rows [][]string, sh *SheetDef, res *query.Result, headers []string, prof *score.Profile) {
	t.Helper()
	h := headerRow(rows, headers)
	if h < 0 {
		t.Errorf("%s: header row %q not found", label, headers)
		return
	}
	data := rows[h+1:]
	if len(res.Rows) == 0 {
		if len(data) != 1 {
			t.Errorf("%s: no query rows, want one message row, got %d rows", label, len(data))
		}
		return
	}
	if len(data) != len(res.Rows) {
		t.Errorf("%s: %d rows in the sheet, %d from the query", label, len(data), len(res.Rows))
		return
	}
	for i, qr := range res.Rows {
		for j, c := range sh.Columns {
			got := ""
			if j < len(data[i]) {
				got = data[i][j]
			}
			v := qr[c.index]
			if want := expectCell(v, c, sh, prof); !sameCell(got, want, v) {
				t.Errorf("%s row %d column %q: cell %q, query value %#v (want %q)", label, i+1, c.Header, got, v, want)
			}
		}
	}
}
