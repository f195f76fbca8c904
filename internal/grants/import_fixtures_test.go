package grants

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// wantIssue is an issue the report must hold: code, row, field and value.
type wantIssue struct {
	code  string
	row   int
	field string
	value string
}

func expectIssues(t *testing.T, rep Report, want []wantIssue) {
	t.Helper()
	for _, w := range want {
		found := false
		for _, is := range append(rep.FileIssues, rep.Issues...) {
			if is.Code == w.code && is.Row == w.row && (w.field == "" || is.Field == w.field) && (w.value == "" || is.Value == w.value) {
				found = true
			}
		}
		if !found {
			t.Errorf("no issue %+v in the report:\n%s", w, text(rep))
		}
	}
}

func text(rep Report) string {
	var b strings.Builder
	rep.WriteText(&b)
	return b.String()
}

// TestBrokenFixturesRejected: the Data Quality tool's messy, Windows-1252
// and broken files are refused, nothing is stored, and the report names
// each problem by row, column and value.
func TestBrokenFixturesRejected(t *testing.T) {
	cases := []struct {
		file     string
		rows     int
		encoding string
		want     []wantIssue
	}{
		{"fixtures/dq_fundingproviders_2_grants_messy.csv", 2, "utf-8", []wantIssue{
			{"schema", 2, "Award Date", "24/07/2014"},
			{"schema", 2, "Last modified", "13-03-2015"},
			{"schema_required", 2, "Recipient Org:Identifier", ""},
			{"schema_required", 2, "Description", ""},
			{"schema", 3, "Award Date", "24/07/2014"},
			{"unknown_columns", 0, "", ""},
			{"no_valid_grants", 0, "", ""},
		}},
		{"fixtures/dq_fundingproviders_2_grants_cp1252.csv", 2, "windows-1252", []wantIssue{
			{"encoding_windows_1252", 0, "", ""},
			{"schema", 2, "Award Date", "24/07/2014"},
			{"schema_required", 3, "Description", ""},
		}},
		{"fixtures/dq_fundingproviders_broken_grants.json", 4, "utf-8", []wantIssue{
			{"duplicate_identifier", 1, "Identifier", ""}, // grants 1 and 2 share an id and differ
			{"duplicate_row", 3, "Identifier", ""},        // grants 3 and 4 are identical: kept once
			{"schema", 3, "Award Date", "24/07/2014"},
			{"schema", 3, "Last Modified", "13-03-2015"},
			{"schema_required", 3, "Description", ""},
		}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			st := storetest.SQLite(t)
			rep, err := Import(context.Background(), st, "testdata/"+c.file, Options{Now: now})
			if !errors.Is(err, ErrRejected) || rep.Accepted || rep.Valid != 0 {
				t.Fatalf("want the file rejected; err %v, valid %d", err, rep.Valid)
			}
			if rep.Rows != c.rows || rep.Encoding != c.encoding {
				t.Errorf("rows %d encoding %q", rep.Rows, rep.Encoding)
			}
			expectIssues(t, rep, c.want)
			if n, _ := Count(context.Background(), st, ""); n != 0 {
				t.Errorf("%d grants stored from a rejected file", n)
			}
			if _, ok, _ := ImportReport(context.Background(), st, rep.ImportID); !ok {
				t.Error("the rejected import's report was not kept")
			}
		})
	}
}

// TestCP1252Decoded: the Windows-1252 bytes in the Identifier are read as
// the characters they stand for.
func TestCP1252Decoded(t *testing.T) {
	rep, _ := Import(context.Background(), storetest.SQLite(t), "testdata/fixtures/dq_fundingproviders_2_grants_cp1252.csv", Options{Now: now})
	is, ok := findIssue(rep.Issues, "schema", 2)
	if !ok || !strings.Contains(is.GrantID, "€funding€providers") {
		t.Errorf("grant id = %q", is.GrantID)
	}
}
