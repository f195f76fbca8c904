package score

import (
	"sort"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// Prepared is a dataset decoded and linked once, ready to be scored at any
// T with any Reference: its items' facts, the link graph (parents,
// children, containers, copies), the activities with their children
// ordered by start, and the feed counts, none of which depend on T or on
// the reference. It is never changed once built, so one Prepared may be
// scored by concurrent calls.
//
// A Prepared holds its decoded items and the graph: about 1.2–1.5 KB per
// item for typical OpenActive items, three to four times their JSON
// (measured on the benchmark datasets). It keeps no reference to the DatasetInput,
// so the caller may reuse the items' buffers. Scores it returns share
// strings with it (the ActivityScore strings point into the decoded copy
// of the items' bytes; nothing ever changes them).
type Prepared struct {
	datasetID string
	feeds     []FeedStats // sorted by FeedURL
	acts      []activity  // sorted by key; they reach the decoded items
	// items finds a readable live item's decoded copy, so later stages
	// (ORUK readiness) read its JSON from here rather than from a second
	// copy of the dataset held beside this one.
	items map[cacheKey]*Decoded
	lean  bool
}

// Prepare decodes and links a dataset. ScoreDataset(in, T, ref) is
// ScorePrepared(Prepare(in), T, ref); a Cache prepares successive
// snapshots of a dataset decoding only the items that changed.
func Prepare(in DatasetInput) *Prepared {
	ds := make([]*Decoded, len(in.Items))
	dc := decoder{batch: true}
	for i := range in.Items {
		ds[i] = dc.decode(&in.Items[i])
	}
	return prepare(in, ds)
}

// Builder prepares a dataset from items given one at a time, so a caller
// streaming them from a store never holds the items and their decoded form
// together. NewBuilder(in).Add(each of in.Items).Prepare() is Prepare(in).
//
// A lean Builder does not keep the items' JSON (Prepared.Item finds
// nothing): for a large dataset it is a third of what preparing holds.
type Builder struct {
	in   DatasetInput
	ds   []*Decoded
	dc   decoder
	lean bool
}

// NewBuilder starts a dataset; in.Items is ignored.
func NewBuilder(in DatasetInput, lean bool) *Builder {
	in.Items = nil
	return &Builder{in: in, lean: lean, dc: decoder{batch: true}}
}

// Add decodes one item. The item's buffers may be reused once Add returns.
func (b *Builder) Add(it *domain.Item) { b.ds = append(b.ds, b.dc.decodeItem(it, !b.lean)) }

// Prepare links what was added.
func (b *Builder) Prepare() *Prepared {
	p := prepare(b.in, b.ds)
	p.lean, b.ds = b.lean, nil
	return p
}

// Kept reports whether the items' JSON was kept (Item finds it): true
// unless prepared by a lean Builder.
func (p *Prepared) Kept() bool { return !p.lean }

// Item returns the JSON and `modified` of one of the dataset's readable
// live items, as stored.
func (p *Prepared) Item(feedURL, rpdeID string) (data, modified string, ok bool) {
	d := p.items[cacheKey{feedURL, rpdeID}]
	if d == nil {
		return "", "", false
	}
	return d.data, d.modified, true
}

// Activities is the number of activities ScorePrepared returns.
func (p *Prepared) Activities() int { return len(p.acts) }

// ScorePrepared scores a prepared dataset at T. It returns exactly what
// ScoreDataset returns for the same items, T and reference.
func ScorePrepared(p *Prepared, T time.Time, ref *Reference) Result {
	res, _ := p.run(T, ref, false)
	return res
}

// ScoreDataset scores one dataset at T. It is pure and deterministic: the
// same items, T and reference give the same result. Activities are sorted
// by ActivityID.
func ScoreDataset(in DatasetInput, T time.Time, ref *Reference) Result {
	return ScorePrepared(Prepare(in), T, ref)
}

// prepare links decoded items (ds[i] decodes in.Items[i]) and counts them
// per feed.
func prepare(in DatasetInput, ds []*Decoded) *Prepared {
	ordering := make(map[string]domain.Ordering, len(in.Feeds))
	stats := map[string]*FeedStats{}
	stat := func(url string) *FeedStats {
		st := stats[url]
		if st == nil {
			st = &FeedStats{FeedURL: url}
			stats[url] = st
		}
		return st
	}
	for _, f := range in.Feeds {
		ordering[f.URL] = f.Ordering
		stat(f.URL)
	}
	docs := make([]pdoc, 0, len(ds))
	items := make(map[cacheKey]*Decoded, len(ds))
	var st *FeedStats // items come grouped by feed, so look up only on a change
	for _, d := range ds {
		if st == nil || st.FeedURL != d.feedURL {
			st = stat(d.feedURL)
		}
		if d.state == domain.StateDeleted {
			st.Deleted++
			continue
		}
		st.Items++
		if !d.readable {
			st.Unreadable++
			continue
		}
		docs = append(docs, newPdoc(d, ordering[d.feedURL]))
		if d.data != "" {
			items[cacheKey{d.feedURL, d.rpdeID}] = d
		}
	}
	g := buildGraph(docs)
	g.link()
	p := &Prepared{datasetID: in.DatasetID, acts: g.activities(), items: items}
	for i := range p.acts {
		countFeed(stats, &p.acts[i])
	}
	for _, st := range stats {
		p.feeds = append(p.feeds, *st)
	}
	sort.Slice(p.feeds, func(i, j int) bool { return p.feeds[i].FeedURL < p.feeds[j].FeedURL })
	return p
}

// countFeed adds an activity to its feed's counts; an orphan's items (its
// own, or its children's top-level items) count as orphans of their feeds.
func countFeed(stats map[string]*FeedStats, a *activity) {
	stats[a.doc.d.feedURL].Activities++
	if !a.orphan {
		return
	}
	if a.ent != nil {
		stats[a.doc.d.feedURL].Orphans++
		return
	}
	for _, c := range a.children {
		if c.chosen.top {
			stats[c.chosen.doc.d.feedURL].Orphans++
		}
	}
}
