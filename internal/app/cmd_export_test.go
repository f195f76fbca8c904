package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/demo"
	"github.com/feedgauge/feedgauge/internal/geo"
	"github.com/feedgauge/feedgauge/internal/oruk"
	"github.com/feedgauge/feedgauge/internal/simulate"
	"github.com/feedgauge/feedgauge/internal/store"
)

// TestExportORUK snapshots simulated OpenActive publishers and an ORUK feed
// in the real Trafford geography, then exports Trafford's OpenActive
// activities as ORUK v3 services: every activity converts, the file passes
// the shipped ORUK v3 schema, and ORUK services are not re-exported.
func TestExportORUK(t *testing.T) {
	ctx := context.Background()
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "fg.db")
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := geo.ImportDemo(ctx, st); err != nil {
		t.Fatal(err)
	}
	places, err := demo.Places(ctx, st, 30)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	sim, err := simulate.Start(ctx, simulate.Config{Seed: 9, Datasets: 3, Activities: 40, Places: places,
		ORUK: []simulate.ORUKFeed{{Services: 12}}})
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	if code, _, stderr := run(t, "snapshot", "--store", dsn, "--allow-private=127.0.0.1", "--source", sim.CatalogueURL(),
		"--source", sim.ORUKFeeds()[0].URL, "--log-level", "warn"); code != 0 {
		t.Fatalf("snapshot exit %d: %s", code, stderr)
	}
	out := filepath.Join(t.TempDir(), "trafford.json")
	code, _, stderr := run(t, "export", "oruk", "--place", "E08000009", "--out", out, "--store", dsn)
	if code != 0 || !strings.Contains(stderr, "passes the ORUK v3 schema") || strings.Contains(stderr, "left out") {
		t.Fatalf("export exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	v, err := oruk.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Page(b); err != nil {
		t.Errorf("the export fails the ORUK v3 schema: %v", err)
	}
	_, act, _ := run(t, "query", "activities", "--param", "place=E08000009", "--param", "limit=100000", "--store", dsn, "--format", "csv")
	oa := strings.Count(act, "\n") - 1 - strings.Count(act, ",Service,")
	if n := strings.Count(string(b), `"status"`); n != oa || oa == 0 {
		t.Errorf("exported %d services; %d OpenActive activities are in the place", n, oa)
	}
	explainAService(t, dsn)
	for _, bad := range [][]string{{"export", "oruk", "--store", dsn}, {"export", "--place", "E08000009", "--store", dsn},
		{"export", "oruk", "--place", "E99999999", "--store", dsn}} {
		if code, _, stderr := run(t, bad...); code != 1 || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, %q", bad, code, stderr)
		}
	}
}

// explainAService checks the activity page's explanation of a service: its
// ORUK checks with reasons.
func explainAService(t *testing.T, dsn string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := geo.Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := st.Query(ctx, "SELECT dataset_id, activity_id, t FROM activity_scores WHERE kind = 'Service' LIMIT 1")
	if err != nil {
		t.Fatal(err)
	}
	var ds, id string
	var at time.Time
	for rows.Next() {
		if err := rows.Scan(&ds, &id, &at); err != nil {
			t.Fatal(err)
		}
	}
	rows.Close()
	ex, err := explainer(st, res)(ctx, ds, id, at)
	if err != nil || ex == nil || len(ex.Checks) != 15 || ex.Checks[0].ID != "sv.1" || ex.Checks[0].Reason == "" || len(ex.Freshness) == 0 {
		t.Errorf("explain %s: %v %+v", id, err, ex)
	}
}
