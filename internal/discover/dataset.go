package discover

import (
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// siteError is a dataset site feedgauge cannot use.
type siteError struct{ url, msg string }

func (e *siteError) Error() string               { return e.url + ": " + e.msg }
func (e *siteError) ErrorKind() domain.ErrorKind { return domain.KindInvalidDatasetSite }

// ParseDatasetSite reads a dataset site page (HTML with JSON-LD, or a
// JSON-LD document) into the dataset and its feeds. id is the dataset-site
// URL as listed (the dataset's id); pageURL is where the page really came
// from (after redirects), against which relative feed URLs resolve.
func ParseDatasetSite(id, pageURL string, body []byte, catalogue string, now time.Time) (domain.Dataset, []domain.Feed, error) {
	var node map[string]any
	kind, m := classify(body)
	switch kind {
	case docHTML:
		blocks := ExtractJSONLD(body)
		if len(blocks) == 0 {
			return domain.Dataset{}, nil, &siteError{id, "the dataset site has no JSON-LD block (<script type=\"application/ld+json\">), so its feeds cannot be found; ask the publisher to use the OpenActive dataset site template"}
		}
		var first map[string]any
		for _, b := range blocks {
			var v any
			if json.Unmarshal(b, &v) != nil {
				continue
			}
			d, f := findDataset(v)
			if d != nil {
				node = d
				break
			}
			if first == nil {
				first = f
			}
		}
		if node == nil {
			return domain.Dataset{}, nil, notDataset(id, first)
		}
	case docDataset:
		node = m
	default:
		return domain.Dataset{}, nil, notDataset(id, m)
	}
	ds := datasetFrom(id, node, catalogue, now)
	return ds, feedsFrom(id, pageURL, node), nil
}

func notDataset(id string, m map[string]any) error {
	t := "no readable JSON-LD"
	if m != nil {
		t = fmt.Sprintf("JSON-LD of type %v", types(m))
	}
	return &siteError{id, "the dataset site holds " + t + ", not a Dataset, so its feeds cannot be found"}
}

func datasetFrom(id string, n map[string]any, catalogue string, now time.Time) domain.Dataset {
	d := domain.Dataset{ID: id, Name: datasetName(str(n, "name"), id), CatalogueURL: catalogue, DiscoveredAt: now.UTC()}
	if lic := stringList(n["license"]); len(lic) > 0 {
		d.License = lic[0]
	}
	switch p := n["publisher"].(type) {
	case map[string]any:
		d.Publisher, d.PublisherURL = str(p, "name"), str(p, "url")
		d.PublisherIDs = stringList(p["identifier"])
	case string:
		d.Publisher = p
	}
	return d
}

// feedsFrom reads distribution[] into feeds, deduplicated by URL.
func feedsFrom(id, pageURL string, n map[string]any) []domain.Feed {
	var dist []any
	switch v := n["distribution"].(type) {
	case []any:
		dist = v
	case map[string]any:
		dist = []any{v}
	}
	seen := map[string]bool{}
	var out []domain.Feed
	for _, x := range dist {
		m, ok := x.(map[string]any)
		if !ok {
			continue
		}
		u := str(m, "contentUrl")
		if u == "" {
			continue
		}
		u = resolve(pageURL, u)
		if seen[u] {
			continue
		}
		seen[u] = true
		out = append(out, domain.Feed{URL: u, DatasetID: id, Kind: feedKind(m)})
	}
	return out
}

// feedKind is the distribution's identifier, else its name, else the last
// segment of its additionalType.
func feedKind(m map[string]any) string {
	if ids := stringList(m["identifier"]); len(ids) > 0 {
		return ids[0]
	}
	if s := str(m, "name"); s != "" {
		return s
	}
	if t := str(m, "additionalType"); t != "" {
		if u, err := url.Parse(t); err == nil {
			return path.Base(u.Path)
		}
	}
	return ""
}
