package web_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func mustLocation(t *testing.T, ctx context.Context) string {
	t.Helper()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// csvMatchesTable downloads a panel's CSV in the page and compares it with
// the panel's data table, cell by cell (numbers without separators).
func csvMatchesTable(t *testing.T, ctx context.Context, panel string) {
	t.Helper()
	table, err := chromedp.Run(ctx, chromedp.Evaluate[[][]string](fmt.Sprintf(`Array.from(document.querySelectorAll("#table-%s tbody tr")).map(
		tr => Array.from(tr.cells).map(td => td.textContent.trim()))`, panel)))
	if err != nil {
		t.Fatal(err)
	}
	body, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`fetch(document.querySelector("#panel-%s .downloads a[download]").href).then(r => r.text())`, panel), awaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil || len(recs) != len(table)+1 {
		t.Fatalf("panel %s: CSV has %d records (%v), table %d rows", panel, len(recs), err, len(table))
	}
	for i, row := range table {
		for j, cell := range row {
			if want := recs[i+1][j]; !sameCell(cell, want) {
				t.Errorf("panel %s row %d col %d: table %q, CSV %q", panel, i, j, cell, want)
			}
		}
	}
}

// sameCell compares a formatted table cell with a raw CSV cell: numbers by
// value (1,234 and 12.5% read as numbers), ids by prefix ("sp.9 Photo").
func sameCell(table, raw string) bool {
	t := strings.ReplaceAll(strings.TrimSuffix(table, "%"), ",", "")
	if t == raw || strings.HasPrefix(t, raw+" ") {
		return true
	}
	a, e1 := strconv.ParseFloat(t, 64)
	b, e2 := strconv.ParseFloat(raw, 64)
	return e1 == nil && e2 == nil && a == b
}
