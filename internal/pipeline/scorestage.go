package pipeline

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/store"
)

// DatasetResult is what scoring one dataset produced.
type DatasetResult struct {
	DatasetID  string
	Items      int
	Deleted    int
	Activities int
	SPReady    int
	Orphans    int
}

// ScoreDataset reads the stored items of a dataset (only those changed since
// the last snapshot when mem holds the dataset), scores it as at T and writes
// its activity scores, feed counts, organisers and roll-up. Writing the same
// T again replaces these rows.
func ScoreDataset(ctx context.Context, st store.Store, ref *score.Reference, mem *Memory, ds domain.Dataset, feeds []domain.Feed, T time.Time) (DatasetResult, error) {
	b := &batch{st: st}
	r, err := scoreDataset(ctx, st, ref, mem, b, ds, feeds, T)
	if err != nil {
		return r, err
	}
	return r, b.flush(ctx)
}

// scoreDataset scores one dataset and queues its rows on b.
func scoreDataset(ctx context.Context, st store.Store, ref *score.Reference, mem *Memory, b *batch, ds domain.Dataset, feeds []domain.Feed, T time.Time) (DatasetResult, error) {
	in := score.DatasetInput{DatasetID: ds.ID}
	for _, f := range feeds {
		fs, _, err := store.GetFeedState(ctx, st, f.URL)
		if err != nil {
			return DatasetResult{}, err
		}
		in.Feeds = append(in.Feeds, score.FeedInfo{URL: f.URL, Ordering: fs.Ordering})
	}
	var res score.Result
	var err error
	if isORUK(feeds) {
		res, err = scoreORUK(ctx, st, ref, mem, b, ds, feeds, T)
	} else {
		var p *score.Prepared
		var deleted map[string]int
		if res, p, deleted, err = scoreItems(ctx, st, ref, mem, in, T); err == nil {
			for i := range res.Feeds {
				res.Feeds[i].Deleted = deleted[res.Feeds[i].FeedURL]
			}
			err = readiness(ctx, st, b, ref, mem, ds.ID, p, res, T)
		}
	}
	if err != nil {
		return DatasetResult{}, err
	}
	if err := b.add(ctx, ds, len(feeds), T, res); err != nil {
		return DatasetResult{}, fmt.Errorf("store the scores of %s: %w", ds.ID, err)
	}
	out := DatasetResult{DatasetID: ds.ID, Activities: len(res.Activities)}
	for _, f := range res.Feeds {
		out.Items += f.Items
		out.Deleted += f.Deleted
		out.Orphans += f.Orphans
	}
	for _, a := range res.Activities {
		if a.SPReady {
			out.SPReady++
		}
	}
	return out, nil
}

// scoreItems scores the dataset's live items, through its memory when held,
// and counts its tombstones per feed. The Prepared it returns holds the
// items' JSON for readiness when the dataset was held; items read from the
// store are decoded as they arrive; a large dataset's JSON is not kept
// (readiness reads it again), so it costs its decoded form alone.
func scoreItems(ctx context.Context, st store.Store, ref *score.Reference, mem *Memory, in score.DatasetInput, T time.Time) (score.Result, *score.Prepared, map[string]int, error) {
	listed := make(map[string]bool, len(in.Feeds))
	for _, f := range in.Feeds {
		listed[f.URL] = true
	}
	if d := mem.holding(in.DatasetID); d != nil {
		defer d.mu.Unlock()
		items, held, err := d.refresh(ctx, st, mem, in.DatasetID)
		if err != nil {
			return score.Result{}, nil, nil, err
		}
		if held {
			in.Items = listedOnly(items, listed)
			p, deleted := d.cache.Prepare(in), d.deleted
			if mem.oneOff {
				// The decoded copy is all a one-off snapshot needs from here.
				mem.forget(d)
			}
			return score.ScorePrepared(p, T, ref), p, deleted, nil
		}
	}
	deleted, err := store.DeletedByFeed(ctx, st, in.DatasetID)
	if err != nil {
		return score.Result{}, nil, nil, err
	}
	// A small dataset keeps its JSON for readiness, which saves reading it
	// again; a large one is decoded lean and read again item by item.
	live, _, err := store.CountItems(ctx, st, in.DatasetID, "")
	if err != nil {
		return score.Result{}, nil, nil, err
	}
	b := score.NewBuilder(in, live > leanAbove)
	err = store.EachLiveItem(ctx, st, in.DatasetID, func(it domain.Item) error {
		if listed[it.FeedURL] {
			b.Add(&it)
		}
		return nil
	})
	if err != nil {
		return score.Result{}, nil, nil, err
	}
	p := b.Prepare()
	return score.ScorePrepared(p, T, ref), p, deleted, nil
}

// leanAbove is the size from which a dataset read from the store is
// decoded lean (a variable so tests can take the lean path on small data).
var leanAbove = runMemoryDataset

// listedOnly keeps the items of the feeds the dataset lists now (scoring.md
// §1: a feed is a dataset's distribution). The items of a feed it stopped
// listing stay stored but are not scored: beside the feed that replaced it
// (a new path, a new host) they would count every activity twice.
func listedOnly(items []domain.Item, listed map[string]bool) []domain.Item {
	out := items[:0]
	for _, it := range items {
		if listed[it.FeedURL] {
			out = append(out, it)
		}
	}
	return out
}

// organisers summarises the organisers of a dataset's activities: counts,
// and the local authority most of their activities are in.
func organisers(T time.Time, datasetID string, acts []domain.ActivityScore) []domain.Organiser {
	byKey := map[string]*domain.Organiser{}
	lads := map[string]map[string]int{}
	for _, a := range acts {
		if a.OrganiserKey == "" {
			continue
		}
		o := byKey[a.OrganiserKey]
		if o == nil {
			o = &domain.Organiser{T: T, DatasetID: datasetID, Key: a.OrganiserKey, Name: a.Organiser}
			byKey[a.OrganiserKey] = o
			lads[a.OrganiserKey] = map[string]int{}
		}
		o.Activities++
		if a.SPReady {
			o.SPReady++
		}
		if a.Upcoming == 1 {
			o.Upcoming++
		}
		if a.LAD != "" {
			lads[a.OrganiserKey][a.LAD]++
		}
	}
	out := make([]domain.Organiser, 0, len(byKey))
	for k, o := range byKey {
		o.LAD = mostCommon(lads[k])
		out = append(out, *o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// mostCommon picks the most frequent key, ties to the lowest code so the
// result is deterministic.
func mostCommon(m map[string]int) string {
	best, n := "", 0
	for k, c := range m {
		if c > n || c == n && k < best {
			best, n = k, c
		}
	}
	return best
}
