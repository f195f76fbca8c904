package harvest

import (
	"context"
	"net/url"
	"sync"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/pool"
)

// HarvestAll runs one attempt of every feed, Concurrency at a time, feeds
// of different hosts interleaved so per-host limits do not hold up the
// rest. It returns the attempts in the order of feeds. A failing feed never
// stops the others; the error joins store failures only.
func HarvestAll(ctx context.Context, feeds []domain.Feed, opts Options) ([]domain.HarvestAttempt, error) {
	o := opts.withDefaults()
	out := make([]domain.HarvestAttempt, len(feeds))
	tr := newTracker(feeds, o.Progress)
	err := pool.Each(o.Concurrency, interleaveHosts(feeds), func(i int) error {
		a, err := harvestFeed(ctx, feeds[i], o, tr.page)
		out[i] = a
		tr.feedDone(feeds[i], a.Status != domain.StatusOK)
		return err
	})
	return out, err
}

// interleaveHosts orders feed indexes round-robin over their hosts.
func interleaveHosts(feeds []domain.Feed) []int {
	byHost := map[string][]int{}
	var hosts []string
	for i, f := range feeds {
		h := f.URL
		if u, err := url.Parse(f.URL); err == nil {
			h = u.Host
		}
		if _, ok := byHost[h]; !ok {
			hosts = append(hosts, h)
		}
		byHost[h] = append(byHost[h], i)
	}
	out := make([]int, 0, len(feeds))
	for len(out) < len(feeds) {
		for _, h := range hosts {
			if q := byHost[h]; len(q) > 0 {
				out = append(out, q[0])
				byHost[h] = q[1:]
			}
		}
	}
	return out
}

// tracker aggregates progress and calls the callback serially.
type tracker struct {
	mu   sync.Mutex
	p    Progress
	left map[string]int // feeds still running per dataset
	call func(Progress)
}

func newTracker(feeds []domain.Feed, call func(Progress)) *tracker {
	t := &tracker{left: map[string]int{}, call: call}
	for _, f := range feeds {
		t.left[f.DatasetID]++
	}
	t.p.FeedsTotal, t.p.DatasetsTotal = len(feeds), len(t.left)
	return t
}

func (t *tracker) page(pages, items int, bytes int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.p.Pages += int64(pages)
	t.p.Items += int64(items)
	t.p.Bytes += bytes
	t.emit()
}

func (t *tracker) feedDone(f domain.Feed, failed bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.p.FeedsDone++
	if failed {
		t.p.FeedsFailed++
	}
	if t.left[f.DatasetID]--; t.left[f.DatasetID] == 0 {
		t.p.DatasetsDone++
	}
	t.emit()
}

func (t *tracker) emit() {
	if t.call != nil {
		t.call(t.p)
	}
}
