// Package webtest builds a synthetic but plausible world in a store for
// the dashboard's tests and benchmark: datasets, feeds, items, a year of
// weekly snapshots (activity scores, dataset roll-ups, feed stats, harvest
// attempts) and a small geography (two local authorities, their PCNs and
// LSOA boundaries), all written through internal/store. It stands in for
// `feedgauge demo` until the simulator and scorer build real history; the
// figures follow the method's arithmetic (overall, grades, SP-ready) but
// the checks are drawn from a seeded random source, not scored from items.
package webtest

import (
	"context"
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
)

// Options size the world; zero values take the defaults.
type Options struct {
	Weeks      int       // weekly snapshots (default 52)
	Activities int       // activities in the last snapshot (default 5,000)
	Datasets   int       // datasets (default 100)
	End        time.Time // T of the last snapshot (default 2026-11-23T06:00:00Z, a Monday)
	Seed       uint64    // default 1
}

// World is what Generate wrote, for tests to look things up.
type World struct {
	Options
	Snapshots  []time.Time // oldest first
	Datasets   []domain.Dataset
	Feeds      []domain.Feed
	Geo        *Geography
	activities []*activity
}

// Hostile names written into the data: tests check they come out escaped
// in HTML and neutralised in CSV.
const (
	ScriptName  = "<script>alert(1)</script>"
	FormulaName = `=HYPERLINK("http://x")`
	ScriptOrg   = `<img src=x onerror=alert(1)>`
)

func (o *Options) defaults() {
	if o.Weeks <= 0 {
		o.Weeks = 52
	}
	if o.Activities <= 0 {
		o.Activities = 5000
	}
	if o.Datasets <= 0 {
		o.Datasets = 100
	}
	if o.End.IsZero() {
		o.End = time.Date(2026, 11, 23, 6, 0, 0, 0, time.UTC)
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
}

// Generate writes the world into a migrated store.
func Generate(ctx context.Context, st store.Store, o Options) (*World, error) {
	o.defaults()
	w := &World{Options: o, Geo: newGeography()}
	for i := o.Weeks - 1; i >= 0; i-- {
		w.Snapshots = append(w.Snapshots, o.End.AddDate(0, 0, -7*i))
	}
	w.catalogue()
	w.activities = w.newActivities()
	steps := []struct {
		what string
		run  func(context.Context, store.Store) error
	}{
		{"geography", w.Geo.write},
		{"datasets", func(ctx context.Context, st store.Store) error { return store.PutDatasets(ctx, st, w.Datasets) }},
		{"feeds", func(ctx context.Context, st store.Store) error { return store.PutFeeds(ctx, st, w.Feeds) }},
		{"items", w.writeItems},
	}
	for _, s := range steps {
		if err := s.run(ctx, st); err != nil {
			return nil, fmt.Errorf("webtest: write %s: %w", s.what, err)
		}
	}
	for i, t := range w.Snapshots {
		if err := w.WriteSnapshot(ctx, st, t, i, domain.SnapshotComplete); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// WriteSnapshot writes one snapshot (scores, roll-ups, feed stats,
// attempts and the snapshot row) as week i of the world. The benchmark
// calls it with status "running" to load the store while pages are read.
func (w *World) WriteSnapshot(ctx context.Context, st store.Store, t time.Time, week int, status string) error {
	scores := w.scores(t, week)
	if err := store.PutScores(ctx, st, scores); err != nil {
		return fmt.Errorf("webtest: snapshot %s: %w", t.Format(time.RFC3339), err)
	}
	byDS := map[string][]domain.ActivityScore{}
	for _, s := range scores {
		byDS[s.DatasetID] = append(byDS[s.DatasetID], s)
	}
	var rollups []store.DatasetRollup
	var areas []store.AreaRollup
	for _, d := range w.Datasets {
		rollups = append(rollups, store.Rollup(t, d, w.feedCount(d.ID), byDS[d.ID]))
		areas = append(areas, store.AreaRollups(t, d.ID, byDS[d.ID])...)
	}
	if err := store.PutAreaRollups(ctx, st, areas); err != nil {
		return fmt.Errorf("webtest: area roll-ups: %w", err)
	}
	if err := store.PutDatasetRollups(ctx, st, rollups); err != nil {
		return fmt.Errorf("webtest: roll-ups: %w", err)
	}
	if err := w.writeHarvest(ctx, st, t, week, scores); err != nil {
		return err
	}
	return store.PutSnapshot(ctx, st, domain.Snapshot{T: t, StartedAt: t, FinishedAt: t.Add(4 * time.Minute), Status: status,
		MethodVersion: domain.MethodVersion, ProfileHash: "webtest", GeoVintages: "webtest", Datasets: len(w.Datasets),
		Feeds: len(w.Feeds), Activities: len(scores)})
}

func (w *World) catalogue() {
	for d := 0; d < w.Options.Datasets; d++ {
		id := fmt.Sprintf("https://publisher%03d.example.org/openactive/", d)
		ds := domain.Dataset{ID: id, Name: fmt.Sprintf("Active Sessions %03d", d), Publisher: fmt.Sprintf("Leisure Trust %03d", d),
			PublisherURL: fmt.Sprintf("https://publisher%03d.example.org", d), License: "https://creativecommons.org/licenses/by/4.0/",
			DiscoveredAt: w.Snapshots[0]}
		if d == 1 {
			ds.Name = "Club <b>Sessions</b> & More"
		}
		w.Datasets = append(w.Datasets, ds)
		w.Feeds = append(w.Feeds, domain.Feed{URL: id + "session-series", DatasetID: id, Kind: "SessionSeries"})
		if d%3 == 0 {
			w.Feeds = append(w.Feeds, domain.Feed{URL: id + "scheduled-sessions", DatasetID: id, Kind: "ScheduledSession"})
		}
	}
}

func (w *World) feedCount(datasetID string) int {
	n := 0
	for _, f := range w.Feeds {
		if f.DatasetID == datasetID {
			n++
		}
	}
	return n
}

// Activity returns the dataset and activity ids of the i-th activity.
func (w *World) Activity(i int) (datasetID, activityID string) {
	a := w.activities[i%len(w.activities)]
	return a.dataset, a.id
}

// HostileActivity returns the ids of the activity named ScriptName.
func (w *World) HostileActivity() (datasetID, activityID string) { return w.Activity(0) }

// FeedURL returns the session-series feed of dataset d.
func (w *World) FeedURL(d int) string { return w.Datasets[d].ID + "session-series" }
