package oruk

import (
	"context"
	"fmt"
	"sync"
	"time"
	"unique"
	"unsafe"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
	"github.com/feedgauge/feedgauge/internal/store"
)

// Readiness is how well one OpenActive activity would convert to an ORUK
// service: the ORUK completeness (sv.1 … sv.10, docs/method.md §B.7) of the
// service the crosswalk makes of it, with the checks that service fails and
// the OpenActive properties carried over and lost.
type Readiness struct {
	T                     time.Time
	DatasetID, ActivityID string
	Score                 int
	FailedChecks          []string
	Mapped, Lost          []string
}

type itemKey struct{ feed, id string }

// readyKey is what a readiness result depends on: the item's version, the
// activity, and whether it has an occurrence to come (its one-date
// schedule when it has no other).
type readyKey struct {
	feed, id, modified, activity string
	next                         bool
}

// ReadinessCache keeps readiness results between the snapshots of a
// long-running process, so only changed activities are converted again.
// One cache serves one dataset; it keeps what the last call used.
type ReadinessCache struct {
	mu sync.Mutex
	m  map[readyKey]Readiness
}

// Items finds the stored JSON and `modified` of a dataset's items;
// *score.Prepared is one, so readiness reads the copy scoring decoded.
type Items interface {
	Item(feedURL, rpdeID string) (data, modified string, ok bool)
}

// ItemIndex is Items over a list of stored items. The JSON it gives shares
// the items' bytes (see unsafeString): they must not change while read.
func ItemIndex(items []domain.Item) Items {
	m := make(itemMap, len(items))
	for i := range items {
		m[itemKey{items[i].FeedURL, items[i].RPDEID}] = &items[i]
	}
	return m
}

type itemMap map[itemKey]*domain.Item

func (m itemMap) Item(feedURL, rpdeID string) (string, string, bool) {
	it := m[itemKey{feedURL, rpdeID}]
	if it == nil {
		return "", "", false
	}
	return unsafeString(it.Data), it.Modified, true
}

// unsafeString is b as a string without a copy. Readiness may read an
// item through it because it keeps nothing of the item: results hold the
// profile's check ids and interned property names, and the tree, the
// converted service and the parsed item are dropped before the next item.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// Readiness converts every scored OpenActive activity of a dataset (ORUK
// services are skipped) and scores the result. items hold the dataset's
// stored items; an activity whose item is missing or unreadable is skipped.
// cache may be nil.
func (s *Scorer) Readiness(items Items, scores []domain.ActivityScore, T time.Time, cache *ReadinessCache) []Readiness {
	p := s.NewReadinessPass(scores, T, cache)
	p.From(items)
	return p.Done()
}

// From gives the pass every item it needs from items.
func (p *ReadinessPass) From(items Items) {
	for _, k := range p.order {
		if data, modified, ok := items.Item(k.feed, k.id); ok {
			p.item(k, modified, data)
		}
	}
}

// ReadinessPass is Readiness for items read one at a time (from a store,
// in any order), so a large dataset's JSON need not be held while its
// activities are converted. Give it each item with Item, then call Done.
type ReadinessPass struct {
	s      *Scorer
	T      time.Time
	cache  *ReadinessCache
	acts   map[itemKey]chain // the scores of each item's activities
	order  []itemKey         // items in the order of their first activity
	slots  []slot            // by score
	scores []domain.ActivityScore
	next   map[readyKey]Readiness
	ps     *jsonld.Parser // from parsers until Done
}

// chain lists an item's scores through their slots, so a pass allocates
// nothing per item: most items carry one activity.
type chain struct{ first, last int }

// slot is one score's place in a pass: its result, when there is one, and
// the next score of the same item (-1 for none).
type slot struct {
	r    Readiness
	have bool
	next int
}

// parsers keep parsers' memory from pass to pass: a dataset of one item
// would otherwise pay for a fresh parser's slabs.
var parsers = sync.Pool{New: func() any { return new(jsonld.Parser) }}

// NewReadinessPass starts converting the activities of scores. It holds
// the cache until Done.
func (s *Scorer) NewReadinessPass(scores []domain.ActivityScore, T time.Time, cache *ReadinessCache) *ReadinessPass {
	p := &ReadinessPass{s: s, T: T, cache: cache, acts: map[itemKey]chain{}, slots: make([]slot, len(scores)),
		ps: parsers.Get().(*jsonld.Parser)}
	for i := range scores {
		a := &scores[i]
		if a.Kind == KindService {
			continue
		}
		k := itemKey{a.FeedURL, a.ItemID}
		p.slots[i].next = -1
		if ch, seen := p.acts[k]; seen {
			p.slots[ch.last].next = i
			p.acts[k] = chain{ch.first, i}
		} else {
			p.order = append(p.order, k)
			p.acts[k] = chain{i, i}
		}
	}
	p.scores = scores
	if cache != nil {
		cache.mu.Lock()
		p.next = map[readyKey]Readiness{}
	}
	return p
}

