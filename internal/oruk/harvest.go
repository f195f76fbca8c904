package oruk

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/fetch"
	"github.com/feedgauge/feedgauge/internal/pool"
	"github.com/feedgauge/feedgauge/internal/store"
)

// storeError marks a failure of the store, as opposed to one of the feed.
type storeError struct{ err error }

func (e *storeError) Error() string { return "the store failed: " + e.err.Error() }
func (e *storeError) Unwrap() error { return e.err }

// HarvestFeed runs one attempt of an ORUK feed (f.URL is the API stub, f.Kind
// the version its root claims): it walks /services from page 1 to the end,
// stores new and changed services as items keyed by service id, marks
// services no longer listed as deleted once the walk is complete, and
// records exactly one HarvestAttempt, success or failure. Feed failures are
// in the attempt; the error is non-nil only when the store failed.
func HarvestFeed(ctx context.Context, f domain.Feed, opts Options) (domain.HarvestAttempt, error) {
	o := opts.withDefaults()
	r := newRun(f, o)
	var res WalkResult
	err := r.load(ctx)
	if err == nil {
		res, err = Walk(ctx, o.Client, f.URL, WalkOptions{PerPage: o.PerPage, MaxPages: o.MaxPages, Claimed: f.Kind}, r.page)
		if err == nil && res.ReachedEnd {
			err = r.finish(ctx)
		} else if ferr := r.flush(ctx); ferr != nil && err == nil {
			err = ferr
		}
	}
	a := r.attempt(res, err)
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	perr := store.PutAttempts(wctx, o.Store, []domain.HarvestAttempt{a})
	if perr == nil {
		perr = PutStandards(wctx, o.Store, []Standard{r.standard(res)})
	}
	var se *storeError
	if errors.As(err, &se) || perr != nil {
		return a, errors.Join(err, perr)
	}
	o.Logger.Info("harvested ORUK feed", "feed", f.URL, "status", a.Status, "error_kind", a.ErrorKind,
		"pages", a.Pages, "services", a.ItemsUpdated, "changed", a.ItemsChanged, "checks", a.FailedChecks)
	return a, nil
}

// attempt builds the attempt row of a finished run.
func (r *run) attempt(res WalkResult, err error) domain.HarvestAttempt {
	checks := res.Checks | r.checks
	a := domain.HarvestAttempt{
		FeedURL: r.feed.URL, DatasetID: r.feed.DatasetID, Kind: r.feed.Kind,
		StartedAt: r.start, SnapshotT: r.snapshotT, Pages: res.Pages + r.detailPages,
		ItemsUpdated: len(r.listed), ItemsDeleted: r.withdrawn, ItemsChanged: r.changed,
		Bytes: res.WireBytes + r.detailBytes, Duration: time.Since(r.t0), LastChange: r.lastChange,
		ReachedEnd: res.ReachedEnd && err == nil, FailedChecks: checks.List(),
		StartURL: r.feed.URL, EndURL: r.feed.URL, HTTPStatus: res.Status,
	}
	a.FinishedAt = a.StartedAt.Add(a.Duration)
	var se *storeError
	switch {
	case err == nil:
		a.Status, a.ErrorKind = domain.StatusOK, domain.KindOK
		a.Message = r.summary(res, checks)
	case errors.As(err, &se):
		a.Status, a.Message = domain.StatusFailed, se.Error()
	default:
		fl := fetch.Classify(err)
		a.Status, a.ErrorKind, a.Message = domain.StatusFailed, fl.Kind, fl.Message
		if fl.Status != 0 {
			a.HTTPStatus = fl.Status
		}
		if r.changed > 0 {
			a.Message += fmt.Sprintf(" (%d services read before the failure were kept)", r.changed)
		}
	}
	return a
}

// Options configure ORUK harvesting.
type Options struct {
	Store  store.Store
	Client Fetcher
	Logger *slog.Logger
	// At is the attempt's start; under `snapshot --at X` it is X. Zero: now.
	At time.Time
	// SnapshotT is the snapshot the attempt belongs to (default At).
	SnapshotT time.Time
	// PerPage and MaxPages bound the walk (defaults 100 and 10,000).
	PerPage  int
	MaxPages int
	// NoDetails turns off reading /services/{id} for new or changed
	// services whose list entry carries no nested lists (v3 list pages
	// "need not contain arrays of child entities").
	NoDetails bool
	// MaxDetailFailures stops detail reads for the rest of an attempt after
	// this many failures in a row (default 3).
	MaxDetailFailures int
	// Concurrency is how many feeds HarvestAll runs at once (default 4).
	Concurrency int
	// OnStored, when set, is called with each batch of items right after it
	// is stored (Seq filled in), like harvest.Options.OnStored.
	OnStored func([]domain.Item)
}

func (o Options) withDefaults() Options {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.MaxDetailFailures <= 0 {
		o.MaxDetailFailures = 3
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 4
	}
	return o
}

// HarvestAll runs one attempt of every ORUK feed, Concurrency at a time,
// and returns the attempts in the order of feeds. A failing feed never
// stops the others; the error joins store failures only.
func HarvestAll(ctx context.Context, feeds []domain.Feed, opts Options) ([]domain.HarvestAttempt, error) {
	o := opts.withDefaults()
	out := make([]domain.HarvestAttempt, len(feeds))
	idx := make([]int, len(feeds))
	for i := range idx {
		idx[i] = i
	}
	err := pool.Each(o.Concurrency, idx, func(i int) error {
		a, err := HarvestFeed(ctx, feeds[i], o)
		out[i] = a
		return err
	})
	return out, err
}
