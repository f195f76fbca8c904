package pipeline

import (
	"sync"

	"github.com/feedgauge/feedgauge/internal/harvest"
)

// progress adds up the harvest progress of datasets harvested in parallel
// into one report for a progress bar.
type progress struct {
	mu    sync.Mutex
	total harvest.Progress
	per   map[string]harvest.Progress
	fn    func(harvest.Progress)
}

func newProgress(datasets, feeds int, fn func(harvest.Progress)) *progress {
	return &progress{total: harvest.Progress{DatasetsTotal: datasets, FeedsTotal: feeds}, per: map[string]harvest.Progress{}, fn: fn}
}

// of returns the progress callback of one dataset's harvest.
func (p *progress) of(id string) func(harvest.Progress) {
	return func(pr harvest.Progress) {
		p.mu.Lock()
		defer p.mu.Unlock()
		last := p.per[id]
		p.per[id] = pr
		p.total.FeedsDone += pr.FeedsDone - last.FeedsDone
		p.total.FeedsFailed += pr.FeedsFailed - last.FeedsFailed
		p.total.Pages += pr.Pages - last.Pages
		p.total.Items += pr.Items - last.Items
		p.total.Bytes += pr.Bytes - last.Bytes
		p.report()
	}
}

func (p *progress) datasetDone() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total.DatasetsDone++
	p.report()
}

func (p *progress) report() {
	if p.fn != nil {
		p.fn(p.total)
	}
}