// Item converts the activities of one stored item; items without scored
// activities are ignored. data may be reused once Item returns.
func (p *ReadinessPass) Item(feedURL, rpdeID, modified string, data []byte) {
	k := itemKey{feedURL, rpdeID}
	if _, ok := p.acts[k]; ok {
		p.item(k, modified, unsafeString(data))
	}
}

func (p *ReadinessPass) item(k itemKey, modified, data string) {
	var decoded *jsonld.Value
	parsed := false
	ch, ok := p.acts[k]
	for i := ch.first; ok && i >= 0; i = p.slots[i].next {
		a := &p.scores[i]
		key := readyKey{a.FeedURL, a.ItemID, modified, a.ActivityID, a.NextOccurrence != nil}
		var r Readiness
		hit := false
		if p.cache != nil {
			r, hit = p.cache.m[key]
		}
		if !hit {
			if !parsed {
				// The parser's memory is recycled from item to item: the
				// tree is read only here, and results keep only strings,
				// which the parser never recycles.
				parsed = true
				if v, err := p.ps.Parse(data); err == nil && v.IsObject() {
					decoded = v
				}
			}
			if decoded == nil {
				return
			}
			r = p.s.readiness(time.Time{}, a, convert(findActivity(decoded, a.ActivityID), p.s.hints(a)))
		}
		r.T = p.T
		if p.next != nil {
			p.next[key] = r
		}
		p.slots[i].r, p.slots[i].have = r, true
	}
	delete(p.acts, k)
}

// Done returns the readiness of every activity whose item was given, in the
// order of the scores, and keeps them in the cache.
func (p *ReadinessPass) Done() []Readiness {
	if p.ps != nil {
		parsers.Put(p.ps)
		p.ps = nil
	}
	if p.cache != nil {
		p.cache.m = p.next
		p.cache.mu.Unlock()
		p.cache = nil
	}
	n := 0
	for i := range p.slots {
		if p.slots[i].have {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Readiness, 0, n)
	for i := range p.slots {
		if p.slots[i].have {
			out = append(out, p.slots[i].r)
		}
	}
	return out
}

// hints are what the crosswalk takes from an activity's score.
func (s *Scorer) hints(a *domain.ActivityScore) Hints {
	return Hints{DatasetID: a.DatasetID, ActivityID: a.ActivityID, NextOccurrence: a.NextOccurrence,
		LastChange: a.LastChange, Upcoming: a.Upcoming > 0, Label: s.labels, London: s.london, ids: s.ids}
}

// readiness scores a converted service with the ORUK completeness checks.
func (s *Scorer) readiness(T time.Time, a *domain.ActivityScore, cw Crosswalk) Readiness {
	r := Readiness{T: T, DatasetID: a.DatasetID, ActivityID: a.ActivityID, Mapped: cw.Mapped, Lost: interned(cw.Lost)}
	sc := scratches.Get().(*scratch)
	sc.v.quiet = true
	sc.v.read(sc.b.service(&cw.Service))
	outs := completeness(&sc.v)
	sc.b.reset()
	scratches.Put(sc)
	r.Score = weighted(s.profile.Completeness, outs[:], s.profile.svTotal)
	nFailed := 0
	for _, o := range outs {
		if !o.pass {
			nFailed++
		}
	}
	r.FailedChecks = make([]string, 0, nFailed) // never nil: stored as []
	for i, o := range outs {
		if !o.pass {
			r.FailedChecks = append(r.FailedChecks, s.profile.Completeness[i].ID)
		}
	}
	return r
}

// scratch is the memory readiness reuses from one activity to the next:
// the tree of the converted service and the view of it.
type scratch struct {
	b treeBuilder
	v view
}

// scratches recycle scratch memory: readiness reads each tree once, then
// drops it.
var scratches = sync.Pool{New: func() any { return new(scratch) }}

var readinessCols = []string{"t", "dataset_id", "activity_id", "readiness", "failed_checks", "mapped", "lost"}

// PutReadiness stores readiness rows, keyed by (T, dataset, activity) so a
// snapshot written again replaces its rows.
func PutReadiness(ctx context.Context, st store.Store, rs []Readiness) error {
	if len(rs) == 0 {
		return nil
	}
	rows := make([][]any, len(rs))
	for i, r := range rs {
		rows[i] = []any{r.T.UTC(), r.DatasetID, r.ActivityID, r.Score, nonNil(r.FailedChecks), nonNil(r.Mapped), nonNil(r.Lost)}
	}
	if err := st.Insert(ctx, "oruk_readiness", readinessCols, rows); err != nil {
		return fmt.Errorf("store ORUK readiness of %d activities: %w", len(rs), err)
	}
	return nil
}

// interned keeps property names as canonical strings: they are a few dozen
// names, and as substrings of each item's JSON they would keep every queued
// item alive until the rows are written. Mapped names need none: they are
// the crosswalk's own constants.
func interned(l []string) []string {
	for i, s := range l {
		l[i] = unique.Make(s).Value()
	}
	return l
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}
