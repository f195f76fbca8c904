package app

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/geo"
	"github.com/feedgauge/feedgauge/internal/pipeline"
	"github.com/feedgauge/feedgauge/internal/simulate"
	"github.com/feedgauge/feedgauge/internal/store"
)

// TestExplainUsesTheFeedsScored: the activity page explains an activity
// from the feeds its snapshot scored. Here a dataset is scored again at T2
// listing only its sessions feed; its series' items stay stored but were
// not scored, so each activity (now an orphan keyed by its series) must be
// explained with the checks it was stored with, not as the full series.
func TestExplainUsesTheFeedsScored(t *testing.T) {
	ctx := context.Background()
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "fg.db")
	sim, err := simulate.Start(ctx, simulate.Config{Seed: 5, Datasets: 6, Activities: 40})
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	if code, _, stderr := run(t, "snapshot", "--store", dsn, "--allow-private=127.0.0.1", "--source", sim.CatalogueURL(),
		"--log-level", "warn"); code != 0 {
		t.Fatalf("snapshot exit %d: %s", code, stderr)
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	dss, err := store.Datasets(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	// A dataset of series and their sessions, in two feeds.
	var ds domain.Dataset
	var sessions []domain.Feed
	for _, d := range dss {
		feeds, err := store.Feeds(ctx, st, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, f := range feeds {
			kinds = append(kinds, f.Kind)
			if f.Kind == "ScheduledSession" {
				sessions = []domain.Feed{f}
			}
		}
		if slices.Contains(kinds, "SessionSeries") && len(sessions) == 1 && len(feeds) == 2 {
			ds = d
			break
		}
		sessions = nil
	}
	if ds.ID == "" {
		t.Fatal("no dataset of series and sessions in the simulated world")
	}
	T2 := time.Now().UTC().Add(time.Hour).Truncate(time.Second)
	res, err := geo.Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := referenceAt(ctx, st, res, T2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pipeline.ScoreDataset(ctx, st, ref.Ref, nil, ds, sessions, T2); err != nil {
		t.Fatal(err)
	}
	rows, err := st.Query(ctx, "SELECT activity_id, failed_checks FROM activity_scores WHERE t = @t",
		store.A("t", T2))
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string][]string{}
	for rows.Next() {
		var id string
		var failed []string
		if err := rows.Scan(&id, &failed); err != nil {
			t.Fatal(err)
		}
		stored[id] = failed
	}
	rows.Close()
	if len(stored) == 0 {
		t.Fatal("nothing scored at T2")
	}
	explain := explainer(st, res)
	for id, want := range stored {
		ex, err := explain(ctx, ds.ID, id, T2)
		if err != nil {
			t.Fatalf("explain %s: %v", id, err)
		}
		var got []string
		for _, c := range ex.Checks {
			if !c.Pass {
				got = append(got, c.ID)
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s explained failing %v, stored failing %v", id, got, want)
		}
	}
}
