package chtest

import (
	"context"
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
)

// World is a generated, deterministic history written through feedgauge's
// typed writers: datasets with three feeds each, an attempt and feed counts
// per feed per snapshot, a score per activity per snapshot, dataset
// roll-ups and the snapshot rows. The same World gives the same rows on
// every store, so query results can be compared; its size scales from a
// test (a few thousand rows) to England (500,000 activities × 90 days).
type World struct {
	Seed       uint64
	Datasets   int
	Activities int // across all datasets
	Snapshots  int
	Start      time.Time     // T of the first snapshot
	Step       time.Duration // between snapshots
	Batch      int           // score rows per write (default 100,000)
}

// Progress is told after each snapshot is written.
type Progress func(snapshot int, t time.Time, rows int)

// Write writes the whole world.
func (w World) Write(ctx context.Context, st store.Store, progress Progress) error {
	g := newGen(w)
	if err := store.PutDatasets(ctx, st, g.datasets); err != nil {
		return fmt.Errorf("world datasets: %w", err)
	}
	if err := store.PutFeeds(ctx, st, g.feeds); err != nil {
		return fmt.Errorf("world feeds: %w", err)
	}
	for i := 0; i < w.Snapshots; i++ {
		t := w.Start.Add(time.Duration(i) * w.Step).UTC()
		n, err := g.snapshot(ctx, st, i, t)
		if err != nil {
			return fmt.Errorf("world snapshot %s: %w", t.Format(time.RFC3339), err)
		}
		if progress != nil {
			progress(i, t, n)
		}
	}
	return nil
}

// T returns the time of snapshot i.
func (w World) T(i int) time.Time { return w.Start.Add(time.Duration(i) * w.Step).UTC() }

func (g *gen) snapshot(ctx context.Context, st store.Store, i int, t time.Time) (int, error) {
	if err := store.PutSnapshot(ctx, st, domain.Snapshot{T: t, StartedAt: t, FinishedAt: t.Add(time.Hour),
		Status: domain.SnapshotRunning, MethodVersion: 1, ProfileHash: "world"}); err != nil {
		return 0, err
	}
	if err := store.PutAttempts(ctx, st, g.attempts(i, t)); err != nil {
		return 0, err
	}
	if err := store.PutFeedStats(ctx, st, g.feedStats(i, t)); err != nil {
		return 0, err
	}
	rolls := make([]store.DatasetRollup, len(g.datasets))
	for d, ds := range g.datasets {
		rolls[d] = store.Rollup(t, ds, 3, nil)
	}
	batch := g.w.Batch
	if batch <= 0 {
		batch = 100_000
	}
	buf := make([]domain.ActivityScore, 0, batch)
	areas := areaSums{}
	for a := 0; a < g.w.Activities; a++ {
		buf = append(buf, g.score(a, i, t))
		if len(buf) == batch || a == g.w.Activities-1 {
			g.rollBatch(rolls, buf, a+1-len(buf))
			areas.add(t, buf)
			if err := store.PutScores(ctx, st, buf); err != nil {
				return 0, err
			}
			buf = buf[:0]
		}
	}
	if err := store.PutAreaRollups(ctx, st, areas.rows()); err != nil {
		return 0, err
	}
	if err := store.PutDatasetRollups(ctx, st, rolls); err != nil {
		return 0, err
	}
	return g.w.Activities, store.PutSnapshot(ctx, st, domain.Snapshot{T: t, StartedAt: t, FinishedAt: t.Add(time.Hour),
		Status: domain.SnapshotComplete, MethodVersion: 1, ProfileHash: "world",
		Datasets: len(g.datasets), Feeds: len(g.feeds), Activities: g.w.Activities})
}

// rollBatch adds a batch's scores to the roll-ups, one run of a dataset
// at a time (activities are in dataset order), with store.Rollup's rules.
func (g *gen) rollBatch(rolls []store.DatasetRollup, buf []domain.ActivityScore, first int) {
	for start := 0; start < len(buf); {
		d := g.dsOf[first+start]
		end := start
		for end < len(buf) && g.dsOf[first+end] == d {
			end++
		}
		rolls[d].Merge(store.Rollup(buf[0].T, domain.Dataset{}, 0, buf[start:end]).Sums)
		start = end
	}
}

// areaSums merges the area roll-ups of a snapshot written in batches (a
// dataset may span two batches). Feeds merge by maximum, which is exact here
// because every batch of a dataset carries all of its feeds; the coverage
// lists (organisers, types, places) merge as sets.
type areaSums map[[3]string]*store.AreaRollup

func (m areaSums) add(t time.Time, scores []domain.ActivityScore) {
	byDS := map[string][]domain.ActivityScore{}
	for _, s := range scores {
		byDS[s.DatasetID] = append(byDS[s.DatasetID], s)
	}
	for id, ss := range byDS {
		for _, r := range store.AreaRollups(t, id, ss) {
			k := [3]string{r.Level, r.AreaCode, r.DatasetID}
			if o := m[k]; o != nil {
				o.Feeds = max(o.Feeds, r.Feeds)
				o.Merge(r.Sums)
				o.Coverage = store.MergeCoverage(o.Coverage, r.Coverage)
				continue
			}
			r := r
			m[k] = &r
		}
	}
}

func (m areaSums) rows() []store.AreaRollup {
	out := make([]store.AreaRollup, 0, len(m))
	for _, r := range m {
		out = append(out, *r)
	}
	return out
}
