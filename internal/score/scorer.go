package score

import (
	"sort"
	"time"
	"unsafe"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// scorer holds the state of one ScoreDataset call: T, caches and the
// reference. Nothing outlives the call.
type scorer struct {
	ref      *Reference
	T, end   time.Time
	london   *time.Location
	zones    map[string]*time.Location
	ordering map[string]domain.Ordering
	changes  map[*doc]changeInfo
}

func newScorer(in DatasetInput, T time.Time, ref *Reference) *scorer {
	T = T.UTC().Truncate(time.Second)
	s := &scorer{ref: ref, T: T, end: T.Add(ref.Profile.Horizon()), london: ref.london,
		zones: map[string]*time.Location{}, ordering: map[string]domain.Ordering{}, changes: map[*doc]changeInfo{}}
	for _, f := range in.Feeds {
		s.ordering[f.URL] = f.Ordering
	}
	return s
}

// zone resolves an IANA zone name, caching per call; "Local" and "" are
// not zone names.
func (s *scorer) zone(name string) *time.Location {
	if loc, ok := s.zones[name]; ok {
		return loc
	}
	var loc *time.Location
	if name != "" && name != "Local" {
		if l, err := time.LoadLocation(name); err == nil {
			loc = l
		}
	}
	s.zones[name] = loc
	return loc
}

// buildGraph parses every updated item once and indexes its objects.
func buildGraph(in DatasetInput) (*graph, map[string]*FeedStats) {
	g := &graph{byKey: make(map[string]*entity, len(in.Items))}
	stats := map[string]*FeedStats{}
	stat := func(url string) *FeedStats {
		if stats[url] == nil {
			stats[url] = &FeedStats{FeedURL: url}
		}
		return stats[url]
	}
	for _, f := range in.Feeds {
		stat(f.URL)
	}
	for i := range in.Items {
		it := &in.Items[i]
		st := stat(it.FeedURL)
		if it.State == domain.StateDeleted {
			st.Deleted++
			continue
		}
		st.Items++
		// The tree shares the item's bytes for the length of this call
		// only; every string that leaves it is cloned (see score.go).
		root, err := jsonld.ParseShared(unsafe.String(unsafe.SliceData(it.Data), len(it.Data)))
		if err != nil || !root.IsObject() {
			st.Unreadable++
			continue
		}
		d := &doc{item: it, root: root, key: it.FeedURL + "#" + it.RPDEID}
		if id, ok := jsonld.ID(root); ok && jsonld.Trim(id) != "" {
			d.key = id
		}
		g.docs = append(g.docs, d)
		g.add(d)
	}
	g.choose()
	g.link()
	return g, stats
}

// run scores every activity of the dataset; with explain it also returns
// the per-check explanations.
func run(in DatasetInput, T time.Time, ref *Reference, explain bool) (Result, []Explanation) {
	s := newScorer(in, T, ref)
	g, stats := buildGraph(in)
	acts := g.activities()
	res := Result{Activities: make([]domain.ActivityScore, 0, len(acts))}
	var exps []Explanation
	for _, a := range acts {
		s.prepare(a)
		sc, ex := s.score(a, in.DatasetID, explain)
		res.Activities = append(res.Activities, sc)
		if explain {
			exps = append(exps, ex)
		}
		countFeed(stats, a)
	}
	for _, st := range stats {
		res.Feeds = append(res.Feeds, *st)
	}
	sort.Slice(res.Feeds, func(i, j int) bool { return res.Feeds[i].FeedURL < res.Feeds[j].FeedURL })
	return res, exps
}

// countFeed adds an activity to its feed's counts; an orphan's items (its
// own, or its children's top-level items) count as orphans of their feeds.
func countFeed(stats map[string]*FeedStats, a *activity) {
	if st := stats[a.doc.item.FeedURL]; st != nil {
		st.Activities++
	}
	if !a.orphan {
		return
	}
	if a.ent != nil {
		stats[a.doc.item.FeedURL].Orphans++
		return
	}
	for _, c := range a.children {
		if c.chosen.top {
			stats[c.chosen.doc.item.FeedURL].Orphans++
		}
	}
}

// ScoreDataset scores one dataset at T. It is pure and deterministic: the
// same items, T and reference give the same result. Activities are sorted
// by ActivityID.
func ScoreDataset(in DatasetInput, T time.Time, ref *Reference) Result {
	res, _ := run(in, T, ref, false)
	return res
}
