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

var minPlausible = time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)

// changeOf is the change time of one item: its `modified` read as a time
// when its feed orders by timestamp and the value is plausible; otherwise
// the start of the harvest that first stored that version, unknown when that
// was during the feed's first harvest.
func (s *scorer) changeOf(d *doc) changeInfo {
	if c, ok := s.changes[d]; ok {
		return c
	}
	c := s.decodeChange(d.item)
	s.changes[d] = c
	return c
}

func (s *scorer) decodeChange(it *domain.Item) changeInfo {
	if s.ordering[it.FeedURL] == domain.OrderingTimestamp {
		if t, ok := modifiedTime(it.Modified, s.london); ok && !t.Before(minPlausible) && !t.After(s.T.Add(24*time.Hour)) {
			return changeInfo{at: t, known: true}
		}
	}
	if it.FirstHarvest || it.FirstSeen.IsZero() {
		return changeInfo{}
	}
	return changeInfo{at: it.FirstSeen.UTC(), known: true}
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
	var best changeInfo
	take := func(d *doc) {
		if c := s.changeOf(d); c.known && (!best.known || c.at.After(best.at)) {
			best = c
		}
	}
	take(a.doc)
	if a.ent != nil {
		for _, n := range a.ent.nodes {
			take(n.doc)
		}
	}
	for _, c := range a.children {
		for _, n := range c.nodes {
			take(n.doc)
		}
	}
	return best
}

// freshness computes upcoming and recent in halves (§2, §8.2).
func (s *scorer) freshness(a *activity, lc changeInfo) (upcoming, recent half) {
	switch {
	case a.hasNext && !a.next.After(s.end):
		upcoming = 2
	case a.hasNext:
		upcoming = 1
	}
	p := s.ref.Profile
	switch {
	case !lc.known:
		recent = 1
	case !lc.at.Before(s.T.Add(-time.Duration(p.RecentFullDays) * 24 * time.Hour)):
		recent = 2
	case !lc.at.Before(s.T.Add(-time.Duration(p.RecentHalfDays) * 24 * time.Hour)):
		recent = 1
	}
	return upcoming, recent
}

// freshnessScore = round(100 × (wu × upcoming + wr × recent)), exactly.
func freshnessScore(p *Profile, upcoming, recent half) int {
	num := 100 * (int64(p.wUpcoming)*int64(upcoming) + int64(p.wRecent)*int64(recent))
	return roundDiv(num, 2*int64(fixedOne))
}
