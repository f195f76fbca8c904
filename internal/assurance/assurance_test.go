package assurance

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
	"github.com/xuri/excelize/v2"
)

func day0(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func write(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const head = "organiser_id,organiser_url,organiser_name,local_authority,scheme,assured_by,assured_on,expires_on,evidence_url\n"

// TestImportStrict: good rows are imported in one revision; every other row
// is rejected with its row number and reason (scoring.md §8.9).
func TestImportStrict(t *testing.T) {
	body := head +
		"https://a.example.org/org/1,,,,Quest,Trafford Council,2026-01-15,,https://example.org/quest/1\n" + // 2 ok, default expiry
		",https://www.club.org.uk/,,,safeguarding check,Active Partnership,2024-02-29,,\n" + // 3 ok, 2025-02-28
		",,Sale Harriers Ltd,E08000009,data confirmed,Place lead,2026-03-01,2026-09-01,\n" + // 4 ok
		"https://a.example.org/org/2,,,,Quest,Trafford Council,15/01/2026,,\n" + // 5 bad date
		",,,E08000009,Quest,Trafford Council,2026-01-15,,\n" + // 6 no organiser
		",,Urmston Boxing,,Quest,Trafford Council,2026-01-15,,\n" + // 7 name without LA
		",,Urmston Boxing,Trafford,Quest,Trafford Council,2026-01-15,,\n" + // 8 LA not a code
		"https://a.example.org/org/3,,,,Quest,Trafford Council,2026-01-15,2025-01-15,\n" + // 9 expires before
		"https://a.example.org/org/1,,,,Quest,Someone else,2026-02-01,,\n" + // 10 repeats row 2
		"https://a.example.org/org/4,,,,,Trafford Council,2026-01-15,,\n" // 11 no scheme
	st := storetest.SQLite(t)
	at := day0(2026, 4, 1)
	rep, err := Import(context.Background(), st, write(t, "register.csv", body), ImportOptions{By: "alice", At: at})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows != 10 || rep.Added != 3 || rep.Revision != 1 || len(rep.Rejected) != 7 {
		t.Fatalf("report %+v", rep)
	}
	wantRejected := map[int]string{5: "not a date written YYYY-MM-DD", 6: "at least one of organiser_id", 7: "only within a local_authority",
		8: "not a local authority district code", 9: "expires_on must be after assured_on", 10: "repeats row 2", 11: "scheme is empty"}
	for _, r := range rep.Rejected {
		if !strings.Contains(r.Reason, wantRejected[r.Row]) {
			t.Errorf("row %d rejected for %q, want %q", r.Row, r.Reason, wantRejected[r.Row])
		}
	}
	es, rev, err := Entries(context.Background(), st, at)
	if err != nil || rev != 1 || len(es) != 3 {
		t.Fatalf("entries %v rev %d err %v", es, rev, err)
	}
	exp := map[string]time.Time{}
	for _, e := range es {
		exp[e.OrganiserID+e.OrganiserURL+e.OrganiserName] = e.ExpiresOn
	}
	if !exp["https://a.example.org/org/1"].Equal(day0(2027, 1, 15)) || !exp["https://www.club.org.uk/"].Equal(day0(2025, 2, 28)) ||
		!exp["Sale Harriers Ltd"].Equal(day0(2026, 9, 1)) {
		t.Errorf("expiries %v", exp)
	}
	again, err := Import(context.Background(), st, write(t, "register.csv", body), ImportOptions{By: "alice", At: at.Add(time.Hour)})
	if err != nil || again.Revision != 0 || again.Unchanged != 3 || again.Added != 0 {
		t.Errorf("re-import: %+v %v", again, err)
	}
}

// TestImportNeedsColumns: a file without the register's columns is refused.
func TestImportNeedsColumns(t *testing.T) {
	_, err := Import(context.Background(), storetest.SQLite(t), write(t, "r.csv", "name,date\nx,2026-01-01\n"), ImportOptions{By: "a"})
	if !errors.Is(err, ErrFile) || !strings.Contains(err.Error(), "missing: organiser_id") {
		t.Errorf("err = %v", err)
	}
}

// TestImportXLSXDateCells: in a workbook, dates must be date cells; a date
// typed as text is rejected.
func TestImportXLSXDateCells(t *testing.T) {
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	for i, c := range Columns {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellValue(sh, cell, c)
	}
	f.SetSheetRow(sh, "A2", &[]any{"https://a.example.org/org/1", "", "", "", "Quest", "Council", day0(2026, 1, 15)})
	f.SetSheetRow(sh, "A3", &[]any{"https://a.example.org/org/2", "", "", "", "Quest", "Council", "2026-01-15"})
	p := filepath.Join(t.TempDir(), "register.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	rep, err := Import(context.Background(), storetest.SQLite(t), p, ImportOptions{By: "a", At: day0(2026, 2, 1)})
	if err != nil || rep.Added != 1 || len(rep.Rejected) != 1 || rep.Rejected[0].Row != 3 ||
		!strings.Contains(rep.Rejected[0].Reason, "not a date cell") {
		t.Errorf("report %+v err %v", rep, err)
	}
}

// TestRegisterAsOf: add, edit, expire and remove; the register as of any
// time is the latest revision at or before it, on every backend, and the
// audit trail keeps who, when, before and after.
func TestRegisterAsOf(t *testing.T) {
	ctx := context.Background()
	for _, b := range storetest.All(t) {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Store
			t1, t2, t3, t4 := day0(2026, 1, 10), day0(2026, 2, 10), day0(2026, 3, 10), day0(2026, 4, 10)
			e, rev, err := Add(ctx, st, domain.RegisterEntry{OrganiserURL: "https://club.org.uk", Scheme: "Quest",
				AssuredBy: "Council", AssuredOn: day0(2026, 1, 1)}, Change{By: "alice", At: t1})
			if err != nil || rev != 1 {
				t.Fatal(rev, err)
			}
			edited := e
			edited.AssuredBy = "Active Partnership"
			if rev, err := Edit(ctx, st, edited, Change{By: "bob", At: t2, Reason: "wrong assessor"}); err != nil || rev != 2 {
				t.Fatal(rev, err)
			}
			if rev, err := Expire(ctx, st, e.ID, day0(2026, 3, 1), Change{By: "carol", At: t3}); err != nil || rev != 3 {
				t.Fatal(rev, err)
			}
			if rev, err := Remove(ctx, st, e.ID, Change{By: "dan", At: t4}); err != nil || rev != 4 {
				t.Fatal(rev, err)
			}
			check := func(at time.Time, wantRev int64, wantBy string, wantExp time.Time) {
				t.Helper()
				es, rev, err := Entries(ctx, st, at)
				if err != nil || rev != wantRev {
					t.Fatalf("at %s: rev %d err %v", at, rev, err)
				}
				if wantBy == "" {
					if len(es) != 0 {
						t.Errorf("at %s: %v, want an empty register", at, es)
					}
					return
				}
				if len(es) != 1 || es[0].AssuredBy != wantBy || !es[0].ExpiresOn.Equal(wantExp) {
					t.Errorf("at %s: %+v", at, es)
				}
			}
			check(t1.Add(-time.Second), 0, "", time.Time{})
			check(t1, 1, "Council", day0(2027, 1, 1))
			check(t2.Add(time.Hour), 2, "Active Partnership", day0(2027, 1, 1))
			check(t3, 3, "Active Partnership", day0(2026, 3, 1))
			check(t4, 4, "", time.Time{})
			hist, err := History(ctx, st, e.ID)
			if err != nil || len(hist) != 4 {
				t.Fatal(len(hist), err)
			}
			h := hist[1]
			if h.Action != ActionEdit || h.By != "bob" || !h.At.Equal(t2) || h.Reason != "wrong assessor" ||
				h.Before.AssuredBy != "Council" || h.After.AssuredBy != "Active Partnership" {
				t.Errorf("edit revision %+v", h)
			}
			if hist[0].Before != nil || !reflect.DeepEqual(actions(hist), []string{"add", "edit", "expire", "remove"}) {
				t.Errorf("history %v", actions(hist))
			}
		})
	}
}

func actions(rs []Revision) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Action)
	}
	return out
}

// TestCurrent: assured on ≤ T < expires on, and the default expiry.
func TestCurrent(t *testing.T) {
	e := domain.RegisterEntry{AssuredOn: day0(2024, 2, 29)}
	if !Current(e, day0(2025, 2, 27)) || Current(e, day0(2025, 2, 28)) || Current(e, day0(2024, 2, 28)) {
		t.Error("currency around the default expiry 2025-02-28 is wrong")
	}
}
