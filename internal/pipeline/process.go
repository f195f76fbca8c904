package pipeline

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/feedgauge/feedgauge/internal/discover"
	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/pool"
)

// runMemoryItems bounds the items a one-off snapshot keeps between
// harvesting datasets and scoring them, and runMemoryDataset those of one
// dataset; larger datasets are read back from the store instead, decoded
// as they are read. Held items cost their JSON twice (as harvested and as
// decoded), so a large dataset is cheaper read back.
const (
	runMemoryItems   = 150_000
	runMemoryDataset = 40_000
)

// process harvests and scores datasets, Concurrency at a time: each
// dataset is scored as soon as its own feeds are harvested, so scoring and
// fetching overlap, and its items reach the scorer from the harvest rather
// than being read back from the store.
func (o Options) process(ctx context.Context, T time.Time, res discover.Result, sum *Summary) error {
	mem, oneOff := o.Memory, o.Memory == nil
	if oneOff {
		mem = NewMemory(runMemoryItems)
		mem.MaxDataset, mem.oneOff = runMemoryDataset, true
	}
	feeds := map[string][]domain.Feed{}
	for _, f := range res.Feeds {
		feeds[f.DatasetID] = append(feeds[f.DatasetID], f)
	}
	ds := append([]domain.Dataset(nil), res.Datasets...)
	sort.Slice(ds, func(i, j int) bool {
		return o.offset(ds[i].ID) < o.offset(ds[j].ID) || o.offset(ds[i].ID) == o.offset(ds[j].ID) && ds[i].ID < ds[j].ID
	})
	start := time.Now()
	b := &batch{st: o.Store}
	scoring := newBudget(scoreBudget)
	prog := newProgress(len(ds), len(res.Feeds), o.Progress)
	workers := o.Concurrency
	if workers <= 0 {
		workers = 8
	}
	var mu sync.Mutex // guards sum
	// A dataset waits for its offset in the snapshot; once cancelled, the
	// rest are skipped.
	err := pool.Each(workers, ds, func(d domain.Dataset) error {
		if err := waitUntil(ctx, start.Add(o.offset(d.ID))); err != nil {
			return nil
		}
		err := o.dataset(ctx, T, d, feeds[d.ID], mem, b, scoring, prog, sum, &mu)
		if oneOff {
			mem.drop(d.ID)
		}
		return err
	})
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return b.flush(ctx)
}

// dataset harvests one dataset's feeds and scores it.
func (o Options) dataset(ctx context.Context, T time.Time, d domain.Dataset, feeds []domain.Feed, mem *Memory, b *batch,
	scoring *budget, prog *progress, sum *Summary, mu *sync.Mutex) error {
	if err := mem.prime(ctx, o.Store, d.ID); err != nil {
		return err
	}
	attempts, err := o.harvestFeeds(ctx, T, d, feeds, mem, prog)
	mu.Lock()
	for _, a := range attempts {
		o.Metrics.HarvestAttempt(a)
		sum.Pages += a.Pages
		sum.ItemsFetched += a.ItemsUpdated + a.ItemsDeleted
		if a.Status != domain.StatusOK {
			sum.FeedsFailed++
			sum.Failures = append(sum.Failures, Failure{URL: a.FeedURL, Kind: a.ErrorKind, Message: a.Message})
		}
	}
	mu.Unlock()
	if err != nil {
		return fmt.Errorf("harvest %s: %w", d.ID, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	size, err := mem.size(ctx, o.Store, d.ID)
	if err != nil {
		return err
	}
	release := scoring.acquire(size)
	r, err := scoreDataset(ctx, o.Store, o.Reference, mem, b, d, feeds, T)
	release()
	if err != nil {
		return err
	}
	prog.datasetDone()
	mu.Lock()
	sum.Items += r.Items
	sum.Activities += r.Activities
	sum.SPReady += r.SPReady
	sum.Orphans += r.Orphans
	mu.Unlock()
	return nil
}

func (o Options) offset(datasetID string) time.Duration {
	if o.Offset == nil {
		return 0
	}
	return o.Offset(datasetID)
}

// waitUntil sleeps until t (on the monotonic clock) or until ctx ends.
func waitUntil(ctx context.Context, t time.Time) error {
	d := time.Until(t)
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
