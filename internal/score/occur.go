package score

import (
	"sort"
	"strconv"
	"time"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
	"github.com/feedgauge/feedgauge/internal/score/schedule"
)

// startInfo is a parsed startDate.
type startInfo struct {
	at time.Time
	ok bool
}

// startOf parses an entity's startDate once (§8.1.5: an offset-less
// date-time or a date is Europe/London).
func (s *scorer) startOf(e *entity) startInfo {
	if !e.startKnown {
		e.startKnown = true
		e.start = s.parseStart(e.chosen.obj)
		e.cancelled = isCancelled(e.chosen.obj)
	}
	return e.start
}

func (s *scorer) parseStart(obj *jsonld.Value) startInfo {
	str, ok := obj.Get("startDate").Str()
	if !ok {
		return startInfo{}
	}
	t, _, ok := jsonld.ParseStart(str, s.london)
	return startInfo{at: t, ok: ok}
}

// isCancelled: a cancelled or postponed child is neither an occurrence nor a
// source (§8.3.3).
func isCancelled(obj *jsonld.Value) bool {
	for _, it := range jsonld.Items(obj.Get("eventStatus")) {
		if v, ok := it.Str(); ok {
			switch jsonld.NormSchemaIRI(v) {
			case "https://schema.org/EventCancelled", "https://schema.org/EventPostponed":
				return true
			}
		}
	}
	return false
}

func (s *scorer) inWindow(t time.Time) bool { return !t.Before(s.T) && !t.After(s.end) }

func (a *activity) offerNext(t time.Time) {
	if !t.Before(a.next) && a.hasNext {
		return
	}
	a.next, a.hasNext = t, true
}

// prepare finds the activity's occurrences at T, its next occurrence and
// its sources in §8.3.6 order.
func (s *scorer) prepare(a *activity) {
	for _, c := range a.children {
		st := s.startOf(c)
		switch {
		case c.cancelled:
		case !st.ok:
			a.checked = append(a.checked, c)
		case !st.at.Before(s.T):
			a.offerNext(st.at)
			if s.inWindow(st.at) {
				a.occs = append(a.occs, c)
			}
		}
	}
	sort.Slice(a.occs, func(i, j int) bool {
		ti, tj := a.occs[i].start.at, a.occs[j].start.at
		if !ti.Equal(tj) {
			return ti.Before(tj)
		}
		return a.occs[i].key < a.occs[j].key
	})
	a.inWindow = len(a.occs)
	a.checked = append(append([]*entity{}, a.occs...), a.checked...)
	if a.own != nil {
		s.ownDates(a)
	}
	if !a.hasNext && len(a.children) == 0 && a.own != nil && a.own.Get("eventSchedule") == nil && a.own.Get("startDate") == nil {
		a.note("no startDate, eventSchedule or sessions, so there are no dated occurrences")
	}
	a.sources = make([]*jsonld.Value, 0, len(a.occs)+2)
	if a.own != nil {
		a.sources = append(a.sources, a.own)
	}
	for _, o := range a.occs {
		a.sources = append(a.sources, o.chosen.obj)
	}
	if a.container != nil {
		a.sources = append(a.sources, a.container)
	}
	a.online = a.kind == "OnDemandEvent" || isOnline(a.own)
	for _, o := range a.occs {
		a.online = a.online || isOnline(o.chosen.obj)
	}
}

// ownDates adds the activity's own startDate and eventSchedule dates.
func (s *scorer) ownDates(a *activity) {
	if sd := a.own.Get("startDate"); sd != nil {
		if st := s.parseStart(a.own); st.ok {
			s.offerOwn(a, st.at)
		} else {
			a.note("startDate " + describe(sd) + " is not a date or date-time, so it gives no occurrence")
		}
	}
	for i, it := range jsonld.Items(a.own.Get("eventSchedule")) {
		label := "eventSchedule[" + strconv.Itoa(i) + "]: "
		if !it.IsObject() {
			a.note(label + "not an object")
			continue
		}
		rule, why := schedule.Parse(it, s.zone, s.london)
		if rule == nil {
			a.note(label + why)
			continue
		}
		w, why := rule.Expand(s.T, s.end)
		if why != "" {
			a.note(label + why)
		}
		if w.HasNext {
			a.offerNext(w.Next)
		}
		a.inWindow += len(w.InWindow)
	}
}

func (s *scorer) offerOwn(a *activity, t time.Time) {
	if t.Before(s.T) {
		return
	}
	a.offerNext(t)
	if s.inWindow(t) {
		a.inWindow++
	}
}

func (a *activity) note(s string) { a.notes = append(a.notes, s) }

// isOnline: eventAttendanceMode is OnlineEventAttendanceMode (§8.3.7).
func isOnline(obj *jsonld.Value) bool {
	for _, it := range jsonld.Items(obj.Get("eventAttendanceMode")) {
		if v, ok := it.Str(); ok && jsonld.NormSchemaIRI(v) == "https://schema.org/OnlineEventAttendanceMode" {
			return true
		}
	}
	return false
}

func describe(v *jsonld.Value) string {
	if s, ok := v.Str(); ok {
		return strconv.Quote(s)
	}
	switch {
	case v == nil:
		return "(missing)"
	case v.Kind == jsonld.Number:
		return v.S
	case v.Kind == jsonld.Null:
		return "null"
	case v.Kind == jsonld.Bool:
		return strconv.FormatBool(v.B)
	case v.Kind == jsonld.Array:
		return "(a list)"
	}
	return "(an object)"
}
