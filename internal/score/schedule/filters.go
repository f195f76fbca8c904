package schedule

import (
	"strconv"
	"time"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

var dayNames = map[string]uint8{
	"https://schema.org/Monday": 1 << 0, "MO": 1 << 0,
	"https://schema.org/Tuesday": 1 << 1, "TU": 1 << 1,
	"https://schema.org/Wednesday": 1 << 2, "WE": 1 << 2,
	"https://schema.org/Thursday": 1 << 3, "TH": 1 << 3,
	"https://schema.org/Friday": 1 << 4, "FR": 1 << 4,
	"https://schema.org/Saturday": 1 << 5, "SA": 1 << 5,
	"https://schema.org/Sunday": 1 << 6, "SU": 1 << 6,
}

// readFrequency reads repeatFrequency and byDay. An absent repeatFrequency
// with byDay means P1W; `D` with n a multiple of 7 and byDay is `W` n/7.
func (r *Rule) readFrequency(obj *jsonld.Value) string {
	if bd := obj.Get("byDay"); jsonld.Present(bd) {
		for _, it := range jsonld.Items(bd) {
			s, ok := it.Str()
			bit := dayNames[jsonld.NormSchemaIRI(s)]
			if !ok || bit == 0 {
				return "byDay item " + describe(it) + " is not a schema.org day or MO…SU, so the schedule gives no dates"
			}
			r.byDay |= bit
		}
	}
	rf := obj.Get("repeatFrequency")
	if jsonld.Absent(rf) {
		if r.byDay == 0 {
			return "Schedule has neither repeatFrequency nor byDay"
		}
		r.freq, r.n = 'W', 1
		return ""
	}
	s, _ := rf.Str()
	if !r.readPeriod(s) {
		return "repeatFrequency " + describe(rf) + " does not match P<n>D, P<n>W, P<n>M or P<n>Y with n ≥ 1"
	}
	if r.freq == 'D' && r.n%7 == 0 && r.byDay != 0 {
		r.freq, r.n = 'W', r.n/7
	}
	return ""
}

// readPeriod matches `^P([1-9][0-9]*)([DWMY])$`.
func (r *Rule) readPeriod(s string) bool {
	if len(s) < 3 || s[0] != 'P' || s[1] < '1' || s[1] > '9' {
		return false
	}
	unit := s[len(s)-1]
	if unit != 'D' && unit != 'W' && unit != 'M' && unit != 'Y' {
		return false
	}
	digits := s[1 : len(s)-1]
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n > maxStep {
		n = maxStep
	}
	r.freq, r.n = unit, n
	return true
}

func describe(v *jsonld.Value) string {
	if s, ok := v.Str(); ok {
		return quote(s)
	}
	if v == nil {
		return "(missing)"
	}
	switch v.Kind {
	case jsonld.Number:
		return v.S
	case jsonld.Null:
		return "null"
	}
	return "(not a string)"
}

// readFilters reads byMonth and byMonthDay; items that are not whole numbers
// in range never match (a given list that matches nothing voids the dates
// through the stop rule).
func (r *Rule) readFilters(obj *jsonld.Value) {
	if bm := obj.Get("byMonth"); jsonld.Present(bm) {
		r.hasByMonth = true
		for _, it := range jsonld.Items(bm) {
			if k, ok := jsonld.WholeNumber(it, 100); ok && k >= 1 && k <= 12 {
				r.byMonth |= 1 << k
			}
		}
	}
	if bmd := obj.Get("byMonthDay"); jsonld.Present(bmd) {
		r.hasByMonthDay = true
		for _, it := range jsonld.Items(bmd) {
			if k, ok := jsonld.WholeNumber(it, 100); ok && k >= 1 && k <= 31 {
				r.byMonthDay |= 1 << k
			}
		}
	}
}

// readExceptions reads exceptDate: a date-time removes that instant (read
// by §8.1.5), a date removes that local date in the schedule's zone.
func (r *Rule) readExceptions(v *jsonld.Value) {
	for _, it := range jsonld.Items(v) {
		s, ok := it.Str()
		if !ok {
			continue
		}
		if y, m, d, ok := jsonld.ParseDate(s); ok {
			r.exceptDays = append(r.exceptDays, dayNum(y, m, d))
			continue
		}
		if t, _, ok := jsonld.ParseStart(s, r.london); ok {
			r.exceptAt = append(r.exceptAt, t)
		}
	}
}

func (r *Rule) excepted(day int64, at time.Time) bool {
	for _, d := range r.exceptDays {
		if d == day {
			return true
		}
	}
	for _, t := range r.exceptAt {
		if t.Equal(at) {
			return true
		}
	}
	return false
}
