package report

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// TestFixListStreams100k writes the fix-list of a dataset with 100,000
// activities through the StreamWriter and reads it back with Rows() and raw
// values: every activity is there, in the query's order, with its words.
func TestFixListStreams100k(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads 100,000 rows")
	}
	const n = 100_000
	st := storetest.SQLite(t)
	w := world{PCNs: 50, Datasets: 1, Activities: n, Snapshots: worldSnapshots[4:]}
	w.load(t, st)
	set := testSet(t)
	out := filepath.Join(t.TempDir(), "fix-list.xlsx")
	start := time.Now()
	if err := set.WriteFile(context.Background(), st, "fix-list", map[string]string{"dataset": w.datasetID(0)}, out); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d activities in %v", n, time.Since(start))
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	def, _ := set.Get("fix-list")
	sh := def.Sheets[0]
	rows := readSheet(t, f, sh.sheetName)
	v := expectedVars(t, def, st, map[string]string{"dataset": w.datasetID(0)})
	var headers []string
	for _, c := range sh.Columns {
		headers = append(headers, v.expand(c.Header))
	}
	h := headerRow(rows, headers)
	if h < 0 || len(rows)-h-1 != n {
		t.Fatalf("header at %d, %d data rows; want %d", h, len(rows)-h-1, n)
	}
	checkStreamedRows(t, rows[h+1:], sh, st, w.datasetID(0))
	if panes, _ := f.GetPanes(sh.sheetName); !panes.Freeze || panes.YSplit != h+1 {
		t.Errorf("panes = %+v, want the header frozen", panes)
	}
	if cf, _ := f.GetConditionalFormats(sh.sheetName); len(cf) == 0 {
		t.Error("the streamed sheet lost its colours")
	}
	if fi, _ := os.Stat(out); fi != nil {
		t.Logf("file: %d bytes", fi.Size())
	}
}

// checkStreamedRows compares every 997th row (and the last) with the query.
func checkStreamedRows(t *testing.T, data [][]string, sh *SheetDef, st store.Store, dataset string) {
	t.Helper()
	args, err := sh.query.Bind(map[string]string{"dataset": dataset})
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	prof, _ := testSet(t).Profile()
	err = query.Stream(context.Background(), st, sh.query, args, func(row []any) error {
		if i%997 == 0 || i == len(data)-1 {
			for j, c := range sh.Columns {
				want := expectCell(row[c.index], c, sh, prof)
				if got := data[i][j]; !sameCell(got, want, row[c.index]) {
					t.Errorf("row %d column %s: %q, want %q", i+1, c.Header, got, want)
				}
			}
		}
		i++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if i != len(data) {
		t.Errorf("query rows %d, sheet rows %d", i, len(data))
	}
}
