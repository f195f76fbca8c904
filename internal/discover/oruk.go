package discover

import (
	"context"
	"errors"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/fetch"
	"github.com/feedgauge/feedgauge/internal/oruk/sniff"
)

// Open Referral UK detection. A configured source is an ORUK feed when it
// is an ORUK v3 API root (`GET /` with `version` and `openapi_url`) or an
// ORUK list page (v3 `contents[]` with `total_items` …, v1 `content[]` with
// `totalElements` …). A source OpenActive does not recognise (JSON of no
// known kind, a web page without JSON-LD, or a 4xx answer, as v1 APIs
// without a root give) is probed once at /services?page=1&per_page=1.
// An ORUK feed becomes a dataset keyed by the source URL with one feed: the
// API stub, of kind sniff.KindV3 or KindV1 (the root's claim, else the
// style of the page).

// oruk records the source as an ORUK dataset when it is one.
func (c *crawler) oruk(ctx context.Context, s Source, body []byte, kind docKind) bool {
	doc, root := sniff.Classify(body)
	switch doc {
	case sniff.Root:
		c.orukDataset(s, root.Claims())
		return true
	case sniff.PageV3:
		c.orukDataset(s, sniff.KindV3)
		return true
	case sniff.PageV1:
		c.orukDataset(s, sniff.KindV1)
		return true
	}
	if kind == docUnknown || (kind == docHTML && len(ExtractJSONLD(body)) == 0) {
		return c.orukProbe(ctx, s)
	}
	return false
}

// orukAfterFailure probes a source that answered 4xx (not 401/403/429).
func (c *crawler) orukAfterFailure(ctx context.Context, s Source, err error) bool {
	var fe *fetch.Error
	if !errors.As(err, &fe) || (fe.Kind != domain.KindGone && fe.Kind != domain.KindHTTP4xx) {
		return false
	}
	return c.orukProbe(ctx, s)
}

// orukProbe asks the source's /services for one service.
func (c *crawler) orukProbe(ctx context.Context, s Source) bool {
	resp, err := c.o.Client.Get(ctx, sniff.ServicesURL(sniff.Stub(s.URL), 1, 1))
	if err != nil {
		return false
	}
	switch doc, _ := sniff.Classify(resp.Body); doc {
	case sniff.PageV3:
		c.orukDataset(s, sniff.KindV3)
	case sniff.PageV1:
		c.orukDataset(s, sniff.KindV1)
	default:
		return false
	}
	c.o.Logger.Info("found an Open Referral UK feed by probing /services", "source", s.URL)
	return true
}

// orukDataset records an ORUK source as a dataset with one feed.
func (c *crawler) orukDataset(s Source, kind string) {
	name := s.Label
	if name == "" {
		name = hostName(s.URL)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[s.URL] = true
	c.res.Datasets = append(c.res.Datasets, domain.Dataset{ID: s.URL, Name: name, DiscoveredAt: c.o.Now.UTC()})
	c.res.Feeds = append(c.res.Feeds, domain.Feed{URL: sniff.Stub(s.URL), DatasetID: s.URL, Kind: kind})
}

// orukDirectory reads every feed an ORUK feed directory (the ORUK dashboard
// API) lists, as configured sources labelled with the directory's names.
func (c *crawler) orukDirectory(ctx context.Context, s Source, es []sniff.DirectoryEntry) []listing {
	c.seen[s.URL] = true
	c.o.Logger.Info("reading an Open Referral UK feed directory", "source", s.URL, "feeds", len(es))
	var out []listing
	for _, e := range es {
		if c.seen[e.URL] {
			continue
		}
		c.seen[e.URL] = true
		out = append(out, c.source(ctx, Source{URL: e.URL, Label: e.Label})...)
	}
	return out
}
