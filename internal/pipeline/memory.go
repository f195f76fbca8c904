package pipeline

import (
	"context"
	"sort"
	"sync"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/oruk"
	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/store"
)

// Memory keeps each dataset's live items and their decoded form between the
// snapshots of one long-running process (serve, demo), so a snapshot reads
// only what changed and decodes only that. Nil Memory reads everything.
type Memory struct {
	// MaxItems bounds the items held over all datasets; a dataset that
	// would exceed it is read in full every time instead.
	MaxItems int
	// MaxDataset, when set, bounds one dataset's items: larger datasets are
	// read from the store, so one of them cannot fill the memory alone.
	MaxDataset int
	// oneOff memory serves one snapshot: a dataset's items are let go as
	// soon as they are decoded for scoring.
	oneOff bool
	mu     sync.Mutex
	held   int
	ds     map[string]*datasetMemory
}

// NewMemory holds up to maxItems items (a place is tens of thousands).
func NewMemory(maxItems int) *Memory {
	return &Memory{MaxItems: maxItems, ds: map[string]*datasetMemory{}}
}

type itemKey struct{ feed, id string }

type datasetMemory struct {
	mu    sync.Mutex
	items map[itemKey]domain.Item
	// tombstones are the deleted items' keys; deleted counts them per feed.
	tombstones map[itemKey]bool
	deleted    map[string]int
	// since is the newest seq read. Snapshots of one store run one at a
	// time (the data-folder lock and the scheduler see to it) and read after
	// their harvest has committed, so no write with a lower seq can appear
	// later.
	since int64
	cache *score.Cache
	// primed is set once the dataset has been read from the store.
	primed bool
	// ready keeps the ORUK readiness of its activities (internal/oruk).
	ready oruk.ReadinessCache
}

func (m *Memory) dataset(id string) *datasetMemory {
	m.mu.Lock()
	defer m.mu.Unlock()
	d := m.ds[id]
	if d == nil {
		d = &datasetMemory{items: map[itemKey]domain.Item{}, tombstones: map[itemKey]bool{}, deleted: map[string]int{},
			cache: score.NewCache()}
		m.ds[id] = d
	}
	return d
}

// grow accounts for n more (or, negative, fewer) items held; false means
// there is no room and the dataset must not be held.
func (m *Memory) grow(n int) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if n > 0 && m.held+n > m.MaxItems {
		return false
	}
	m.held += n
	return true
}

// refresh reads the items stored since the last read and returns the
// dataset's live items in (feed, id) order; d.deleted then holds the
// tombstones per feed.
func (d *datasetMemory) refresh(ctx context.Context, st store.Store, m *Memory, datasetID string) ([]domain.Item, bool, error) {
	var got []domain.Item
	err := store.EachItemSince(ctx, st, datasetID, d.since, func(it domain.Item) error {
		got = append(got, it)
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	if !m.admit(d, d.apply(got)) {
		return nil, false, nil
	}
	out := make([]domain.Item, 0, len(d.items))
	for _, it := range d.items {
		out = append(out, it)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].FeedURL != out[j].FeedURL {
			return out[i].FeedURL < out[j].FeedURL
		}
		return out[i].RPDEID < out[j].RPDEID
	})
	return out, true, nil
}

// prime makes sure the dataset has been read from the store once in this
// process; from then on items reach it through stored and refresh. A
// dataset too large for the room left is not read: it is scored from the
// store each time instead.
func (m *Memory) prime(ctx context.Context, st store.Store, id string) error {
	if m == nil {
		return nil
	}
	d := m.dataset(id)
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.primed {
		return nil
	}
	n, _, err := store.CountItems(ctx, st, id, "")
	if err != nil || !m.room(n) {
		return err
	}
	_, held, err := d.refresh(ctx, st, m, id)
	d.primed = held
	return err
}

// room reports whether n more items fit.
func (m *Memory) room(n int) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.held+n <= m.MaxItems
}

// holding returns the dataset's memory, locked, when it holds the dataset;
// nil when scoring must read the dataset from the store.
func (m *Memory) holding(id string) *datasetMemory {
	if m == nil {
		return nil
	}
	d := m.dataset(id)
	d.mu.Lock()
	if !d.primed {
		d.mu.Unlock()
		return nil
	}
	return d
}

// stored takes items just written by the harvester (harvest.Options.
// OnStored), so scoring needs not read them back.
func (m *Memory) stored(items []domain.Item) {
	for len(items) > 0 {
		id := items[0].DatasetID
		n := 1
		for n < len(items) && items[n].DatasetID == id {
			n++
		}
		d := m.dataset(id)
		d.mu.Lock()
		if d.primed {
			m.admit(d, d.apply(items[:n]))
		}
		d.mu.Unlock()
		items = items[n:]
	}
}

// admit accounts for a locked dataset's change of delta items. When the
// memory or the dataset's share of it is exceeded, the dataset is let go
// and read from the store from then on.
func (m *Memory) admit(d *datasetMemory, delta int) bool {
	if !m.grow(delta) {
		m.grow(delta - len(d.items)) // give back what the dataset held before
		d.reset()
		return false
	}
	if m.MaxDataset > 0 && len(d.items) > m.MaxDataset {
		m.forget(d)
		return false
	}
	return true
}

// forget lets a locked dataset's items go; the dataset is not held any more.
func (m *Memory) forget(d *datasetMemory) {
	m.grow(-len(d.items))
	d.reset()
}

// drop forgets a dataset (a one-off snapshot is done with it).
func (m *Memory) drop(id string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if d := m.ds[id]; d != nil {
		m.held -= len(d.items)
		delete(m.ds, id)
	}
}

// apply merges item versions into the dataset and returns how many live
// items it gained (negative when it lost some). Versions older than the one held are ignored.
func (d *datasetMemory) apply(items []domain.Item) int {
	before := len(d.items)
	for _, it := range items {
		d.since = max(d.since, it.Seq)
		k := itemKey{it.FeedURL, it.RPDEID}
		if held, ok := d.items[k]; ok && held.Seq > it.Seq {
			continue
		}
		if it.State == domain.StateDeleted {
			delete(d.items, k)
			if !d.tombstones[k] {
				d.tombstones[k] = true
				d.deleted[k.feed]++
			}
			continue
		}
		d.items[k] = it
		if d.tombstones[k] {
			delete(d.tombstones, k)
			d.deleted[k.feed]--
		}
	}
	return len(d.items) - before
}

// reset forgets what is held: the dataset is then read in full each time.
func (d *datasetMemory) reset() {
	d.items, d.tombstones, d.deleted, d.since, d.primed = map[itemKey]domain.Item{}, map[itemKey]bool{}, map[string]int{}, 0, false
}

// size is how many live items scoring the dataset will hold: what the
// memory holds, else what the store holds.
func (m *Memory) size(ctx context.Context, st store.Store, id string) (int, error) {
	d := m.dataset(id)
	d.mu.Lock()
	n, primed := len(d.items), d.primed
	d.mu.Unlock()
	if primed {
		return n, nil
	}
	updated, _, err := store.CountItems(ctx, st, id, "")
	return updated, err
}
