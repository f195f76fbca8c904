package schedule

import (
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// referenceExpand is the first implementation of Expand, kept as the
// reference: it counts every date from startDate when there is a
// repeatCount and converts every date with jsonld.Local.
func referenceExpand(r *Rule, T, end time.Time) (next time.Time, hasNext bool, n int) {
	first, ok := r.next(r.start, r.stopDay())
	if !ok || (r.hasCount && r.count == 0) {
		return
	}
	day, index := first, int64(0)
	ty, tm, td := T.UTC().Date()
	from := dayNum(ty, int(tm), td) - 1
	if !r.hasCount && from > day {
		if day, ok = r.next(from, lastDay); !ok {
			return
		}
	}
	for {
		if day < from {
			index++
			if r.hasCount && index >= r.count {
				return
			}
			if day, ok = r.next(day+1, lastDay); !ok {
				return
			}
			continue
		}
		y, m, d := civil(day)
		at := jsonld.Local(r.loc, y, m, d, r.h, r.mi, r.s, 0)
		if at.After(end) && hasNext {
			return
		}
		if !at.Before(T) && !r.excepted(day, at) {
			if !hasNext {
				next, hasNext = at, true
			}
			if !at.After(end) {
				n++
			}
		}
		index++
		if r.hasCount && index >= r.count {
			return
		}
		if day, ok = r.next(day+1, lastDay); !ok {
			return
		}
	}
}

// TestCountMatchesExpand: Count is Expand without the list, and both give
// referenceExpand's answer, for rules of every frequency, filter, count,
// zone and exception, at T across DST.
func TestCountMatchesExpand(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	pick := func(xs ...string) string { return xs[rng.Intn(len(xs))] }
	for i := 0; i < 3000; i++ {
		js := fmt.Sprintf(`{"@type":"Schedule","startDate":%q,"startTime":%q,"repeatFrequency":%q%s%s%s%s%s}`,
			pick("2026-01-05", "2025-03-30", "2019-01-07", "2026-03-29", "2024-02-29", "2026-10-25", "1800-01-01"),
			pick("10:00", "01:30", "00:30", "23:59:59", "02:15"),
			pick("P1D", "P1W", "P2W", "P1M", "P3M", "P1Y", "P3D", "P14D"),
			pick("", `,"byDay":["MO","TH"]`, `,"byDay":["https://schema.org/Sunday"]`),
			pick("", "", `,"byMonth":[3,10]`, `,"byMonthDay":[1,29,31]`),
			pick("", "", `,"repeatCount":0`, `,"repeatCount":7`, `,"repeatCount":400`, `,"repeatCount":150000`),
			pick("", `,"endDate":"2026-04-20"`, `,"endDate":"2026-02-01"`),
			pick("", `,"scheduleTimezone":"America/New_York"`, `,"scheduleTimezone":"Australia/Lord_Howe"`, `,"exceptDate":["2026-03-30","2026-04-02T09:00:00Z"]`))
		r, why := rule(t, js)
		if r == nil {
			t.Fatalf("%s: %s", js, why)
		}
		T := time.Date(2026, 3, 20+rng.Intn(15), rng.Intn(24), 0, 0, 0, time.UTC)
		end := T.Add(time.Duration(1+rng.Intn(60)) * 24 * time.Hour)
		w, why := r.Expand(T, end)
		next, ok, n := r.Count(T, end)
		if why != r.Barren() || ok != w.HasNext || !next.Equal(w.Next) || n != len(w.InWindow) {
			t.Fatalf("%s at %v: Count (%v %v %d) ≠ Expand (%v %v %d, %q)", js, T, next, ok, n, w.Next, w.HasNext, len(w.InWindow), why)
		}
		if rn, rok, rc := referenceExpand(r, T, end); rok != ok || rn != next || rc != n {
			t.Fatalf("%s at %v: Count (%v %v %d) ≠ reference (%v %v %d)", js, T, next, ok, n, rn, rok, rc)
		}
	}
}
