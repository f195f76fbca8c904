package pipeline

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/feedgauge/feedgauge/internal/discover"
	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/harvest"
	"github.com/feedgauge/feedgauge/internal/oruk"
	"github.com/feedgauge/feedgauge/internal/oruk/sniff"
	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/store"
)

// Open Referral UK beside OpenActive: a dataset whose feeds discovery
// marked ORUK (sniff.KindV3 / KindV1) is harvested by internal/oruk and its
// services scored with the ORUK profile; every OpenActive dataset also gets
// the ORUK readiness of its activities.

// isORUK says a dataset's feeds are ORUK feeds.
func isORUK(feeds []domain.Feed) bool {
	return len(feeds) > 0 && sniff.IsKind(feeds[0].Kind)
}

// harvestFeeds runs one attempt of each of a dataset's feeds, with the
// harvester of its standard.
func (o Options) harvestFeeds(ctx context.Context, T time.Time, d domain.Dataset, feeds []domain.Feed, mem *Memory, prog *progress) ([]domain.HarvestAttempt, error) {
	if !isORUK(feeds) {
		return harvest.HarvestAll(ctx, feeds, harvest.Options{Store: o.Store, Client: o.Client, Logger: o.Logger,
			At: T, SnapshotT: T, Concurrency: len(feeds), OnStored: mem.stored, Progress: prog.of(d.ID)})
	}
	attempts, err := oruk.HarvestAll(ctx, feeds, oruk.Options{Store: o.Store, Client: o.Client, Logger: o.Logger,
		At: T, SnapshotT: T, Concurrency: len(feeds), OnStored: mem.stored})
	p := harvest.Progress{FeedsDone: len(attempts), DatasetsDone: 1}
	for _, a := range attempts {
		p.Pages += int64(a.Pages)
		p.Items += int64(a.ItemsUpdated)
		p.Bytes += a.Bytes
		if a.Status != domain.StatusOK {
			p.FeedsFailed++
		}
	}
	prog.of(d.ID)(p)
	return attempts, err
}

// recordStandards marks the OpenActive datasets of a discovery; ORUK ones
// are marked by their harvest, which knows the version their pages show.
func recordStandards(ctx context.Context, st store.Store, res discover.Result) error {
	orukDS := map[string]bool{}
	for _, f := range res.Feeds {
		if sniff.IsKind(f.Kind) {
			orukDS[f.DatasetID] = true
		}
	}
	var ss []oruk.Standard
	for _, d := range res.Datasets {
		if !orukDS[d.ID] {
			ss = append(ss, oruk.Standard{DatasetID: d.ID, Standard: oruk.StandardOpenActive})
		}
	}
	return oruk.PutStandards(ctx, st, ss)
}

// orukScorer is the ORUK scorer of a run, built once from its reference.
type orukScorer struct {
	once sync.Once
	s    *oruk.Scorer
	err  error
}

func (os *orukScorer) get(ref *score.Reference) (*oruk.Scorer, error) {
	os.once.Do(func() { os.s, os.err = oruk.NewScorer(ref) })
	return os.s, os.err
}

// scoreORUK scores an ORUK dataset's services and queues their rows.
func scoreORUK(ctx context.Context, st store.Store, ref *score.Reference, mem *Memory, b *batch, ds domain.Dataset, feeds []domain.Feed, T time.Time) (score.Result, error) {
	s, err := b.oruk.get(ref)
	if err != nil {
		return score.Result{}, err
	}
	items, err := datasetItems(ctx, st, mem, ds.ID)
	if err != nil {
		return score.Result{}, err
	}
	listed := make(map[string]bool, len(feeds))
	for _, f := range feeds {
		listed[f.URL] = true
	}
	return s.ScoreDataset(listedOnly(items, listed), T), nil
}

// datasetItems are a dataset's items, live and deleted, through its memory
// when held.
func datasetItems(ctx context.Context, st store.Store, mem *Memory, datasetID string) ([]domain.Item, error) {
	if mem != nil {
		d := mem.dataset(datasetID)
		d.mu.Lock()
		items, held, err := d.refresh(ctx, st, mem, datasetID)
		tombs := make([]domain.Item, 0, len(d.tombstones))
		for k := range d.tombstones {
			tombs = append(tombs, domain.Item{DatasetID: datasetID, FeedURL: k.feed, RPDEID: k.id, State: domain.StateDeleted})
		}
		d.mu.Unlock()
		if err != nil || held {
			return append(items, tombs...), err
		}
	}
	var items []domain.Item
	err := store.EachItem(ctx, st, datasetID, func(it domain.Item) error {
		items = append(items, it)
		return nil
	})
	return items, err
}

// readiness queues the ORUK readiness of an OpenActive dataset's
// activities, converting again only what changed when mem holds it. The
// items' JSON comes from p when it kept them, else from the store, one item
// at a time.
func readiness(ctx context.Context, st store.Store, b *batch, ref *score.Reference, mem *Memory, datasetID string, p *score.Prepared, res score.Result, T time.Time) error {
	s, err := b.oruk.get(ref)
	if err != nil {
		return err
	}
	var cache *oruk.ReadinessCache
	if mem != nil && !mem.oneOff {
		cache = &mem.dataset(datasetID).ready
	}
	pass := s.NewReadinessPass(res.Activities, T, cache)
	if p.Kept() {
		pass.From(p)
	} else {
		err = store.EachLiveItem(ctx, st, datasetID, func(it domain.Item) error {
			pass.Item(it.FeedURL, it.RPDEID, it.Modified, it.Data)
			return nil
		})
	}
	rs := pass.Done()
	if err != nil {
		return fmt.Errorf("read the items of %s again for their ORUK readiness: %w", datasetID, err)
	}
	b.mu.Lock()
	b.ready = append(b.ready, rs...)
	b.mu.Unlock()
	return nil
}
