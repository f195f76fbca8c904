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
// large writes are several times faster than one per dataset, and the
// smaller the last write, the less of a snapshot waits on it alone.
const flushScores = 20_000

// writeScores is the most scores written at once.
const writeScores = 20_000

// batch gathers the rows of many scored datasets and writes them together.
// The dataset whose rows fill it writes them, outside the lock, so the
// others keep scoring and queueing meanwhile.
type batch struct {
	st store.Store
	mu sync.Mutex
	rows
	oruk orukScorer
}

// rows are the queued rows of whole datasets; ready may also hold those of
// datasets still being queued.
type rows struct {
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
}

// add queues one dataset's rows, writing when enough have gathered.
func (b *batch) add(ctx context.Context, ds domain.Dataset, nfeeds int, T time.Time, res score.Result) error {
	b.mu.Lock()
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
		b.mu.Unlock()
		return nil
	}
	r := b.take()
	b.mu.Unlock()
	return r.write(ctx, b.st)
}

// flush writes whatever is queued.
func (b *batch) flush(ctx context.Context) error {
	b.mu.Lock()
	r := b.take()
	b.mu.Unlock()
	return r.write(ctx, b.st)
}

// take empties the queue and returns what it held; b.mu must be held.
func (b *batch) take() rows {
	r := b.rows
	b.rows = rows{}
	return r
}

// write writes scores first and roll-ups last, so a reader never sees a
// dataset's roll-up without its scores.
func (r rows) write(ctx context.Context, st store.Store) error {
	// Written a slice at a time: the columns a write builds are several
	// times the rows' size.
	for _, acts := range r.scores {
		for len(acts) > 0 {
			n := min(len(acts), writeScores)
			if err := store.PutScores(ctx, st, acts[:n]); err != nil {
				return err
			}
			acts = acts[n:]
		}
	}
	if err := store.PutFeedStats(ctx, st, r.stats); err != nil {
		return err
	}
	if err := store.PutOrganisers(ctx, st, r.orgs); err != nil {
		return err
	}
	if err := store.PutAreaRollups(ctx, st, r.areas); err != nil {
		return err
	}
	if err := oruk.PutReadiness(ctx, st, r.ready); err != nil {
		return err
	}
	return store.PutDatasetRollups(ctx, st, r.rollups)
}
