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

// Readiness converts every scored OpenActive activity of a dataset (ORUK
// services are skipped) and scores the result. items are the dataset's
// stored items; an activity whose item is missing or unreadable is skipped.
// cache may be nil.
func (s *Scorer) Readiness(items []domain.Item, scores []domain.ActivityScore, T time.Time, cache *ReadinessCache) []Readiness {
	idx := make(map[itemKey]int, len(items))
	for i, it := range items {
		idx[itemKey{it.FeedURL, it.RPDEID}] = i
	}
	var prev map[readyKey]Readiness
	next := map[readyKey]Readiness{}
	if cache != nil {
		cache.mu.Lock()
		defer cache.mu.Unlock()
		prev = cache.m
	}
	// Only the last decoded item is kept: activities of one item (a series
	// and its inline parent) come together, and keeping every decoded item of
	// a large dataset cost gigabytes.
	decoded := map[int]obj{}
	var ps jsonld.Parser
	var out []Readiness
	for i := range scores {
		a := &scores[i]
		k, ok := idx[itemKey{a.FeedURL, a.ItemID}]
		if a.Kind == KindService || !ok {
			continue
		}
		key := readyKey{a.FeedURL, a.ItemID, items[k].Modified, a.ActivityID, a.NextOccurrence != nil}
		r, hit := prev[key]
		if !hit {
			var found bool
			if r, found = s.convertOne(&ps, items[k].Data, k, decoded, a); !found {
				continue
			}
		}
		r.T, next[key] = T, r
		out = append(out, r)
	}
	if cache != nil {
		cache.m = next
	}
	return out
}

// convertOne converts and scores one activity, decoding its item once.
// The parser's memory is recycled from item to item: the decoded map copies
// what it keeps out of the tree.
func (s *Scorer) convertOne(ps *jsonld.Parser, raw []byte, k int, decoded map[int]obj, a *domain.ActivityScore) (Readiness, bool) {
	data, ok := decoded[k]
	if !ok {
		data = nil
		if v, err := ps.Parse(string(raw)); err == nil && v.IsObject() {
			data = obj(toAny(v).(map[string]any))
		}
		clear(decoded)
		decoded[k] = data
	}
	if data == nil {
		return Readiness{}, false
	}
	return s.readiness(time.Time{}, a, Convert(findActivity(data, a.ActivityID), s.hints(a))), true
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
