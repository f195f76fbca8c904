// Package schedule expands OpenActive `Schedule` objects into occurrence
// start instants exactly as scoring.md §8.4 defines.
//
// It is hand-written rather than built on an RFC 5545 library (none is on
// the module proxy list, and rrule-go-style engines cannot express the
// method's rules): weeks are counted from startDate's Monday-start week, a
// `D` frequency that is a multiple of 7 with byDay is read as `W`, byDay
// items other than schema.org days or MO…SU void the whole schedule,
// repeatCount counts before exceptDate removal, and a 400 × n-year stop rule
// ends searches for rules that can never match. Dates are day numbers, so an
// unbounded schedule costs only the dates actually asked for.
package schedule

import (
	"time"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// Rule is a readable Schedule, ready to expand.
type Rule struct {
	start, end    int64 // day numbers; end inclusive
	h, mi, s      int
	freq          byte // 'D', 'W', 'M' or 'Y'
	n             int64
	byDay         uint8 // bit 0 = Monday; 0 = not given
	byMonth       uint16
	hasByMonth    bool
	byMonthDay    uint32
	hasByMonthDay bool
	count         int64
	hasCount      bool
	first         int64 // the first qualifying date, when firstOK
	firstOK       bool
	lastCounted   int64 // the repeatCount-th date (or the rule's last), when countedOK
	countedOK     bool
	loc           *time.Location
	london        *time.Location
	exceptAt      []time.Time
	exceptDays    []int64
}

// maxStep bounds n: any step longer than the whole date range behaves the
// same, and the bound keeps day arithmetic far from overflow.
const maxStep = 1 << 32

// Zones resolves IANA zone names; it returns nil for anything else.
type Zones func(name string) *time.Location

// Parse reads a Schedule object. It returns nil and a plain-words reason
// when the object yields no dates.
func Parse(obj *jsonld.Value, zones Zones, london *time.Location) (*Rule, string) {
	switch t := jsonld.TypeOf(obj); t {
	case "Schedule":
	case "PartialSchedule":
		return nil, "a PartialSchedule gives no dates"
	default:
		return nil, "eventSchedule entry is not a Schedule (@type " + quote(t) + ")"
	}
	r := &Rule{end: lastDay, london: london, loc: london}
	if why := r.readDates(obj); why != "" {
		return nil, why
	}
	if why := r.readFrequency(obj); why != "" {
		return nil, why
	}
	r.readFilters(obj)
	if name, ok := obj.Get("scheduleTimezone").Str(); ok {
		if loc := zones(name); loc != nil {
			r.loc = loc
		}
	}
	if k, ok := jsonld.WholeNumber(obj.Get("repeatCount"), 1<<40); ok {
		r.count, r.hasCount = k, true
	}
	r.readExceptions(obj.Get("exceptDate"))
	// The first date does not depend on T; finding it may scan up to the
	// 400 × n-year stop rule, so it is done once here.
	r.first, r.firstOK = r.next(r.start, r.stopDay())
	if r.hasCount && r.count > 0 && r.firstOK {
		r.lastCounted, r.countedOK = r.nth(r.count)
	}
	return r, ""
}

// maxCounted bounds the dates Parse walks to find where repeatCount ends.
const maxCounted = 100_000

// nth returns the n-th date (n ≥ 1), or the last date when the rule has
// fewer; false when that is more than maxCounted dates away. Dates count
// before exceptDate removal, so "index < repeatCount" is exactly "on or
// before the n-th date": with it, expansion can start near T instead of
// counting from startDate every time.
func (r *Rule) nth(n int64) (int64, bool) {
	day := r.first
	for i := int64(1); i < n; i++ {
		if i >= maxCounted {
			return 0, false
		}
		next, ok := r.next(day+1, lastDay)
		if !ok {
			break
		}
		day = next
	}
	return day, true
}

func quote(s string) string { return "\"" + s + "\"" }

// readDates reads startDate (first 10 characters), endDate and startTime.
func (r *Rule) readDates(obj *jsonld.Value) string {
	sd, ok := obj.Get("startDate").Str()
	if !ok || len(sd) < 10 {
		return "Schedule has no startDate"
	}
	y, m, d, ok := jsonld.ParseDate(sd[:10])
	if !ok {
		return "Schedule startDate " + quote(sd) + " is not a valid YYYY-MM-DD date"
	}
	r.start = dayNum(y, m, d)
	// An unreadable endDate means no end (§8.14.9).
	if ed, ok := obj.Get("endDate").Str(); ok && len(ed) >= 10 {
		if y, m, d, ok := jsonld.ParseDate(ed[:10]); ok {
			r.end = dayNum(y, m, d)
		}
	}
	st, ok := obj.Get("startTime").Str()
	if !ok || !r.readTime(st) {
		return "Schedule startTime is missing or not HH:MM / HH:MM:SS"
	}
	return ""
}

func (r *Rule) readTime(s string) bool {
	if (len(s) != 5 && len(s) != 8) || s[2] != ':' {
		return false
	}
	var ok bool
	if r.h, ok = two(s, 0); !ok || r.h > 23 {
		return false
	}
	if r.mi, ok = two(s, 3); !ok || r.mi > 59 {
		return false
	}
	if len(s) == 8 {
		if s[5] != ':' {
			return false
		}
		if r.s, ok = two(s, 6); !ok || r.s > 59 {
			return false
		}
	}
	return true
}

func two(s string, i int) (int, bool) {
	a, b := s[i], s[i+1]
	if a < '0' || a > '9' || b < '0' || b > '9' {
		return 0, false
	}
	return int(a-'0')*10 + int(b-'0'), true
}
