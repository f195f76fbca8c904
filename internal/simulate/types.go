package simulate

import (
	"fmt"
	"time"
)

func (w *world) sessionSeries(j *jw, f *feed, s int, ver uint16, ctx bool) {
	p := w.profile(f, s)
	w.header(j, f, "SessionSeries", uint32(s), ctx)
	j.kv("name", p.name)
	if p.desc != "" {
		j.kv("description", p.desc)
	}
	w.activity(j, f.ds, p)
	w.organizer(j, f.ds, p, "organizer")
	w.location(j, f.ds, p)
	w.offers(j, f.ds, p, ver)
	w.extras(j, f, p, uint32(s))
	w.schedule(j, f, p, w.versionTime(f, s, ver))
	j.close()
}

// schedule writes a weekly eventSchedule starting at the version's date,
// so a series always has upcoming dates.
func (w *world) schedule(j *jw, f *feed, p profile, from int64) {
	k := f.ds.keys()
	j.karr("eventSchedule")
	j.open()
	j.kv(k.typ, "Schedule")
	j.karr("byDay")
	j.str("https://schema.org/" + weekdays[p.dayOfWeek])
	j.closeArr()
	j.kv("startTime", fmt.Sprintf("%02d:00", p.hour))
	j.kv("endTime", fmt.Sprintf("%02d:00", p.hour+1))
	j.kv("duration", "PT1H")
	j.kv("repeatFrequency", "P1W")
	j.kv("startDate", time.Unix(from, 0).UTC().Format("2006-01-02"))
	j.kv("scheduleTimezone", "Europe/London")
	j.kv("scheduledEventType", "ScheduledSession")
	j.close()
	j.closeArr()
}

// parentRef writes the link from a child to its parent: by @id, inline
// (inline-parents fault), or to a parent that does not exist (orphans).
func (w *world) parentRef(j *jw, f *feed, s int, prop string) {
	pf, ps := f.parent, s/f.perParent
	h := hash(w.seed, sOrphan, uint64(f.ds.idx), uint64(s))
	if _, ok := f.fault("orphans"); ok && unit(h) < 0.2 {
		j.kv(prop, pf.atID(uint32(pf.slots+ps))+"-missing")
		return
	}
	if _, ok := f.fault("inline-parents"); ok && unit(mix(h)) < 0.6 {
		j.key(prop)
		if pf.spec.typ == "SessionSeries" {
			w.sessionSeries(j, pf, ps, 0, false)
		} else {
			w.facilityUse(j, pf, ps, 0, false)
		}
		return
	}
	if f.ifu && pf.spec.typ == "FacilityUse" {
		j.kv(prop, ifuID(pf, ps, s%f.perParent))
		return
	}
	j.kv(prop, pf.atID(uint32(ps)))
}

func ifuID(fu *feed, s, k int) string {
	return fmt.Sprintf("%s/individual-facility-uses/%d", fu.atID(uint32(s)), k+1)
}

func (w *world) scheduledSession(j *jw, f *feed, e entry) {
	s, g := splitKey(e.key, f.slots)
	st := w.stream(f, s)
	start := st.start(g)
	w.header(j, f, "ScheduledSession", e.key, true)
	w.parentRef(j, f, s, "superEvent")
	j.kdate("startDate", start)
	j.kdate("endDate", start+3600)
	j.kv("duration", "PT1H")
	j.kv("eventStatus", "https://schema.org/EventScheduled")
	j.kn("maximumAttendeeCapacity", 20)
	j.kn("remainingAttendeeCapacity", int64(20-int(e.ver)*5-s%7))
	j.close()
}

func (w *world) facilityUse(j *jw, f *feed, s int, ver uint16, ctx bool) {
	p := w.profile(f, s)
	k := f.ds.keys()
	w.header(j, f, "FacilityUse", uint32(s), ctx)
	j.kv("name", p.facility.Label+" hire")
	if p.desc != "" {
		j.kv("description", fmt.Sprintf("Book a %s at %s. Equipment hire is available at reception.", p.facility.Label, p.venue))
	}
	if p.has[fActID] {
		j.karr("facilityType")
		w.concept(j, k, p.facility, "https://openactive.io/facility-types")
		j.closeArr()
	}
	w.activity(j, f.ds, p)
	w.organizer(j, f.ds, p, "provider")
	w.location(j, f.ds, p)
	w.offers(j, f.ds, p, ver)
	w.extras(j, f, p, uint32(s))
	j.karr("hoursAvailable")
	j.open()
	j.kv(k.typ, "OpeningHoursSpecification")
	j.key("dayOfWeek")
	j.raw(`["https://schema.org/Monday","https://schema.org/Wednesday","https://schema.org/Friday"]`)
	j.kv("opens", "07:00")
	j.kv("closes", "22:00")
	j.close()
	j.closeArr()
	if f.ifu {
		j.karr("individualFacilityUse")
		for n := 0; n < w.cfg.ChildrenPerParent; n++ {
			j.open()
			j.kv(k.typ, "IndividualFacilityUse")
			j.kv(k.id, ifuID(f, s, n))
			j.kv("name", fmt.Sprintf("%s %d", p.facility.Label, n+1))
			j.close()
		}
		j.closeArr()
	}
	j.close()
}

