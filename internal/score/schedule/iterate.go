package schedule

import "github.com/feedgauge/feedgauge/internal/score/jsonld"

// monthOK applies the byMonth filter.
func (r *Rule) monthOK(m int) bool { return !r.hasByMonth || r.byMonth&(1<<m) != 0 }

func (r *Rule) dayOK(day int64) bool { return r.byDay&(1<<weekday(day)) != 0 }

// next returns the first qualifying date in [from, limit], or false.
func (r *Rule) next(from, limit int64) (int64, bool) {
	from = max(from, r.start)
	limit = min(limit, r.end, lastDay)
	if from > limit {
		return 0, false
	}
	switch r.freq {
	case 'D':
		return r.nextD(from, limit)
	case 'W':
		return r.nextW(from, limit)
	case 'M':
		return r.nextM(from, limit)
	}
	return r.nextY(from, limit)
}

// nextD: (d − startDate) ≡ 0 (mod n), weekday in byDay when given.
func (r *Rule) nextD(from, limit int64) (int64, bool) {
	k := (from - r.start + r.n - 1) / r.n
	for d := r.start + k*r.n; d <= limit; d += r.n {
		_, m, _ := civil(d)
		if (r.byDay == 0 || r.dayOK(d)) && r.monthOK(m) {
			return d, true
		}
	}
	return 0, false
}

// nextW: Monday-start weeks from startDate's week ≡ 0 (mod n), weekday in
// byDay (default startDate's weekday).
func (r *Rule) nextW(from, limit int64) (int64, bool) {
	set := r.byDay
	if set == 0 {
		set = 1 << weekday(r.start)
	}
	monday0 := r.start - int64(weekday(r.start))
	w := floorDiv(from-monday0, 7)
	if rem := w % r.n; rem != 0 {
		w += r.n - rem
	}
	for ; ; w += r.n {
		monday := monday0 + 7*w
		if monday > limit {
			return 0, false
		}
		for d := max(monday, from); d < monday+7 && d <= limit; d++ {
			if set&(1<<weekday(d)) == 0 {
				continue
			}
			if _, m, _ := civil(d); r.monthOK(m) {
				return d, true
			}
		}
	}
}

// nextM: months ≡ 0 (mod n); day in byMonthDay (default startDate's day);
// with only byDay, weekday in byDay; with both, both must hold.
func (r *Rule) nextM(from, limit int64) (int64, bool) {
	sy, sm, sd := civil(r.start)
	fy, fm, fd := civil(from)
	base := int64(sy)*12 + int64(sm-1)
	mi := int64(fy)*12 + int64(fm-1)
	if rem := (mi - base) % r.n; rem != 0 {
		mi, fd = mi+r.n-rem, 1
	}
	for ; ; mi, fd = mi+r.n, 1 {
		y, m := int(mi/12), int(mi%12)+1
		first := dayNum(y, m, 1)
		if first > limit {
			return 0, false
		}
		if !r.monthOK(m) {
			continue
		}
		for d := fd; d <= jsonld.DaysIn(y, m); d++ {
			day := first + int64(d-1)
			if day > limit {
				return 0, false
			}
			if r.monthDayOK(d, sd, day) {
				return day, true
			}
		}
	}
}

func (r *Rule) monthDayOK(d, startDay int, day int64) bool {
	switch {
	case r.hasByMonthDay:
		return r.byMonthDay&(1<<d) != 0 && (r.byDay == 0 || r.dayOK(day))
	case r.byDay != 0:
		return r.dayOK(day)
	}
	return d == startDay
}

// nextY: years ≡ 0 (mod n) and (month, day) equal startDate's.
func (r *Rule) nextY(from, limit int64) (int64, bool) {
	sy, sm, sd := civil(r.start)
	fy, _, _ := civil(from)
	y := int64(fy)
	if rem := (y - int64(sy)) % r.n; rem != 0 {
		y += r.n - rem
	}
	for ; y <= 9999; y += r.n {
		if sd > jsonld.DaysIn(int(y), sm) || !r.monthOK(sm) {
			continue
		}
		d := dayNum(int(y), sm, sd)
		if d > limit {
			return 0, false
		}
		if d >= from {
			return d, true
		}
	}
	return 0, false
}

// stopDay is startDate + 400 × n years: a rule with no qualifying date by
// then never has one (§8.4).
func (r *Rule) stopDay() int64 {
	y, m, d := civil(r.start)
	if r.n > 25 || int64(y)+400*r.n > 9999 {
		return lastDay
	}
	ny := y + 400*int(r.n)
	return dayNum(ny, m, min(d, jsonld.DaysIn(ny, m)))
}
