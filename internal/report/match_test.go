package report

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
	"github.com/feedgauge/feedgauge/queries"
	"github.com/feedgauge/feedgauge/reports"
)

var fixedNow = time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)

func testSet(tb testing.TB) *Set {
	tb.Helper()
	cat, err := query.Load(queries.FS)
	if err != nil {
		tb.Fatalf("load the query catalogue: %v", err)
	}
	set, err := Load(reports.FS, cat, WithClock(func() time.Time { return fixedNow }))
	if err != nil {
		tb.Fatalf("load reports: %v", err)
	}
	return set
}

// reportCase is one workbook with parameters.
type reportCase struct {
	name   string
	params map[string]string
}

func fixtureCases() []reportCase {
	return []reportCase{
		{"quarterly", map[string]string{"quarter": "2026Q2"}},
		{"quarterly", map[string]string{"quarter": "2026Q2", "place": "E08000009"}},
		{"place", map[string]string{"place": "E08000009"}},
		{"fix-list", map[string]string{"dataset": storetest.DatasetA}},
		{"fix-list", map[string]string{"dataset": storetest.DatasetB}},
		{"grants", map[string]string{"funder": "Sport England", "quarter": "2026Q2"}},
	}
}

func worldCases() []reportCase {
	return []reportCase{
		{"quarterly", map[string]string{"quarter": "2026Q3"}},
		{"quarterly", map[string]string{"quarter": "2026Q3", "place": "E08000001"}},
		{"place", map[string]string{"place": "E08000002"}},
		{"fix-list", map[string]string{"dataset": "https://data001.example.org/openactive/"}},
	}
}

// TestReportsMatchQueries writes each workbook, reads it back with excelize
// and compares every table cell with the named query's result for the same
// parameters, on every backend, for the fixture and a generated world.
func TestReportsMatchQueries(t *testing.T) {
	set := testSet(t)
	ctx := context.Background()
	for _, b := range storetest.All(t) {
		if err := storetest.LoadFixture(ctx, b.Store); err != nil {
			t.Fatal(err)
		}
		for _, c := range fixtureCases() {
			checkReport(t, set, b.Name+" fixture", b.Store, c)
		}
	}
	for _, b := range storetest.All(t) {
		world{PCNs: 40, Datasets: 8, Activities: 3000, Snapshots: worldSnapshots}.load(t, b.Store)
		for _, c := range worldCases() {
			checkReport(t, set, b.Name+" world", b.Store, c)
		}
	}
}

func checkReport(t *testing.T, set *Set, label string, st store.Store, c reportCase) {
	t.Helper()
	ctx := context.Background()
	def, err := set.Get(c.name)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(ctx, st, def, c.params, &buf); err != nil {
		t.Fatalf("%s %s %v: %v", label, c.name, c.params, err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), def.SheetNames(); !equalStrings(got, want) {
		t.Errorf("%s %s: sheets %q, want %q", label, c.name, got, want)
	}
	v := expectedVars(t, def, st, c.params)
	for _, sh := range def.Sheets {
		if sh.query == nil {
			continue
		}
		params := map[string]string{}
		for k, p := range sh.Params.Values {
			params[k] = v.expand(p)
		}
		args, err := sh.query.Bind(params)
		if err != nil {
			t.Fatal(err)
		}
		res, err := query.Run(ctx, st, sh.query, args)
		if err != nil {
			t.Fatal(err)
		}
		var headers []string
		for _, col := range sh.Columns {
			headers = append(headers, v.expand(col.Header))
		}
		prof, _ := set.Profile()
		rows := readSheet(t, f, sh.sheetName)
		compareSheet(t, label+" "+c.name+" "+sh.sheetName, rows, sh, res, headers, prof)
	}
}

// expectedVars works out the template values for a report's parameters.
func expectedVars(t *testing.T, def *Def, st store.Store, params map[string]string) vars {
	t.Helper()
	v, err := def.bindParams(params)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := def.snapshot(context.Background(), st, v); err != nil {
		t.Fatal(err)
	}
	if err := def.lookup(context.Background(), st, v); err != nil {
		t.Fatal(err)
	}
	return v
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
