package score

import (
	"strconv"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// changeInfo is an item's change time (§8.2.4–§8.2.5).
type changeInfo struct {
	at    time.Time
	known bool
}

// newPdoc reads an item's change time as far as it does not depend on T:
// its `modified` as a time when its feed orders by timestamp and the value
// is plausible; otherwise the start of the harvest that first stored that
// version, unknown when that was during the feed's first harvest.
func newPdoc(d *Decoded, ordering domain.Ordering) pdoc {
	p := pdoc{d: d}
	if ordering == domain.OrderingTimestamp && d.modOK && !d.mod.Before(minPlausible) {
		p.mod, p.modOK = d.mod, true
	}
	if !d.firstHarvest && !d.firstSeen.IsZero() {
		p.seen, p.seenOK = d.firstSeen.UTC(), true
	}
	return p
}

// changeOf is the change time of one item at T: a `modified` after
// T + 24 h is implausible.
func (s *scorer) changeOf(d *pdoc) changeInfo {
	if d.modOK && !d.mod.After(s.latestChange) {
		return changeInfo{at: d.mod, known: true}
	}
	return changeInfo{at: d.seen, known: d.seenOK}
}

// modifiedTime decodes a timestamp feed's `modified`: ASCII digits are Unix
// milliseconds when ≥ 10^11, else seconds; a date-time with an offset is
// that instant; nothing else is a time.
func modifiedTime(m string, london *time.Location) (time.Time, bool) {
	if m != "" && allDigits(m) {
		if len(m) > 18 {
			return time.Time{}, false // beyond any plausible time
		}
		n, err := strconv.ParseInt(m, 10, 64)
		if err != nil {
			return time.Time{}, false
		}
		if n >= 100_000_000_000 {
			return time.UnixMilli(n).UTC(), true
		}
		return time.Unix(n, 0).UTC(), true
	}
	dt, ok := jsonld.ParseDateTime(m)
	if !ok || !dt.HasOffset {
		return time.Time{}, false
	}
	t, _, ok := jsonld.ParseStart(m, london)
	return t, ok
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// lastChange is the latest known change time over the item carrying the
// activity, every item holding a copy of it, and every copy of every child,
// cancelled ones included (§8.2.6, §8.14.6).
func (s *scorer) lastChange(a *activity) changeInfo {
	if c := a.changes; !c.modAny || !c.modMax.After(s.latestChange) {
		return c.at()
	}
	var best changeInfo
	a.eachDoc(func(d *pdoc) {
		if c := s.changeOf(d); c.known && (!best.known || c.at.After(best.at)) {
			best = c
		}
	})
	return best
}

// eachDoc visits the items whose change times count for the activity.
func (a *activity) eachDoc(f func(*pdoc)) {
	f(a.doc)
	if a.ent != nil {
		for i := range a.ent.nodes {
			f(a.ent.nodes[i].doc)
		}
	}
	for _, c := range a.children {
		for i := range c.nodes {
			f(c.nodes[i].doc)
		}
	}
}

// changeSummary is lastChange prepared: the latest plausible `modified`
// and the latest first-seen time of the items without one. While no
// `modified` is later than T + 24 h — nearly always — the last change at T
// is the later of the two; otherwise lastChange reads each item.
type changeSummary struct {
	modMax, seenMax time.Time
	modAny, seenAny bool
}

func (a *activity) summariseChanges() changeSummary {
	var c changeSummary
	a.eachDoc(func(d *pdoc) {
		switch {
		case d.modOK:
			if !c.modAny || d.mod.After(c.modMax) {
				c.modMax, c.modAny = d.mod, true
			}
		case d.seenOK:
			if !c.seenAny || d.seen.After(c.seenMax) {
				c.seenMax, c.seenAny = d.seen, true
			}
		}
	})
	return c
}

func (c changeSummary) at() changeInfo {
	switch {
	case c.modAny && (!c.seenAny || !c.seenMax.After(c.modMax)):
		return changeInfo{at: c.modMax, known: true}
	case c.seenAny:
		return changeInfo{at: c.seenMax, known: true}
	}
	return changeInfo{}
}

// freshness computes upcoming and recent in halves (§2, §8.2).
func (s *scorer) freshness(v *view, lc changeInfo) (upcoming, recent half) {
	switch {
	case v.hasNext && !v.next.After(s.end):
		upcoming = 2
	case v.hasNext:
		upcoming = 1
	}
	switch {
	case !lc.known:
		recent = 1
	case !lc.at.Before(s.recentFull):
		recent = 2
	case !lc.at.Before(s.recentHalf):
		recent = 1
	}
	return upcoming, recent
}

// freshnessScore = round(100 × (wu × upcoming + wr × recent)), exactly.
func freshnessScore(p *Profile, upcoming, recent half) int {
	num := 100 * (int64(p.wUpcoming)*int64(upcoming) + int64(p.wRecent)*int64(recent))
	return roundDiv(num, 2*int64(fixedOne))
}
