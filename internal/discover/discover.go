// Package discover turns sources (the OpenActive data-catalogue collection,
// catalogues, dataset sites, JSON-LD dataset documents, bare feed URLs) into
// datasets and feeds. A source or site that cannot be used becomes a failed
// attempt row for its URL; the rest continues.
package discover

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/fetch"
	"github.com/feedgauge/feedgauge/internal/oruk/sniff"
	"github.com/feedgauge/feedgauge/internal/rpde"
)

// Options configure a discovery run.
type Options struct {
	Client rpde.Fetcher
	Logger *slog.Logger
	// Now stamps DiscoveredAt and failure rows (under --at: X).
	Now time.Time
	// IncludePreview and IncludeTest follow preview and test catalogues,
	// which are skipped otherwise.
	IncludePreview bool
	IncludeTest    bool
	// Concurrency is how many dataset sites are fetched at once (default 8).
	Concurrency int
}

// Result is what a discovery found.
type Result struct {
	Datasets []domain.Dataset
	Feeds    []domain.Feed
	// Failures are failed attempt rows: unreachable catalogues and sites,
	// invalid dataset sites (keyed by the URL that failed).
	Failures []domain.HarvestAttempt
	// Skipped lists preview and test catalogues not followed.
	Skipped []string
}

// listing is a dataset-site URL and the catalogue that listed it.
type listing struct{ url, catalogue string }

type crawler struct {
	o    Options
	mu   sync.Mutex
	res  Result
	seen map[string]bool
}

// Discover crawls every source. It never fails as a whole: what cannot be
// read is in Result.Failures.
func Discover(ctx context.Context, sources []Source, opts Options) Result {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = 8
	}
	c := &crawler{o: opts, seen: map[string]bool{}}
	var sites []listing
	for _, s := range sources {
		sites = append(sites, c.source(ctx, s)...)
	}
	c.sites(ctx, sites)
	return c.res
}

// source reads one configured source and returns the dataset sites it
// lists; datasets and feeds it holds itself are recorded directly.
func (c *crawler) source(ctx context.Context, s Source) []listing {
	resp, err := c.o.Client.Get(ctx, s.URL)
	if err != nil {
		if !c.orukAfterFailure(ctx, s, err) {
			c.fail(s.URL, "Source", err)
		}
		return nil
	}
	kind, m := classify(resp.Body)
	switch kind {
	case docCollection:
		return c.collection(ctx, s.URL, m)
	case docCatalogue:
		return c.catalogue(s.URL, m)
	case docFeed:
		c.bareFeed(s, m)
		return nil
	}
	if es, ok := sniff.Directory(resp.Body); ok {
		return c.orukDirectory(ctx, s, es)
	}
	if c.oruk(ctx, s, resp.Body, kind) {
		return nil
	}
	c.seen[s.URL] = true
	c.site(listing{url: s.URL}, resp)
	return nil
}

func (c *crawler) collection(ctx context.Context, u string, m map[string]any) []listing {
	if c.skip(u, str(m, "name")) {
		return nil
	}
	var out []listing
	for _, part := range stringList(m["hasPart"]) {
		part = resolve(u, part)
		if c.skip(part, "") {
			continue
		}
		resp, err := c.o.Client.Get(ctx, part)
		if err != nil {
			c.fail(part, "DataCatalog", err)
			continue
		}
		kind, cm := classify(resp.Body)
		if kind != docCatalogue && kind != docCollection {
			c.fail(part, "DataCatalog", &siteError{part, "the catalogue is not a DataCatalog with a dataset list"})
			continue
		}
		if kind == docCollection {
			out = append(out, c.collection(ctx, part, cm)...)
			continue
		}
		out = append(out, c.catalogue(part, cm)...)
	}
	return out
}

func (c *crawler) catalogue(u string, m map[string]any) []listing {
	if c.skip(u, str(m, "name")) {
		return nil
	}
	var out []listing
	for _, d := range stringList(m["dataset"]) {
		out = append(out, listing{url: resolve(u, d), catalogue: u})
	}
	return out
}

// skip says whether a catalogue is a preview or test one not asked for.
func (c *crawler) skip(u, name string) bool {
	class := catalogueClass(u, name)
	if (class == "preview" && !c.o.IncludePreview) || (class == "test" && !c.o.IncludeTest) {
		c.o.Logger.Info("skipped catalogue", "url", u, "class", class)
		c.res.Skipped = append(c.res.Skipped, u)
		return true
	}
	return false
}

// sites fetches and reads dataset sites, Concurrency at a time.
func (c *crawler) sites(ctx context.Context, ls []listing) {
	sem := make(chan struct{}, c.o.Concurrency)
	var wg sync.WaitGroup
	for _, l := range ls {
		if c.seen[l.url] {
			continue
		}
		c.seen[l.url] = true
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			resp, err := c.o.Client.Get(ctx, l.url)
			if err != nil {
				c.fail(l.url, "DatasetSite", err)
				return
			}
			c.site(l, resp)
		}()
	}
	wg.Wait()
}

func (c *crawler) site(l listing, resp *fetch.Response) {
	ds, feeds, err := ParseDatasetSite(l.url, resp.FinalURL, resp.Body, l.catalogue, c.o.Now)
	if err != nil {
		c.fail(l.url, "DatasetSite", err)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.res.Datasets = append(c.res.Datasets, ds)
	c.res.Feeds = append(c.res.Feeds, feeds...)
}

// bareFeed records a configured feed URL as a dataset of its own.
func (c *crawler) bareFeed(s Source, m map[string]any) {
	kind := ""
	if items, ok := m["items"].([]any); ok && len(items) > 0 {
		if it, ok := items[0].(map[string]any); ok {
			kind = str(it, "kind")
		}
	}
	name := s.Label
	if name == "" {
		name = hostName(s.URL)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.res.Datasets = append(c.res.Datasets, domain.Dataset{ID: s.URL, Name: name, DiscoveredAt: c.o.Now.UTC(), License: str(m, "license")})
	c.res.Feeds = append(c.res.Feeds, domain.Feed{URL: s.URL, DatasetID: s.URL, Kind: kind})
}

// fail records a failed attempt row for a URL that could not be used.
func (c *crawler) fail(u, kind string, err error) {
	fl := fetch.Classify(err)
	now := c.o.Now.UTC().Truncate(time.Second)
	c.o.Logger.Warn("discovery failed", "url", u, "error_kind", fl.Kind, "err", fl.Message)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.res.Failures = append(c.res.Failures, domain.HarvestAttempt{
		FeedURL: u, DatasetID: u, Kind: kind, StartedAt: now, FinishedAt: now, SnapshotT: now,
		Status: domain.StatusFailed, ErrorKind: fl.Kind, HTTPStatus: fl.Status, Message: fl.Message,
		StartURL: u, EndURL: u,
	})
}
