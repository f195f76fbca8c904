// Package harvest runs one harvest attempt of a feed, from its stored
// position to its end (or a failure), storing items as it goes and
// recording exactly one HarvestAttempt row, success or not. HarvestAll runs
// many feeds concurrently; a failing feed never stops the others.
package harvest

import (
	"github.com/feedgauge/feedgauge/internal/domain"
	"log/slog"
	"time"

	"github.com/feedgauge/feedgauge/internal/rpde"
	"github.com/feedgauge/feedgauge/internal/store"
)

// Options configure harvesting.
type Options struct {
	Store  store.Store
	Client rpde.Fetcher
	Logger *slog.Logger
	// At is the attempt's start time; under `snapshot --at X` it is X, so
	// first-seen times are X. Zero means now.
	At time.Time
	// SnapshotT is the snapshot the attempt belongs to (default At).
	SnapshotT time.Time
	// MaxPages and MaxItems cap one attempt (0: no cap); the next attempt
	// resumes where a capped one stopped.
	MaxPages int
	MaxItems int
	// BatchItems is how many items are buffered before one PutItems
	// (default 2500); the cursor is saved right after each batch.
	BatchItems int
	// Concurrency is how many feeds HarvestAll runs at once (default 8).
	Concurrency int
	// OnStored, when set, is called with each batch of items right after
	// it is stored (Seq filled in), so a snapshot can score without reading
	// them back. It must not keep the slice, only copies of its elements.
	OnStored func([]domain.Item)
	// Progress is called (serially) as pages and feeds complete.
	Progress func(Progress)
}

func (o Options) withDefaults() Options {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.BatchItems <= 0 {
		o.BatchItems = 2500
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 8
	}
	return o
}

// Progress counts a HarvestAll run for a progress bar.
type Progress struct {
	DatasetsDone, DatasetsTotal int
	FeedsDone, FeedsTotal       int
	FeedsFailed                 int
	Pages                       int64
	Items                       int64
	Bytes                       int64
}
