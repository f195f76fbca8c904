package pipeline

import (
	"context"
	"sort"
	"sync"

	"github.com/feedgauge/feedgauge/internal/domain"
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
	mu       sync.Mutex
	held     int
	ds       map[string]*datasetMemory
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

// grow reserves room for n more items; false means the dataset must not
// be held.
func (m *Memory) grow(n int) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.held+n > m.MaxItems {
		return false
	}
	m.held += n
	return true
}

// refresh reads the items stored since the last read and returns the
// dataset's live items in (feed, id) order; d.deleted then holds the
// tombstones per feed.
func (d *datasetMemory) refresh(ctx context.Context, st store.Store, m *Memory, datasetID string) ([]domain.Item, bool, error) {
	before, newest := len(d.items), d.since
	err := store.EachItemSince(ctx, st, datasetID, d.since, func(it domain.Item) error {
		newest = max(newest, it.Seq)
		k := itemKey{it.FeedURL, it.RPDEID}
		if it.State == domain.StateDeleted {
			delete(d.items, k)
			if !d.tombstones[k] {
				d.tombstones[k] = true
				d.deleted[k.feed]++
			}
			return nil
		}
		d.items[k] = it
		if d.tombstones[k] {
			delete(d.tombstones, k)
			d.deleted[k.feed]--
		}
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	if grown := len(d.items) - before; grown > 0 && !m.grow(grown) {
		d.items, d.tombstones, d.deleted, d.since = map[itemKey]domain.Item{}, map[itemKey]bool{}, map[string]int{}, 0
		return nil, false, nil
	}
	d.since = newest
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
