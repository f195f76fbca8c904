package oruk

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
)

// KindService is the item kind (and activity kind) of an ORUK service.
// OpenActive has no type Service, so the kind also tells the standard.
const KindService = "Service"

// run is the state of one attempt.
type run struct {
	o         Options
	feed      domain.Feed
	st        domain.FeedState
	start     time.Time
	snapshotT time.Time
	t0        time.Time
	// firstHarvest is set while the feed has never been read to its end.
	firstHarvest bool
	listed       map[string]bool
	pending      []domain.Item
	pendingIdx   map[string]int // RPDE id → index in pending
	checks       Checks
	style        string

	changed, withdrawn         int
	detailPages, detailFails   int
	detailsDone, detailsFailed int
	detailBytes                int64
	lastChange                 *time.Time
	firstID                    string
	london                     *time.Location
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
	return &run{o: o, feed: f, start: start, snapshotT: snap.UTC(), t0: time.Now(), listed: map[string]bool{},
		pendingIdx: map[string]int{}}
}

// load reads the feed's state: whether it was ever read to its end.
func (r *run) load(ctx context.Context) error {
	st, ok, err := store.GetFeedState(ctx, r.o.Store, r.feed.URL)
	if err != nil {
		return &storeError{err}
	}
	if !ok {
		st = domain.FeedState{FeedURL: r.feed.URL, DatasetID: r.feed.DatasetID}
	}
	r.st, r.firstHarvest = st, !st.FirstHarvestDone
	r.london, err = loadLondon()
	return err
}

// page stores the new and changed services of one list page.
func (r *run) page(ctx context.Context, n int, p *Page) error {
	r.style = p.Style
	ids := make([]string, 0, len(p.Services))
	for _, s := range p.Services {
		ids = append(ids, s.ID)
	}
	held, err := store.ItemVersions(ctx, r.o.Store, r.feed.DatasetID, r.feed.URL, ids)
	if err != nil {
		return &storeError{err}
	}
	for _, s := range p.Services {
		if r.firstID == "" {
			r.firstID = s.ID
		}
		r.listed[s.ID] = true
		mod := contentHash(s.Data)
		if v, ok := held[s.ID]; ok && v.State == domain.StateUpdated && v.Modified == mod {
			continue
		}
		data, retry := r.withDetail(ctx, s)
		if retry {
			mod += "+list" // stored without its detail: differs next time, so it is retried
		}
		r.queue(s.ID, mod, data)
	}
	if len(r.pending) >= 500 {
		return r.flush(ctx)
	}
	return nil
}

// queue adds a new or changed service (a later copy of the same id within
// the attempt replaces an earlier one).
func (r *run) queue(id, mod string, data []byte) {
	if i, ok := r.pendingIdx[id]; ok {
		r.pending = append(r.pending[:i], r.pending[i+1:]...)
		r.changed--
		for k, p := range r.pending[i:] {
			r.pendingIdx[p.RPDEID] = i + k
		}
	}
	r.changed++
	r.pendingIdx[id] = len(r.pending)
	r.pending = append(r.pending, domain.Item{DatasetID: r.feed.DatasetID, FeedURL: r.feed.URL, RPDEID: id,
		State: domain.StateUpdated, Kind: KindService, Modified: mod, Data: data, FirstSeen: r.start, FirstHarvest: r.firstHarvest})
	if t, ok := r.changeTime(data); ok && (r.lastChange == nil || t.After(*r.lastChange)) {
		r.lastChange = &t
	}
}

// changeTime is a changed service's last_modified when plausible, else the
// attempt's start outside the first harvest.
func (r *run) changeTime(data []byte) (time.Time, bool) {
	if t, ok := lastModified(data, r.start, r.london); ok {
		return t, true
	}
	return r.start, !r.firstHarvest
}

// contentHash is the version of a listed service: ORUK has no change
// numbers, so any change to its list entry is a new version.
func contentHash(data []byte) string {
	h := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(h[:12])
}

// flush stores the pending items.
func (r *run) flush(ctx context.Context) error {
	if len(r.pending) == 0 {
		return nil
	}
	if err := store.PutItems(ctx, r.o.Store, r.pending); err != nil {
		return &storeError{err}
	}
	if r.o.OnStored != nil {
		r.o.OnStored(r.pending)
	}
	r.pending = r.pending[:0]
	clear(r.pendingIdx)
	return nil
}

// finish runs after a complete walk: it marks stored services that are no
// longer listed as deleted, probes /services/{id} when no detail was read,
// and saves that the feed has been read to its end.
func (r *run) finish(ctx context.Context) error {
	if err := r.withdraw(ctx); err != nil {
		return err
	}
	if err := r.flush(ctx); err != nil {
		return err
	}
	if r.detailsDone+r.detailsFailed == 0 && r.firstID != "" {
		r.probeDetail(ctx, r.firstID)
	}
	r.st.FirstHarvestDone, r.st.UpdatedAt, r.st.NextURL = true, r.start, ""
	if err := store.PutFeedState(ctx, r.o.Store, r.st); err != nil {
		return &storeError{err}
	}
	return nil
}

// withdraw queues a tombstone for every stored live service not listed.
func (r *run) withdraw(ctx context.Context) error {
	rows, err := r.o.Store.Query(ctx, "SELECT rpde_id, modified FROM items"+r.o.Store.Final()+
		" WHERE dataset_id = @d AND feed_url = @f AND state = 'updated'", store.A("d", r.feed.DatasetID), store.A("f", r.feed.URL))
	if err != nil {
		return &storeError{err}
	}
	defer rows.Close()
	for rows.Next() {
		var id, mod string
		if err := rows.Scan(&id, &mod); err != nil {
			return &storeError{err}
		}
		if !r.listed[id] {
			r.withdrawn++
			r.changed++
			r.pending = append(r.pending, domain.Item{DatasetID: r.feed.DatasetID, FeedURL: r.feed.URL, RPDEID: id,
				State: domain.StateDeleted, Kind: KindService, Modified: mod, FirstSeen: r.start, FirstHarvest: r.firstHarvest})
		}
	}
	if err := rows.Err(); err != nil {
		return &storeError{err}
	}
	return nil
}
