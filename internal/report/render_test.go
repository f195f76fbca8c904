package report

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// TestRenderForTheWeb: Render writes a complete workbook to any writer with
// document properties, a Method sheet carrying the snapshot's provenance,
// frozen headers, filters and colours; on an error it writes nothing.
func TestRenderForTheWeb(t *testing.T) {
	set := testSet(t)
	st := storetest.SQLite(t)
	if err := storetest.LoadFixture(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	params := map[string]string{"quarter": "2026Q2", "place": "E08000009"}
	if got := set.Filename("quarterly", params); got != "feedgauge-quarterly-2026Q2-E08000009.xlsx" {
		t.Errorf("Filename = %q", got)
	}
	var buf bytes.Buffer
	if err := set.Render(context.Background(), st, "quarterly", map[string]string{"quarter": "2026Q1"}, &buf); !errors.Is(err, ErrNoData) || buf.Len() != 0 {
		t.Fatalf("no-data render: err %v, %d bytes written", err, buf.Len())
	}
	if err := set.Render(context.Background(), st, "quarterly", params, &buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	props, _ := f.GetDocProps()
	if props.Creator != "feedgauge" || props.Title != "Quarterly governance pack" || !strings.HasPrefix(props.Created, "2026-11-25T09:30:00") {
		t.Errorf("document properties = %+v", props)
	}
	method := strings.Join(flatten(readSheet(t, f, MethodSheet)), "\n")
	for _, want := range []string{"Method version\n1", "Scoring profile hash\np1", "place = E08000009", "quarter = 2026Q2 (financial year 2026/27 Q1)",
		"Compared with\nno complete snapshot in that period", "Check sp.9: Photo (weight 1)"} {
		if !strings.Contains(method, want) {
			t.Errorf("Method sheet lacks %q", want)
		}
	}
	if panes, _ := f.GetPanes("PCNs"); !panes.Freeze || panes.TopLeftCell != "A4" {
		t.Errorf("PCNs panes = %+v", panes)
	}
	if cf, _ := f.GetConditionalFormats("PCNs"); len(cf) < 5 {
		t.Errorf("PCNs has %d coloured ranges", len(cf))
	}
	summary := readSheet(t, f, "Summary")
	if summary[0][0] != "Quarterly governance pack: 2026Q2 (financial year 2026/27 Q1)" {
		t.Errorf("Summary title = %q", summary[0][0])
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}
