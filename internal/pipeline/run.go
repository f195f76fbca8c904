package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/feedgauge/feedgauge/internal/discover"
	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/harvest"
	"github.com/feedgauge/feedgauge/internal/metrics"
	"github.com/feedgauge/feedgauge/internal/rpde"
	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/store"
)

// Options configure one snapshot.
type Options struct {
	Store     store.Store
	Client    rpde.Fetcher
	Reference *score.Reference
	Logger    *slog.Logger
	Sources   []discover.Source
	// T is the snapshot's "as at" time: now, or --at for backfills. Attempts
	// are stamped T so first-seen times and alerts see T as now.
	T              time.Time
	IncludePreview bool
	IncludeTest    bool
	// Concurrency is datasets harvested and scored at once (each with all
	// its feeds in parallel; the shared client keeps per-host limits).
	Concurrency int
	// Offset, when set, spreads the snapshot's datasets over time: each
	// dataset's harvest starts Offset(datasetID) after the snapshot starts
	// (a stable hash offset within a window, so every publisher sees a
	// steady rhythm and a scheduled run does not hit them all at once).
	Offset func(datasetID string) time.Duration
	// Metrics, when set, counts harvest attempts and their items.
	Metrics *metrics.Metrics
	// Memory, when set, keeps datasets decoded between the snapshots of a
	// long-running process.
	Memory *Memory
	// Progress is told how the harvest goes, for a terminal progress bar.
	Progress func(harvest.Progress)
	// Provenance filled into the snapshot row (§8.13.2).
	GeoVintages      string
	RegisterRevision int64
}

// Summary is what one snapshot did, printed by `snapshot --json`.
type Summary struct {
	T             time.Time `json:"t"`
	Datasets      int       `json:"datasets"`
	Feeds         int       `json:"feeds"`
	FeedsFailed   int       `json:"feeds_failed"`
	SourcesFailed int       `json:"sources_failed"`
	Pages         int       `json:"pages"`
	ItemsFetched  int       `json:"items_fetched"`
	Items         int       `json:"items"`
	Activities    int       `json:"activities"`
	SPReady       int       `json:"sp_ready"`
	Orphans       int       `json:"orphans"`
	Seconds       float64   `json:"seconds"`
	Failures      []Failure `json:"failures,omitempty"`
}

// Failure is one feed or source that could not be harvested.
type Failure struct {
	URL     string           `json:"url"`
	Kind    domain.ErrorKind `json:"error_kind"`
	Message string           `json:"message"`
}

// ErrNothingReachable means no source answered: nothing could be done.
var ErrNothingReachable = errors.New("no source could be reached")

// Run takes one snapshot: discover, harvest, score, store. Feeds that fail
// are data (attempt rows), not errors; Run fails only when nothing could be
// done or the store fails.
func Run(ctx context.Context, o Options) (Summary, error) {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	started := time.Now()
	T := o.T.UTC().Truncate(time.Second)
	sum := Summary{T: T}
	res := discover.Discover(ctx, o.Sources, discover.Options{Client: o.Client, Logger: o.Logger, Now: T,
		IncludePreview: o.IncludePreview, IncludeTest: o.IncludeTest, Concurrency: o.Concurrency})
	sum.SourcesFailed = len(res.Failures)
	for _, f := range res.Failures {
		sum.Failures = append(sum.Failures, Failure{URL: f.FeedURL, Kind: f.ErrorKind, Message: f.Message})
	}
	if len(res.Datasets) == 0 {
		if _, err := discover.Record(ctx, o.Store, res); err != nil {
			return sum, err
		}
		if len(res.Failures) > 0 {
			return sum, fmt.Errorf("%w: %s", ErrNothingReachable, res.Failures[0].Message)
		}
		return sum, fmt.Errorf("%w: the sources list no datasets", ErrNothingReachable)
	}
	moves, err := discover.Record(ctx, o.Store, res)
	if err != nil {
		return sum, err
	}
	for _, m := range moves {
		o.Logger.Info("dataset moved host", "from", m.From, "to", m.To)
	}
	if err := recordStandards(ctx, o.Store, res); err != nil {
		return sum, err
	}
	snap := o.snapshotRow(T, started, len(res.Datasets), len(res.Feeds))
	if err := store.PutSnapshot(ctx, o.Store, snap); err != nil {
		return sum, err
	}
	if err := o.process(ctx, T, res, &sum); err != nil {
		return sum, err
	}
	snap.Status, snap.FinishedAt, snap.Activities = domain.SnapshotComplete, time.Now().UTC(), sum.Activities
	if err := store.PutSnapshot(ctx, o.Store, snap); err != nil {
		return sum, err
	}
	sum.Datasets, sum.Feeds = len(res.Datasets), len(res.Feeds)
	sum.Seconds = time.Since(started).Seconds()
	return sum, nil
}

func (o Options) snapshotRow(T, started time.Time, datasets, feeds int) domain.Snapshot {
	h := o.Reference.Hashes()
	return domain.Snapshot{T: T, StartedAt: started.UTC(), FinishedAt: started.UTC(), Status: domain.SnapshotRunning,
		MethodVersion: domain.MethodVersion, ProfileHash: h.Profile, ActivityListHash: h.ActivityList,
		FacilityTypesHash: h.FacilityTypes, ModelsHash: h.Models, GeoVintages: o.GeoVintages,
		RegisterRevision: o.RegisterRevision, Datasets: datasets, Feeds: feeds}
}
