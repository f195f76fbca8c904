package oruk

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/fetch"
	"github.com/feedgauge/feedgauge/internal/oruk/sniff"
)

// Fetcher is what a walk needs of an HTTP client (*fetch.Client).
type Fetcher interface {
	Get(ctx context.Context, url string) (*fetch.Response, error)
}

// WalkOptions bound a walk.
type WalkOptions struct {
	// PerPage is asked of the server (default 100); servers may give fewer.
	PerPage int
	// MaxPages caps one walk (default 10,000): a feed that never ends.
	MaxPages int
	// Claimed is the feed kind the API root claims (sniff.KindV3 or
	// KindV1); "" when the feed has no root.
	Claimed string
}

func (o WalkOptions) withDefaults() WalkOptions {
	if o.PerPage <= 0 {
		o.PerPage = 100
	}
	if o.MaxPages <= 0 {
		o.MaxPages = 10_000
	}
	return o
}

// WalkResult summarises a walk, complete or not.
type WalkResult struct {
	Pages        int // pages fetched, the closing empty one included
	ContentPages int // pages that listed at least one entry
	Entries      int // entries listed, with or without an id
	NoID         int
	WireBytes    int64
	Status       int    // the last HTTP status seen
	Style        string // sniff.KindV3 or KindV1, as the pages show
	ReachedEnd   bool
	Capped       bool
	Checks       Checks
	// Declared are total_pages and total_items of the first page (-1 unknown).
	DeclaredPages, DeclaredItems int
	// LastFlagAt is the first page whose last_page flag was true (0: none).
	LastFlagAt int
}

// walker holds one walk's state.
type walker struct {
	f    Fetcher
	stub string
	o    WalkOptions
	res  WalkResult
	seen map[string]bool
}

// Walk reads a feed's /services pages from page 1 until a page lists
// nothing (or repeats the page before, as servers that clamp the page number
// do), whatever total_pages says, calling fn for every page with entries.
// It stops at the first error, returned as a *fetch.Error or *Error; pages
// handed to fn before it stay handed.
func Walk(ctx context.Context, f Fetcher, stub string, opts WalkOptions, fn func(context.Context, int, *Page) error) (WalkResult, error) {
	w := &walker{f: f, stub: stub, o: opts.withDefaults(), seen: map[string]bool{}}
	w.res.DeclaredPages, w.res.DeclaredItems = -1, -1
	if u, err := url.Parse(stub); err == nil && !strings.EqualFold(u.Scheme, "https") {
		w.res.Checks.Fail(CheckHTTPS)
	}
	for n := 1; ; n++ {
		p, end, err := w.page(ctx, n)
		if err != nil || end {
			if err == nil {
				w.res.ReachedEnd = true
				w.close()
			}
			return w.res, err
		}
		if err := fn(ctx, n, p); err != nil {
			return w.res, err
		}
		if n >= w.o.MaxPages {
			w.res.Capped = true
			return w.res, nil
		}
	}
}

// page fetches page n; end says the feed ended before it.
func (w *walker) page(ctx context.Context, n int) (*Page, bool, error) {
	u := sniff.ServicesURL(w.stub, n, w.o.PerPage)
	resp, err := w.f.Get(ctx, u)
	if err != nil {
		var fe *fetch.Error
		if errors.As(err, &fe) {
			w.res.Status = fe.Status
			if w.pastDeclaredEnd(n, fe) {
				return nil, true, nil
			}
		}
		return nil, false, err
	}
	w.res.Pages++
	w.res.Status, w.res.WireBytes = resp.Status, w.res.WireBytes+resp.WireBytes
	if n == 1 && resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		w.res.Checks.Fail(CheckCORS)
	}
	p, err := DecodePage(u, resp.Body)
	if err != nil {
		return nil, false, err
	}
	w.note(n, p)
	if len(p.Services)+p.NoID == 0 || w.repeats(p) {
		return nil, true, nil
	}
	w.res.ContentPages++
	w.res.Entries += len(p.Services) + p.NoID
	w.res.NoID += p.NoID
	if p.LastPage != nil && *p.LastPage && w.res.LastFlagAt == 0 {
		w.res.LastFlagAt = n
	}
	return p, false, nil
}

// pastDeclaredEnd says a 4xx for a page after the declared last one ends
// the feed: some servers refuse page numbers past the end.
func (w *walker) pastDeclaredEnd(n int, fe *fetch.Error) bool {
	client := fe.Kind == domain.KindHTTP4xx || fe.Kind == domain.KindGone
	return client && n > 1 && w.res.DeclaredPages >= 0 && n > w.res.DeclaredPages
}

// note records the page's style and pagination checks.
func (w *walker) note(n int, p *Page) {
	if n == 1 {
		w.res.Style = p.Style
		w.res.DeclaredPages, w.res.DeclaredItems = p.TotalPages, p.TotalItems
	}
	if p.Style != w.res.Style || (w.o.Claimed != "" && p.Style != w.o.Claimed) {
		w.res.Checks.Fail(CheckVersion)
	}
	if len(p.BadKeys) > 0 {
		w.res.Checks.Fail(CheckPagination)
	}
	if p.NoID > 0 {
		w.res.Checks.Fail(CheckServiceIDs)
	}
}

// repeats says every id of the page was listed before (a server clamping
// the page number); otherwise it marks ids listed twice.
func (w *walker) repeats(p *Page) bool {
	fresh := false
	for _, s := range p.Services {
		if !w.seen[s.ID] {
			fresh = true
		}
	}
	if !fresh && p.NoID == 0 && len(p.Services) > 0 {
		return true
	}
	for _, s := range p.Services {
		if w.seen[s.ID] {
			w.res.Checks.Fail(CheckDuplicateIDs)
		}
		w.seen[s.ID] = true
	}
	return false
}

// close checks the declared totals against the pages walked.
func (w *walker) close() {
	r := &w.res
	if r.DeclaredPages >= 0 && r.DeclaredPages != r.ContentPages {
		r.Checks.Fail(CheckTotalPages)
	}
	if r.LastFlagAt > 0 && r.LastFlagAt != r.ContentPages {
		r.Checks.Fail(CheckTotalPages)
	}
	if r.DeclaredItems >= 0 && r.DeclaredItems != r.Entries {
		r.Checks.Fail(CheckTotalItems)
	}
	if r.Entries == 0 {
		r.Checks.Fail(CheckEmpty)
	}
}
