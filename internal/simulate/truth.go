package simulate

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// FeedTruth is what an RPDE-correct harvester holds for a feed after reading
// it to its end at a time X: every id the feed has published by X, each in
// its latest state (tombstones are never purged).
type FeedTruth struct {
	Updated int
	Deleted int
	// Blocked names the fault that stops any harvester from reading the
	// whole feed (not-json, gzip-bomb, a permanent 500 …); "" otherwise.
	Blocked string
}

// FeedInfo describes one simulated feed.
type FeedInfo struct {
	URL        string
	DatasetURL string
	Dataset    int
	Kind       string // the distribution identifier (SessionSeries, FacilityUseSlot …)
	Type       string // the items' @type
	Ordering   string // "timestamp" or "change_number"
	Faults     []string
	Blocked    string
}

// DatasetInfo describes one simulated dataset.
type DatasetInfo struct {
	Index   int
	URL     string
	Name    string
	Preview bool
	Faults  []string
	Feeds   []FeedInfo
}

// Datasets lists the live datasets (not the preview one) and their feeds,
// with the faults applied to each, at URLs on 127.0.0.1.
func (s *Server) Datasets() []DatasetInfo {
	var out []DatasetInfo
	for _, d := range s.w.datasets {
		di := DatasetInfo{Index: d.idx, URL: s.URL() + d.basePath, Name: d.pubName, Preview: d.preview}
		for _, fl := range d.faults {
			di.Faults = append(di.Faults, fl.String())
		}
		for _, f := range d.feeds {
			di.Feeds = append(di.Feeds, s.feedInfo(di.URL, f))
		}
		out = append(out, di)
	}
	return out
}

func (s *Server) feedInfo(dsURL string, f *feed) FeedInfo {
	fi := FeedInfo{URL: s.URL() + f.path(), DatasetURL: dsURL, Dataset: f.ds.idx, Kind: f.spec.ident,
		Type: f.spec.typ, Ordering: "timestamp", Blocked: blocked(f)}
	if f.modFmt == fmtChange {
		fi.Ordering = "change_number"
	}
	for _, fl := range f.faults {
		fi.Faults = append(fi.Faults, fl.String())
	}
	return fi
}

// blocked names the permanent fault that keeps a feed from being read.
func blocked(f *feed) string {
	for _, fl := range f.ds.faults {
		if fl.permanent() {
			return fl.Name
		}
	}
	for _, fl := range f.faults {
		if fl.permanent() {
			return fl.String()
		}
	}
	return ""
}

// Truth is the exact content of a feed as at `at` (see FeedTruth).
func (s *Server) Truth(feedURL string, at time.Time) (FeedTruth, error) {
	f, err := s.feedByURL(feedURL)
	if err != nil {
		return FeedTruth{}, err
	}
	ix := s.w.buildIndex(f, at.Unix())
	return FeedTruth{Updated: ix.updated, Deleted: ix.deleted, Blocked: blocked(f)}, nil
}

// TruthIDs maps every RPDE id of a feed as at `at` to its state.
func (s *Server) TruthIDs(feedURL string, at time.Time) (map[string]string, error) {
	f, err := s.feedByURL(feedURL)
	if err != nil {
		return nil, err
	}
	ix := s.w.buildIndex(f, at.Unix())
	out := make(map[string]string, len(ix.entries))
	for _, e := range ix.entries {
		state := "updated"
		if e.del {
			state = "deleted"
		}
		out[f.rpdeID(e.key)] = state
	}
	return out, nil
}

// TruthModified maps every RPDE id of a feed as at `at` to its modified
// value as published (text).
func (s *Server) TruthModified(feedURL string, at time.Time) (map[string]string, error) {
	f, err := s.feedByURL(feedURL)
	if err != nil {
		return nil, err
	}
	ix := s.w.buildIndex(f, at.Unix())
	out := make(map[string]string, len(ix.entries))
	for _, e := range ix.entries {
		out[f.rpdeID(e.key)] = strings.Trim(f.modified(e), `"`)
	}
	return out, nil
}

// feedByURL finds a feed by its URL, whatever the host.
func (s *Server) feedByURL(raw string) (*feed, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("simulate: %q is not a URL: %w", raw, err)
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) == 4 && parts[2] == "feeds" {
		if i, err := strconv.Atoi(parts[1]); err == nil && i >= 0 && i < len(s.w.datasets) {
			for _, f := range s.w.datasets[i].feeds {
				if f.spec.path == parts[3] {
					return f, nil
				}
			}
		}
	}
	return nil, fmt.Errorf("simulate: %s is not a simulated feed", raw)
}
