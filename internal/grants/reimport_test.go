package grants

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// snapshotTable reads every row of a table as text, to prove a re-import
// changed nothing at all (versions included).
func snapshotTable(t *testing.T, st store.Store, table, order string) string {
	t.Helper()
	rows, err := st.Query(context.Background(), "SELECT * FROM "+table+st.Final()+" ORDER BY "+order)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			b.WriteString(strings.TrimSpace(strings.ReplaceAll(toText(v), "\n", " ")))
			b.WriteByte('|')
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func toText(v any) string {
	switch x := v.(type) {
	case time.Time:
		return x.Format(time.RFC3339)
	case []string:
		return strings.Join(x, ",")
	case nil:
		return "NULL"
	}
	return fmt.Sprint(v)
}

// TestReimportSameFileChangesNothing: on every backend, the same file a
// second time writes nothing: the grants and the import log are identical,
// row for row and version for version.
func TestReimportSameFileChangesNothing(t *testing.T) {
	ctx := context.Background()
	for _, b := range storetest.All(t) {
		t.Run(b.Name, func(t *testing.T) {
			path := "testdata/trafford_council_vcs_grants_360giving.json"
			if _, err := Import(ctx, b.Store, path, Options{Now: now}); err != nil {
				t.Fatal(err)
			}
			grantsBefore := snapshotTable(t, b.Store, "grants", "funder_id, grant_id")
			importsBefore := snapshotTable(t, b.Store, "grant_imports", "id")
			rep, err := Import(ctx, b.Store, path, Options{Now: now.Add(time.Hour)})
			if err != nil {
				t.Fatal(err)
			}
			if !rep.AlreadyImported || rep.Unchanged != 555 || rep.New+rep.Updated != 0 {
				t.Errorf("second import: already %v new %d updated %d unchanged %d", rep.AlreadyImported, rep.New, rep.Updated, rep.Unchanged)
			}
			if snapshotTable(t, b.Store, "grants", "funder_id, grant_id") != grantsBefore {
				t.Error("the grants table changed on re-import")
			}
			if snapshotTable(t, b.Store, "grant_imports", "id") != importsBefore {
				t.Error("the import log changed on re-import")
			}
		})
	}
}

// TestUpdatedFileUpdatesByIdentifier: a later edition of Trafford's file
// with one amount changed, one grant dropped and one added updates the
// changed grant in place, adds the new one and keeps the dropped one.
func TestUpdatedFileUpdatesByIdentifier(t *testing.T) {
	ctx := context.Background()
	st := storetest.SQLite(t)
	orig, err := os.ReadFile("testdata/trafford_council_vcs_grants_360giving.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Import(ctx, st, writeFile(t, "v1.csv", orig), Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(orig), "\n"), "\n")
	// Line 2 is 360G-traffordmbc-VSG1342 (2266 → 2300); line 3 is dropped;
	// a copy of line 2 with a new Identifier is added.
	changed := strings.Replace(lines[1], ",2266,", ",2300,", 1)
	added := strings.Replace(lines[1], "360G-traffordmbc-VSG1342", "360G-traffordmbc-NEW1", 1)
	v2 := strings.Join(append([]string{lines[0], changed}, append(lines[3:], added)...), "\n") + "\n"
	rep, err := Import(ctx, st, writeFile(t, "v2.csv", []byte(v2)), Options{Now: now.Add(24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if rep.New != 1 || rep.Updated != 1 || rep.Unchanged != 553 {
		t.Errorf("new %d updated %d unchanged %d", rep.New, rep.Updated, rep.Unchanged)
	}
	if n, _ := Count(ctx, st, "GB-LAE-TRF"); n != 556 {
		t.Errorf("%d grants stored, want 556 (555 kept or updated + 1 new)", n)
	}
	expectGrant(t, st, "GB-LAE-TRF", "360G-traffordmbc-VSG1342", func(g Grant) bool {
		return g.Amount == 2300 && g.ImportID == rep.ImportID && g.FirstImportID != rep.ImportID
	})
}
