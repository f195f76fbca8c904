package score

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
	"github.com/feedgauge/feedgauge/internal/score/schedule"
)

// london is the zone of offset-less date-times (§8.1.5). The zone database
// is embedded (reference.go imports time/tzdata), so loading cannot fail.
var london = mustLoad("Europe/London")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("score: " + err.Error())
	}
	return loc
}

// zones caches scheduleTimezone names that loaded; failures are not kept,
// so hostile names cannot grow it.
var zones sync.Map // name → *time.Location

// zone resolves an IANA zone name; "Local" and "" are not zone names.
func zone(name string) *time.Location {
	if name == "" || name == "Local" {
		return nil
	}
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	zones.Store(name, loc)
	return loc
}

// readDates reads startDate, eventSchedule, eventStatus and
// eventAttendanceMode. Schedules are parsed here, once; a schedule that
// can never give a date leaves only its reason.
func readDates(obj *keyed, f *objFacts) {
	sd := obj.get(kStartDate)
	f.hasStart = sd != nil
	if str, ok := sd.Str(); ok {
		var dt jsonld.DateTime
		f.start, dt, f.startOK = jsonld.ParseStart(str, london)
		f.zoned = f.startOK && dt.HasOffset
	}
	if sd != nil && !f.startOK {
		m := f.more()
		m.dateNotes = append(m.dateNotes, "startDate "+describe(sd)+" is not a date or date-time, so it gives no occurrence")
	}
	es := obj.get(kEventSchedule)
	f.hasSched = es != nil
	for i, it := range jsonld.Items(es) {
		m := f.more() // an eventSchedule entry gives a rule or a note
		label := "eventSchedule[" + strconv.Itoa(i) + "]: "
		if !it.IsObject() {
			m.dateNotes = append(m.dateNotes, label+"not an object")
			continue
		}
		rule, why := schedule.Parse(it, zone, london)
		if rule != nil {
			why = rule.Barren()
		}
		if why != "" {
			m.dateNotes = append(m.dateNotes, label+why)
			continue
		}
		m.rules = append(m.rules, rule)
	}
	f.set(flagCancelled, isCancelled(obj.get(kEventStatus)))
	f.set(flagOnline, isOnline(obj.get(kAttendanceMode)))
}

// isCancelled: a cancelled or postponed child is neither an occurrence nor a
// source (§8.3.3).
func isCancelled(status *jsonld.Value) bool {
	for it := range jsonld.EachItem(status) {
		if v, ok := it.Str(); ok {
			switch jsonld.NormSchemaIRI(v) {
			case "https://schema.org/EventCancelled", "https://schema.org/EventPostponed":
				return true
			}
		}
	}
	return false
}

// isOnline: eventAttendanceMode is OnlineEventAttendanceMode (§8.3.7).
func isOnline(mode *jsonld.Value) bool {
	for it := range jsonld.EachItem(mode) {
		if v, ok := it.Str(); ok && jsonld.NormSchemaIRI(v) == "https://schema.org/OnlineEventAttendanceMode" {
			return true
		}
	}
	return false
}

// kid is a dated child: its start and its facts, kept side by side so
// that finding the occurrences at T is a binary search over one array.
type kid struct {
	start time.Time
	f     *objFacts
	key   string
}

// sortChildren splits an activity's children once, when the dataset is
// prepared: dated children by start then key, so that at any T the
// occurrences are one contiguous run of them, and children whose start
// cannot be read (as.4 looks at those), in child order. Cancelled children
// are neither. The dated list is cut from kids.
func (a *activity) sortChildren(kids *slab[kid]) {
	a.dated = kids.take(len(a.children))[:0]
	for _, c := range a.children {
		switch f := c.facts(); {
		case f.flags.has(flagCancelled):
		case !f.startOK:
			a.undated = append(a.undated, f)
		default:
			a.dated = append(a.dated, kid{start: f.start, f: f, key: c.key})
		}
	}
	slices.SortFunc(a.dated, func(x, y kid) int {
		if c := x.start.Compare(y.start); c != 0 {
			return c
		}
		return strings.Compare(x.key, y.key)
	})
}

// view is an activity at T as the checks see it.
type view struct {
	*activity
	occs     []kid // non-cancelled children starting in [T, T+H], by start then key
	next     time.Time
	hasNext  bool
	inWindow int
	online   bool
	srcs     []*objFacts // own, occurrences, container (§8.3.6)
	orgs     []*orgFacts // organizer then provider objects of each source
	flags    flags       // of all sources, ORed
	present  keyMask     // of all sources, ORed
}

func (v *view) offerNext(t time.Time) {
	if !v.hasNext || t.Before(v.next) {
		v.next, v.hasNext = t, true
	}
}

// occurrences finds the activity's occurrences at T, its next occurrence
// and its sources in §8.3.6 order, into v (whose buffers are reused).
func (s *scorer) occurrences(a *activity, v *view) {
	*v = view{activity: a, srcs: v.srcs[:0], orgs: v.orgs[:0]}
	lo := sort.Search(len(a.dated), func(i int) bool { return !a.dated[i].start.Before(s.T) })
	hi := lo + sort.Search(len(a.dated)-lo, func(i int) bool { return a.dated[lo+i].start.After(s.end) })
	v.occs, v.inWindow = a.dated[lo:hi], hi-lo
	if lo < len(a.dated) {
		v.offerNext(a.dated[lo].start)
	}
	if own := a.own; own != nil {
		if own.startOK && !own.start.Before(s.T) {
			v.offerNext(own.start)
			if !own.start.After(s.end) {
				v.inWindow++
			}
		}
		for _, r := range own.rules {
			next, ok, n := r.Count(s.T, s.end)
			if ok {
				v.offerNext(next)
			}
			v.inWindow += n
		}
		v.add(own)
	}
	for i := range v.occs {
		v.add(v.occs[i].f)
	}
	// The container is a source, but does not make the activity online.
	v.online = a.kind == "OnDemandEvent" || v.flags.has(flagOnline)
	if a.container != nil {
		v.add(a.container)
	}
}

func (v *view) add(src *objFacts) {
	v.srcs = append(v.srcs, src)
	v.orgs = append(v.orgs, src.orgs...)
	v.flags |= src.flags
	v.present |= src.present
}

// dateNotes says why upcoming is what it is, for explanations.
func (v *view) dateNotes() []string {
	if v.own == nil {
		return nil
	}
	notes := v.own.dateNotes
	if !v.hasNext && len(v.children) == 0 && !v.own.hasSched && !v.own.hasStart {
		notes = append(notes[:len(notes):len(notes)], "no startDate, eventSchedule or sessions, so there are no dated occurrences")
	}
	return notes
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
