package harvest

import (
	"context"
	"hash/maphash"
	"sync/atomic"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/rpde"
	"github.com/feedgauge/feedgauge/internal/store"
)

// run is the state of one attempt.
type run struct {
	o         Options
	feed      domain.Feed
	st        domain.FeedState
	start     time.Time // the attempt's start (At)
	snapshotT time.Time
	t0        time.Time // wall clock, for the duration
	startURL  string
	// firstHarvest is set while the feed has never reached its last page.
	firstHarvest bool
	// lookup compares fetched items with stored ones; off while the feed
	// had nothing stored when the attempt began (then seen dedupes).
	lookup bool
	seed   maphash.Seed
	seen   map[uint64]uint64

	pending    []domain.Item
	pendingIdx map[string]int
	dirty      bool
	w          *writer // background writes during a first harvest; nil otherwise

	updated, deleted, changed int
	// stored counts the new pairs actually written: a change read but not
	// stored when an attempt stops is read and counted again by the next.
	stored     atomic.Int64
	lastChange *time.Time
	onPage     func(pages, items int, bytes int64)
}

func newRun(f domain.Feed, o Options) *run {
	start := o.At
	if start.IsZero() {
		start = time.Now()
	}
	start = start.UTC().Truncate(time.Second)
	snap := o.SnapshotT
	if snap.IsZero() {
		snap = start
	}
	return &run{o: o, feed: f, start: start, snapshotT: snap.UTC(), t0: time.Now(), seed: maphash.MakeSeed(),
		pendingIdx: map[string]int{}}
}

// load reads the feed's cursor and whether anything is stored.
func (r *run) load(ctx context.Context) error {
	st, ok, err := store.GetFeedState(ctx, r.o.Store, r.feed.URL)
	if err != nil {
		return &storeError{err}
	}
	if !ok {
		st = domain.FeedState{FeedURL: r.feed.URL, DatasetID: r.feed.DatasetID}
	}
	r.st = st
	r.startURL = st.NextURL
	if r.startURL == "" {
		r.startURL = r.feed.URL
	}
	r.firstHarvest = !st.FirstHarvestDone
	any, err := anyStored(ctx, r.o.Store, r.feed.DatasetID, r.feed.URL)
	if err != nil {
		return &storeError{err}
	}
	r.lookup = any
	if !any {
		r.seen = map[uint64]uint64{}
		r.w = newWriter(ctx, r.o.Store, r.onStored)
	}
	return nil
}

// page handles one page from the walk.
func (r *run) page(ctx context.Context, ev rpde.PageEvent) error {
	if r.st.Ordering == domain.OrderingUnknown {
		r.st.Ordering = ev.Ordering
	}
	if err := r.items(ctx, ev); err != nil {
		return err
	}
	r.st.NextURL = ev.Next
	r.dirty = true
	if ev.Last {
		r.st.FirstHarvestDone = true
	}
	if r.onPage != nil {
		r.onPage(1, len(ev.Page.Items), ev.WireBytes)
	}
	if len(r.pending) >= r.o.BatchItems || ev.Last {
		return r.flush(ctx)
	}
	return nil
}

// flush stores the pending items, then the cursor past them: in the
// background during a first harvest, else at once.
func (r *run) flush(ctx context.Context) error {
	if !r.dirty {
		return nil
	}
	r.st.UpdatedAt = r.start
	clear(r.pendingIdx)
	r.dirty = false
	if r.w != nil {
		err := r.w.send(batch{items: r.pending, state: r.st})
		r.pending = r.w.buffer(r.o.BatchItems + 1000)
		return err
	}
	err := write(ctx, r.o.Store, batch{items: r.pending, state: r.st}, r.onStored)
	r.pending = r.pending[:0]
	return err
}

// finish flushes what is pending and waits for background writes.
func (r *run) finish(ctx context.Context) error {
	err := r.flush(ctx)
	if r.w != nil {
		if werr := r.w.close(); err == nil {
			err = werr
		}
	}
	return err
}

// onStored counts a batch once it is written and passes it on.
func (r *run) onStored(items []domain.Item) {
	r.stored.Add(int64(len(items)))
	if r.o.OnStored != nil {
		r.o.OnStored(items)
	}
}
