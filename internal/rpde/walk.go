package rpde

import (
	"context"
	"log/slog"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/fetch"
)

// Fetcher is what a walk needs of an HTTP client (*fetch.Client).
type Fetcher interface {
	Get(ctx context.Context, url string) (*fetch.Response, error)
}

// WalkOptions bound a walk. Zero caps mean no cap.
type WalkOptions struct {
	MaxPages int
	MaxItems int
	// Ordering is the ordering already known for the feed, if any.
	Ordering domain.Ordering
	Logger   *slog.Logger
}

// PageEvent is one page handed to the walk's callback.
type PageEvent struct {
	URL  string // the URL requested
	Page *Page
	// Next is where to resume after this page: the resolved `next` link,
	// or URL itself at the end of the feed or on a self-loop.
	Next string
	// Last says this page is the last page (empty, next = own URL).
	Last      bool
	Status    int
	WireBytes int64
	Ordering  domain.Ordering
}

// Result summarises a walk, complete or not.
type Result struct {
	Pages      int
	Items      int
	WireBytes  int64
	ReachedEnd bool
	Capped     bool
	Checks     Checks
	Ordering   domain.Ordering
	// Resume is the URL the next walk should start from.
	Resume string
	// Status is the last HTTP status seen (0 when none came back).
	Status int
}

// walker holds one walk's running state.
type walker struct {
	f       Fetcher
	opts    WalkOptions
	res     Result
	visited map[string]bool
	prev    *Item
}

// Walk reads a feed from start, page by page, calling fn for every page
// decoded (fn stores it). It stops at the last page, at a cap, at the first
// error from fn, or at a feed fault, returned as a *fetch.Error or *Error.
// The pages handed to fn before a failure stay handed: callers keep them.
func Walk(ctx context.Context, f Fetcher, start string, opts WalkOptions, fn func(context.Context, PageEvent) error) (Result, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	w := &walker{f: f, opts: opts, visited: map[string]bool{}}
	w.res.Ordering, w.res.Resume = opts.Ordering, start
	cur := start
	for {
		ev, err := w.page(ctx, cur)
		if ev != nil {
			if ferr := fn(ctx, *ev); ferr != nil {
				return w.res, ferr
			}
			w.res.Resume = ev.Next
		}
		if err != nil || ev.Last {
			w.res.ReachedEnd = err == nil
			return w.res, err
		}
		if w.capped() {
			w.res.Capped = true
			return w.res, nil
		}
		cur = ev.Next
	}
}

func (w *walker) capped() bool {
	return (w.opts.MaxPages > 0 && w.res.Pages >= w.opts.MaxPages) ||
		(w.opts.MaxItems > 0 && w.res.Items >= w.opts.MaxItems)
}

// page fetches and checks one page. It may return both an event (items to
// keep) and an error (the walk cannot go on).
func (w *walker) page(ctx context.Context, cur string) (*PageEvent, error) {
	resp, err := w.f.Get(ctx, cur)
	if err != nil {
		if fe, ok := err.(*fetch.Error); ok {
			w.res.Status = fe.Status
		}
		return nil, err
	}
	w.res.Status = resp.Status
	w.res.Pages++
	w.res.WireBytes += resp.WireBytes
	p, err := DecodePage(cur, resp.Body)
	if err != nil {
		return nil, err
	}
	w.res.Items += len(p.Items)
	next, abs, err := Resolve(cur, p.Next)
	if err != nil {
		return nil, pageError(domain.KindInvalidPage, cur, "the `next` link %q is not a web address", p.Next)
	}
	if !abs {
		p.Checks.Fail(domain.CheckNextAbsolute)
	}
	if w.res.Ordering == domain.OrderingUnknown {
		w.res.Ordering = DetectOrdering(next)
	}
	w.checkItems(p)
	ev := &PageEvent{URL: cur, Page: p, Next: next, Status: resp.Status, WireBytes: resp.WireBytes, Ordering: w.res.Ordering}
	w.visited[canonicalString(cur)] = true
	err = w.endOrLoop(ev)
	w.res.Checks.Add(p.Checks)
	return ev, err
}

// endOrLoop decides whether the page ends the feed, loops to itself while
// items remain (self_loop), or sends the walk back to a page already read.
func (w *walker) endOrLoop(ev *PageEvent) error {
	p := ev.Page
	self := SameURL(ev.Next, ev.URL)
	switch {
	case self && len(p.Items) == 0:
		ev.Last, ev.Next = true, ev.URL
	case self:
		p.Checks.Fail(domain.CheckLastPage)
		ev.Next = ev.URL
		return pageError(domain.KindSelfLoop, ev.URL, "the page has %d items but its `next` link points back to itself, so the feed cannot be read further; feedgauge kept these items and will retry from this page", len(p.Items))
	case w.visited[canonicalString(ev.Next)]:
		p.Checks.Fail(domain.CheckOrdering)
		return pageError(domain.KindOrderViolation, ev.URL, "the `next` link goes back to a page already read (%s), so the feed would loop; feedgauge kept the items read so far", shorten(ev.Next))
	}
	return nil
}

// checkItems fails the duplicate-id and ordering checks.
func (w *walker) checkItems(p *Page) {
	seen := make(map[string]struct{}, len(p.Items))
	for i := range p.Items {
		it := &p.Items[i]
		if _, dup := seen[it.ID]; dup {
			p.Checks.Fail(domain.CheckDuplicateIDs)
		}
		seen[it.ID] = struct{}{}
		if w.prev != nil && compareItems(it, w.prev) < 0 {
			p.Checks.Fail(domain.CheckOrdering)
		}
		w.prev = it
	}
}

func canonicalString(raw string) string {
	u, err := parseURL(raw)
	if err != nil {
		return raw
	}
	return canonical(u)
}
