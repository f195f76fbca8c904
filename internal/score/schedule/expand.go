package schedule

import (
	"time"
)

// Window is what scoring needs from a schedule at T: the first start ≥ T and
// the starts in [T, end].
type Window struct {
	Next     time.Time
	HasNext  bool
	InWindow []time.Time
}

// Barren says, in plain words, why the rule can never give a date, or ""
// when it can. It does not depend on T, so scoring asks once per item.
func (r *Rule) Barren() string {
	if !r.firstOK {
		return "no date qualifies within 400 × n years of startDate, so the schedule gives no dates"
	}
	if r.hasCount && r.count == 0 {
		return "repeatCount is 0, so the schedule gives no dates"
	}
	return ""
}

// Expand returns the occurrences at T up to end (= T + H), and Barren's
// reason when there are none by construction.
func (r *Rule) Expand(T, end time.Time) (Window, string) {
	var w Window
	if why := r.Barren(); why != "" {
		return w, why
	}
	w.Next, w.HasNext, _ = r.scan(T, end, &w.InWindow)
	return w, ""
}

// Count is Expand without the list: the first start ≥ T and how many starts
// fall in [T, end]. Scoring needs nothing more, so it allocates nothing.
func (r *Rule) Count(T, end time.Time) (next time.Time, hasNext bool, n int) {
	if r.Barren() != "" {
		return time.Time{}, false, 0
	}
	return r.scan(T, end, nil)
}

// scan generates dates lazily from T's local date, so an unbounded
// schedule costs only the dates asked for: it stops at the first date after
// end once a next start is known. A repeatCount is a last date found when
// the rule was parsed; only when that date was too far to find are dates
// counted from startDate. Starts in the window are counted, and appended
// to keep when it is not nil.
func (r *Rule) scan(T, end time.Time, keep *[]time.Time) (next time.Time, hasNext bool, n int) {
	counting := r.hasCount && !r.countedOK
	limit := lastDay
	if r.countedOK {
		limit = r.lastCounted
	}
	day, index := r.first, int64(0)
	// A local date two days before T's UTC date starts before T in every
	// zone (offsets are within ±18 h), so such dates are never converted.
	ty, tm, td := T.UTC().Date()
	from := dayNum(ty, int(tm), td) - 1
	var ok bool
	if !counting && from > day {
		if day, ok = r.next(from, limit); !ok {
			return
		}
	}
	z := offsets{loc: r.loc}
	for {
		if day >= from {
			at := z.local(day, r.h, r.mi, r.s)
			if at.After(end) && hasNext {
				return
			}
			if !at.Before(T) && !r.excepted(day, at) {
				if !hasNext {
					next, hasNext = at, true
				}
				if !at.After(end) {
					n++
					if keep != nil {
						*keep = append(*keep, at)
					}
				}
			}
		}
		index++
		if counting && index >= r.count {
			return
		}
		if day, ok = r.next(day+1, limit); !ok {
			return
		}
	}
}

// FirstDates lists up to k occurrence starts from startDate (for tests and
// explanations), after repeatCount and exceptDate.
func (r *Rule) FirstDates(k int) []time.Time {
	var out []time.Time
	day, ok := r.first, r.firstOK
	z := offsets{loc: r.loc}
	for i := int64(0); ok && len(out) < k; i++ {
		if r.hasCount && i >= r.count {
			break
		}
		at := z.local(day, r.h, r.mi, r.s)
		if !r.excepted(day, at) {
			out = append(out, at)
		}
		day, ok = r.next(day+1, lastDay)
	}
	return out
}
