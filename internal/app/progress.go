package app

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/feedgauge/feedgauge/internal/harvest"
	"github.com/feedgauge/feedgauge/internal/pipeline"
	"golang.org/x/term"
)

// progressBar draws one line of harvest progress on a terminal and nothing
// elsewhere, so logs and CI output stay clean.
type progressBar struct {
	w       io.Writer
	mu      sync.Mutex
	start   time.Time
	last    time.Time
	enabled bool
	drawn   bool
}

func newProgressBar(w io.Writer) *progressBar {
	f, ok := w.(*os.File)
	return &progressBar{w: w, start: time.Now(), enabled: ok && term.IsTerminal(int(f.Fd()))}
}

// update is the harvest's progress callback; it redraws at most 10 times a
// second.
func (p *progressBar) update(pr harvest.Progress) {
	if !p.enabled {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.last) < 100*time.Millisecond && pr.FeedsDone < pr.FeedsTotal {
		return
	}
	p.last = now
	rate := float64(pr.Items) / max(now.Sub(p.start).Seconds(), 0.001)
	width := 24
	filled := 0
	if pr.FeedsTotal > 0 {
		filled = width * pr.FeedsDone / pr.FeedsTotal
	}
	bar := make([]byte, width)
	for i := range bar {
		bar[i] = '-'
		if i < filled {
			bar[i] = '#'
		}
	}
	fmt.Fprintf(p.w, "\r[%s] datasets %d/%d  feeds %d/%d (%d failed)  pages %d  items %d  %.0f items/s ",
		bar, pr.DatasetsDone, pr.DatasetsTotal, pr.FeedsDone, pr.FeedsTotal, pr.FeedsFailed, pr.Pages, pr.Items, rate)
	p.drawn = true
}

// done ends the progress line.
func (p *progressBar) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}

// snapshot draws the demo's backfill progress.
func (p *progressBar) snapshot(done, total int, s pipeline.Summary) {
	if !p.enabled {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "\r  snapshot %d/%d (%s): %d activities, %d SP-ready   ", done, total, s.T.Format("2 Jan 2006"), s.Activities, s.SPReady)
	p.drawn = true
}
