package harvest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/fetch"
	"github.com/feedgauge/feedgauge/internal/rpde"
	"github.com/feedgauge/feedgauge/internal/store"
)

// storeError marks a failure of the store, as opposed to one of the feed.
type storeError struct{ err error }

func (e *storeError) Error() string { return "the store failed: " + e.err.Error() }
func (e *storeError) Unwrap() error { return e.err }

// HarvestFeed runs one attempt of a feed: it resumes from the stored
// cursor, stores items page batch by page batch (items first, then the
// cursor, so a crash loses nothing and a re-fetched page counts nothing
// twice), and records exactly one HarvestAttempt. Feed failures are in the
// attempt; the error is non-nil only when the store failed.
func HarvestFeed(ctx context.Context, f domain.Feed, opts Options) (domain.HarvestAttempt, error) {
	return harvestFeed(ctx, f, opts.withDefaults(), nil)
}

func harvestFeed(ctx context.Context, f domain.Feed, o Options, onPage func(pages, items int, bytes int64)) (domain.HarvestAttempt, error) {
	r := newRun(f, o)
	r.onPage = onPage
	var res rpde.Result
	err := r.load(ctx)
	if err == nil {
		res, err = rpde.Walk(ctx, o.Client, r.startURL, rpde.WalkOptions{
			MaxPages: o.MaxPages, MaxItems: o.MaxItems, Ordering: r.st.Ordering, Logger: o.Logger,
		}, r.page)
		if ferr := r.finish(ctx); ferr != nil && err == nil {
			err = ferr
		}
	}
	a := r.attempt(res, err)
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	perr := store.PutAttempts(wctx, o.Store, []domain.HarvestAttempt{a})
	var se *storeError
	if errors.As(err, &se) || perr != nil {
		return a, errors.Join(err, perr)
	}
	o.Logger.Info("harvested", "feed", f.URL, "status", a.Status, "error_kind", a.ErrorKind, "pages", a.Pages,
		"items_changed", a.ItemsChanged, "duration", a.Duration)
	return a, nil
}

// attempt builds the attempt row of a finished run.
func (r *run) attempt(res rpde.Result, err error) domain.HarvestAttempt {
	a := domain.HarvestAttempt{
		FeedURL: r.feed.URL, DatasetID: r.feed.DatasetID, Kind: r.feed.Kind,
		StartedAt: r.start, SnapshotT: r.snapshotT, Pages: res.Pages,
		ItemsUpdated: r.updated, ItemsDeleted: r.deleted, ItemsChanged: int(r.stored.Load()),
		Bytes: res.WireBytes, Duration: time.Since(r.t0), LastChange: r.lastChange,
		ReachedEnd: res.ReachedEnd && err == nil, FailedChecks: res.Checks.List(),
		StartURL: r.startURL, EndURL: r.st.NextURL, HTTPStatus: res.Status,
	}
	if a.EndURL == "" {
		a.EndURL = r.feed.URL
	}
	a.FinishedAt = a.StartedAt.Add(a.Duration)
	var se *storeError
	switch {
	case err == nil:
		a.Status, a.ErrorKind = domain.StatusOK, domain.KindOK
		a.Message = r.summary(res)
	case errors.As(err, &se):
		a.Status, a.Message = domain.StatusFailed, se.Error()
	default:
		fl := fetch.Classify(err)
		a.Status, a.ErrorKind, a.Message = domain.StatusFailed, fl.Kind, fl.Message
		if fl.Status != 0 {
			a.HTTPStatus = fl.Status
		}
		if n := r.stored.Load(); n > 0 {
			a.Message += fmt.Sprintf(" (%d changes stored before the failure were kept)", n)
		}
	}
	return a
}

func (r *run) summary(res rpde.Result) string {
	switch {
	case res.Capped:
		return fmt.Sprintf("read %d pages and %d changes, then stopped at the configured cap; the next snapshot resumes here", res.Pages, r.changed)
	case r.changed == 0:
		return fmt.Sprintf("read %d pages; no changes since the last harvest", res.Pages)
	}
	return fmt.Sprintf("read %d pages and %d changes to the end of the feed", res.Pages, r.changed)
}
