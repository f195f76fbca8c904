package oruk

import (
	"context"
	"fmt"
	"sync"
	"time"
	"unique"

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

// ItemIndex is Items over a list of stored items.
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
	return string(it.Data), it.Modified, true
}

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
	acts   map[itemKey][]int // the scores of each item's activities
	order  []itemKey         // items in the order of their first activity
	out    []*Readiness      // by score
	scores []domain.ActivityScore
	next   map[readyKey]Readiness
	ps     jsonld.Parser
}

// NewReadinessPass starts converting the activities of scores. It holds
// the cache until Done.
func (s *Scorer) NewReadinessPass(scores []domain.ActivityScore, T time.Time, cache *ReadinessCache) *ReadinessPass {
	p := &ReadinessPass{s: s, T: T, cache: cache, acts: map[itemKey][]int{}, out: make([]*Readiness, len(scores))}
	for i := range scores {
		a := &scores[i]
		if a.Kind == KindService {
			continue
		}
		k := itemKey{a.FeedURL, a.ItemID}
		if _, seen := p.acts[k]; !seen {
			p.order = append(p.order, k)
		}
		p.acts[k] = append(p.acts[k], i)
	}
	p.scores = scores
	if cache != nil {
		cache.mu.Lock()
		p.next = map[readyKey]Readiness{}
	}
	return p
}

// Item converts the activities of one stored item; items without scored
// activities are ignored.
func (p *ReadinessPass) Item(feedURL, rpdeID, modified string, data []byte) {
	k := itemKey{feedURL, rpdeID}
	if _, ok := p.acts[k]; ok {
		p.item(k, modified, string(data))
	}
}

func (p *ReadinessPass) item(k itemKey, modified, data string) {
	var decoded obj
	parsed := false
	for _, i := range p.acts[k] {
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
				// decoded map copies what it keeps out of the tree.
				parsed = true
				if v, err := p.ps.Parse(data); err == nil && v.IsObject() {
					decoded = obj(toAny(v).(map[string]any))
				}
			}
			if decoded == nil {
				return
			}
			r = p.s.readiness(time.Time{}, a, Convert(findActivity(decoded, a.ActivityID), p.s.hints(a)))
		}
		r.T = p.T
		if p.next != nil {
			p.next[key] = r
		}
		p.out[i] = &r
	}
	delete(p.acts, k)
}

// Done returns the readiness of every activity whose item was given, in the
// order of the scores, and keeps them in the cache.
func (p *ReadinessPass) Done() []Readiness {
	if p.cache != nil {
		p.cache.m = p.next
		p.cache.mu.Unlock()
		p.cache = nil
	}
	var out []Readiness
	for _, r := range p.out {
		if r != nil {
			out = append(out, *r)
		}
	}
	return out
}

// hints are what the crosswalk takes from an activity's score.
func (s *Scorer) hints(a *domain.ActivityScore) Hints {
	return Hints{DatasetID: a.DatasetID, ActivityID: a.ActivityID, NextOccurrence: a.NextOccurrence,
		LastChange: a.LastChange, Upcoming: a.Upcoming > 0, Label: s.labels, London: s.london}
}

// readiness scores a converted service with the ORUK completeness checks.
func (s *Scorer) readiness(T time.Time, a *domain.ActivityScore, cw Crosswalk) Readiness {
	r := Readiness{T: T, DatasetID: a.DatasetID, ActivityID: a.ActivityID, Mapped: interned(cw.Mapped), Lost: interned(cw.Lost), FailedChecks: []string{}}
	outs := completeness(newView(tree(&cw.Service)))
	r.Score = weighted(s.profile.Completeness, outs[:], s.profile.svTotal)
	for i, o := range outs {
		if !o.pass {
			r.FailedChecks = append(r.FailedChecks, s.profile.Completeness[i].ID)
		}
	}
	return r
}

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
// item alive until the rows are written.
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
