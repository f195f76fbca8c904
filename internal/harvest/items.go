package harvest

import (
	"context"
	"hash/maphash"
	"strconv"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/rpde"
	"github.com/feedgauge/feedgauge/internal/store"
)

// items compares a page's items with what is held and queues the new
// (id, modified) pairs; unchanged items are not rewritten.
func (r *run) items(ctx context.Context, ev rpde.PageEvent) error {
	its := ev.Page.Items
	var held map[string]domain.ItemVersion
	if r.lookup && len(its) > 0 {
		ids := make([]string, 0, len(its))
		for i := range its {
			if _, ok := r.pendingIdx[its[i].ID]; !ok {
				ids = append(ids, its[i].ID)
			}
		}
		var err error
		if held, err = store.ItemVersions(ctx, r.o.Store, r.feed.DatasetID, r.feed.URL, ids); err != nil {
			return &storeError{err}
		}
	}
	for i := range its {
		it := &its[i]
		if it.State == domain.StateDeleted {
			r.deleted++
		} else {
			r.updated++
		}
		if r.known(it, held) {
			continue
		}
		r.queue(it, ev.Page.License)
	}
	return nil
}

// known says whether this exact (id, modified, state) is already held,
// pending, or (without lookups) seen in this attempt.
func (r *run) known(it *rpde.Item, held map[string]domain.ItemVersion) bool {
	if k, ok := r.pendingIdx[it.ID]; ok {
		p := &r.pending[k]
		return p.Modified == it.Modified && p.State == it.State
	}
	if r.lookup {
		v, ok := held[it.ID]
		return ok && v.Modified == it.Modified && v.State == it.State
	}
	id, ver := maphash.String(r.seed, it.ID), maphash.String(r.seed, it.State+"\x00"+it.Modified)
	if prev, ok := r.seen[id]; ok && prev == ver {
		return true
	}
	r.seen[id] = ver
	return false
}

func (r *run) queue(it *rpde.Item, license string) {
	r.changed++
	r.pendingIdx[it.ID] = len(r.pending)
	r.pending = append(r.pending, domain.Item{
		DatasetID: r.feed.DatasetID, FeedURL: r.feed.URL, RPDEID: it.ID, State: it.State, Kind: it.Kind,
		Modified: it.Modified, Data: it.Data, License: license, FirstSeen: r.start, FirstHarvest: r.firstHarvest,
	})
	if t, ok := r.changeTime(it.Modified); ok && (r.lastChange == nil || t.After(*r.lastChange)) {
		r.lastChange = &t
	}
}

var plausibleFrom = time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)

// changeTime is the change time of a new pair (scoring.md §8.2.4–5): the
// modified value itself on a timestamp feed when it reads as a plausible
// time, else the attempt's start outside the first harvest.
func (r *run) changeTime(mod string) (time.Time, bool) {
	if r.st.Ordering == domain.OrderingTimestamp {
		if t, ok := modifiedTime(mod); ok && !t.Before(plausibleFrom) && !t.After(r.start.Add(24*time.Hour)) {
			return t, true
		}
	}
	if r.firstHarvest {
		return time.Time{}, false
	}
	return r.start, true
}

// modifiedTime reads a timestamp-feed modified value: Unix milliseconds
// (≥ 10^11) or seconds, or an ISO 8601 date-time with an offset.
func modifiedTime(mod string) (time.Time, bool) {
	if n, err := strconv.ParseInt(mod, 10, 64); err == nil {
		if n >= 1e11 {
			return time.UnixMilli(n).UTC(), true
		}
		return time.Unix(n, 0).UTC(), true
	}
	if t, err := time.Parse(time.RFC3339Nano, mod); err == nil {
		return t.UTC(), true
	}
	return time.Time{}, false
}
