package schedule

import (
	"time"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// Window is what scoring needs from a schedule at T: the first start ≥ T and
// the starts in [T, end].
type Window struct {
	Next     time.Time
	HasNext  bool
	InWindow []time.Time
}

// Expand returns the occurrences at T up to end (= T + H). It generates
// dates lazily from T's local date (or from startDate when repeatCount must
// be counted), so an unbounded schedule costs only the dates asked for.
func (r *Rule) Expand(T, end time.Time) (Window, string) {
	var w Window
	first, ok := r.next(r.start, r.stopDay())
	if !ok {
		return w, "no date qualifies within 400 × n years of startDate, so the schedule gives no dates"
	}
	if r.hasCount && r.count == 0 {
		return w, "repeatCount is 0, so the schedule gives no dates"
	}
	day, index := first, int64(0)
	// A local date two days before T's UTC date starts before T in every
	// zone (offsets are within ±18 h), so such dates are never converted.
	ty, tm, td := T.UTC().Date()
	from := dayNum(ty, int(tm), td) - 1
	if !r.hasCount {
		if from > day {
			if day, ok = r.next(from, lastDay); !ok {
				return w, ""
			}
		}
	}
	for {
		if day < from {
			index++
			if r.hasCount && index >= r.count {
				return w, ""
			}
			if day, ok = r.next(day+1, lastDay); !ok {
				return w, ""
			}
			continue
		}
		y, m, d := civil(day)
		at := jsonld.Local(r.loc, y, m, d, r.h, r.mi, r.s, 0)
		if at.After(end) && w.HasNext {
			return w, ""
		}
		if !at.Before(T) && !r.excepted(day, at) {
			if !w.HasNext {
				w.Next, w.HasNext = at, true
			}
			if !at.After(end) {
				w.InWindow = append(w.InWindow, at)
			}
		}
		index++
		if r.hasCount && index >= r.count {
			return w, ""
		}
		if day, ok = r.next(day+1, lastDay); !ok {
			return w, ""
		}
	}
}

// FirstDates lists up to k occurrence starts from startDate (for tests and
// explanations), after repeatCount and exceptDate.
func (r *Rule) FirstDates(k int) []time.Time {
	var out []time.Time
	day, ok := r.next(r.start, r.stopDay())
	for i := int64(0); ok && len(out) < k; i++ {
		if r.hasCount && i >= r.count {
			break
		}
		y, m, d := civil(day)
		at := jsonld.Local(r.loc, y, m, d, r.h, r.mi, r.s, 0)
		if !r.excepted(day, at) {
			out = append(out, at)
		}
		day, ok = r.next(day+1, lastDay)
	}
	return out
}