func (w *world) slot(j *jw, f *feed, e entry) {
	s, g := splitKey(e.key, f.slots)
	st := w.stream(f, s)
	start := st.start(g)
	k := f.ds.keys()
	w.header(j, f, "Slot", e.key, true)
	w.parentRef(j, f, s, "facilityUse")
	j.kdate("startDate", start)
	j.kdate("endDate", start+3600)
	j.kv("duration", "PT1H")
	j.kn("remainingUses", int64(1-int(e.ver)))
	j.kn("maximumUses", 1)
	j.karr("offers")
	j.open()
	j.kv(k.typ, "Offer")
	j.kv("name", "Non-member")
	j.key("price")
	j.raw("37.50")
	j.kv("priceCurrency", "GBP")
	j.close()
	j.closeArr()
	j.close()
}

func (w *world) event(j *jw, f *feed, s int, ver uint16) {
	p := w.profile(f, s)
	k := f.ds.keys()
	_, _, period := w.parentLife(f, s)
	start := w.versionTime(f, s, ver) + period + day*int64(1+s%14)
	start = start - start%day + int64(p.hour)*3600
	w.header(j, f, "Event", uint32(s), true)
	j.kv("name", p.name)
	if p.desc != "" {
		j.kv("description", p.desc)
	}
	j.kdate("startDate", start)
	j.kdate("endDate", start+5400)
	j.kv("duration", "PT1H30M")
	w.activity(j, f.ds, p)
	w.organizer(j, f.ds, p, "organizer")
	w.location(j, f.ds, p)
	w.offers(j, f.ds, p, ver)
	w.extras(j, f, p, uint32(s))
	j.kobj("superEvent")
	j.kv(k.typ, "EventSeries")
	j.kv(k.id, "https://"+f.ds.slug+".example.org/api/event-series/"+slugify(p.name))
	j.kv("name", p.name)
	w.organizer(j, f.ds, p, "organizer")
	j.close()
	j.close()
}

func (w *world) course(j *jw, f *feed, s int, ver uint16) {
	p := w.profile(f, s)
	k := f.ds.keys()
	_, _, period := w.parentLife(f, s)
	start := w.versionTime(f, s, ver) + period + day*int64(1+s%21)
	start = start - start%day + int64(p.hour)*3600
	w.header(j, f, "CourseInstance", uint32(s), true)
	j.kv("name", p.name+" course")
	if p.desc != "" {
		j.kv("description", p.desc)
	}
	j.kdate("startDate", start)
	j.kdate("endDate", start+day*7*int64(6+s%5))
	w.activity(j, f.ds, p)
	w.organizer(j, f.ds, p, "organizer")
	w.location(j, f.ds, p)
	w.offers(j, f.ds, p, ver)
	w.extras(j, f, p, uint32(s))
	j.kobj("instanceOfCourse")
	j.kv(k.typ, "Course")
	j.kv(k.id, "https://"+f.ds.slug+".example.org/api/courses/"+slugify(p.name))
	j.kv("name", p.name)
	j.close()
	w.schedule(j, f, p, start)
	j.close()
}

func (w *world) onDemand(j *jw, f *feed, s int, ver uint16) {
	p := w.profile(f, s)
	w.header(j, f, "OnDemandEvent", uint32(s), true)
	j.kv("name", p.name+" at home")
	if p.desc != "" {
		j.kv("description", p.desc)
	}
	j.kv("duration", "PT30M")
	w.activity(j, f.ds, p)
	w.organizer(j, f.ds, p, "organizer")
	w.offers(j, f.ds, p, ver)
	w.extras(j, f, p, uint32(s))
	j.close()
}
