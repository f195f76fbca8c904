package pipeline

import (
	"context"
	"sync"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/oruk"
	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/store"
)

// flushScores is how many activity scores are gathered before one write:
// large writes are several times faster than one per dataset, and this many
// rows stay a few tens of MB in memory.
const flushScores = 50_000

// writeScores is the most scores written at once.
const writeScores = 20_000

// batch gathers the rows of many scored datasets and writes them together.
type batch struct {
	st store.Store
	mu sync.Mutex
	// scores are the datasets' own result slices, not copies: a large
	// dataset's scores are held once.
	scores  [][]domain.ActivityScore
	nscores int
	stats   []store.FeedStats
	orgs    []domain.Organiser
	rollups []store.DatasetRollup
	areas   []store.AreaRollup
	// ready are ORUK readiness rows of OpenActive activities; oruk scores
	// ORUK services and converts activities (internal/pipeline/oruk.go).
	ready []oruk.Readiness
	oruk  orukScorer
}

// add queues one dataset's rows, writing when enough have gathered.
func (b *batch) add(ctx context.Context, ds domain.Dataset, nfeeds int, T time.Time, res score.Result) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.scores = append(b.scores, res.Activities)
	b.nscores += len(res.Activities)
	for _, f := range res.Feeds {
		b.stats = append(b.stats, store.FeedStats{T: T, FeedURL: f.FeedURL, DatasetID: ds.ID, Items: f.Items,
			Deleted: f.Deleted, Orphans: f.Orphans, Activities: f.Activities})
	}
	b.orgs = append(b.orgs, organisers(T, ds.ID, res.Activities)...)
	b.rollups = append(b.rollups, store.Rollup(T, ds, nfeeds, res.Activities))
	b.areas = append(b.areas, store.AreaRollups(T, ds.ID, res.Activities)...)
	if b.nscores < flushScores {
		return nil
	}
	return b.flushLocked(ctx)
}

// flush writes whatever is queued.
func (b *batch) flush(ctx context.Context) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.flushLocked(ctx)
}

// flushLocked writes scores first and roll-ups last, so a reader never sees
// a dataset's roll-up without its scores.
func (b *batch) flushLocked(ctx context.Context) error {
	// Written a slice at a time: the columns a write builds are several
	// times the rows' size.
	for _, acts := range b.scores {
		for len(acts) > 0 {
			n := min(len(acts), writeScores)
			if err := store.PutScores(ctx, b.st, acts[:n]); err != nil {
				return err
			}
			acts = acts[n:]
		}
	}
	if err := store.PutFeedStats(ctx, b.st, b.stats); err != nil {
		return err
	}
	if err := store.PutOrganisers(ctx, b.st, b.orgs); err != nil {
		return err
	}
	if err := store.PutAreaRollups(ctx, b.st, b.areas); err != nil {
		return err
	}
	if err := oruk.PutReadiness(ctx, b.st, b.ready); err != nil {
		return err
	}
	b.ready = b.ready[:0]
	if err := store.PutDatasetRollups(ctx, b.st, b.rollups); err != nil {
		return err
	}
	clear(b.scores)
	b.scores, b.nscores, b.stats, b.orgs, b.rollups, b.areas = b.scores[:0], 0, b.stats[:0], b.orgs[:0], b.rollups[:0], b.areas[:0]
	return nil
}
