package score

import (
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// scorer holds the state of one scoring call: T and the times derived from
// it, the reference, and buffers reused from one activity to the next.
// Nothing outlives the call, and the prepared dataset is only read.
type scorer struct {
	ref     *Reference
	explain bool

	T, end       time.Time // the window [T, T+H]
	latestChange time.Time // T + 24 h: a later `modified` is implausible
	recentFull   time.Time // T − recent_full_days
	recentHalf   time.Time // T − recent_half_days

	// Reused per activity.
	v       view
	sp      [14]outcome
	as      [5]outcome
	types   []string
	missing []string

	// Results are carved from these, a few allocations per call.
	strs  slab[string]
	times slab[time.Time]
	ints  slab[int]
}

func newScorer(T time.Time, ref *Reference, explain bool) *scorer {
	T = T.UTC().Truncate(time.Second)
	p := ref.Profile
	day := 24 * time.Hour
	return &scorer{ref: ref, explain: explain, T: T, end: T.Add(p.Horizon()), latestChange: T.Add(day),
		recentFull: T.Add(-time.Duration(p.RecentFullDays) * day), recentHalf: T.Add(-time.Duration(p.RecentHalfDays) * day)}
}

// slab hands out small slices and pointers cut from larger allocations, so
// the few small slices each score holds cost almost no allocations. Pieces
// are capped at their length, so appending to one never touches another.
type slab[T any] struct{ free []T }

const slabChunk = 512

func (s *slab[T]) take(n int) []T {
	if n == 0 {
		return []T{}
	}
	if n > len(s.free) {
		s.free = make([]T, max(n, slabChunk))
	}
	p := s.free[:n:n]
	s.free = s.free[n:]
	return p
}

func (s *slab[T]) copy(src []T) []T {
	p := s.take(len(src))
	copy(p, src)
	return p
}

func (s *slab[T]) ptr(v T) *T {
	p := s.take(1)
	p[0] = v
	return &p[0]
}

// run scores every activity of a prepared dataset at T; with explain it
// also returns the per-check explanations.
func (p *Prepared) run(T time.Time, ref *Reference, explain bool) (Result, []Explanation) {
	s := newScorer(T, ref, explain)
	res := Result{Activities: make([]domain.ActivityScore, len(p.acts)), Feeds: append([]FeedStats(nil), p.feeds...)}
	var exps []Explanation // nil when there is nothing to explain, as before
	if explain && len(p.acts) > 0 {
		exps = make([]Explanation, len(p.acts))
	}
	for i := range p.acts {
		var ex *Explanation
		if explain {
			ex = &exps[i]
		}
		s.score(&p.acts[i], p.datasetID, &res.Activities[i], ex)
	}
	return res, exps
}
