package score

import (
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

func keys(res Result) []string {
	var k []string
	for _, a := range res.Activities {
		k = append(k, a.ActivityID)
	}
	return k
}

func TestOrphansGroupedByMissingParent(t *testing.T) {
	res := scoreItems(t, testT,
		sessionAt(t, 1, "https://example.org/missing", testT.Add(time.Hour)),
		sessionAt(t, 2, "https://example.org/missing", testT.Add(2*time.Hour)),
		item(t, feedA, "e", obj{"@type": "Event", "@id": "https://example.org/ev", "startDate": testT.Add(time.Hour).Format(time.RFC3339)}),
		item(t, feedA, "lone", obj{"@type": "ScheduledSession", "@id": "https://example.org/lone", "startDate": "2026-03-03T10:00:00Z"}),
	)
	if len(res.Activities) != 3 {
		t.Fatalf("activities %v", keys(res))
	}
	ev, lone, orphan := res.Activities[0], res.Activities[1], res.Activities[2]
	if ev.Orphan || ev.Kind != "Event" || ev.Upcoming != 1 {
		t.Errorf("parentless Event is standalone: %+v", ev)
	}
	if !lone.Orphan || lone.Kind != "ScheduledSession" {
		t.Errorf("parentless ScheduledSession is flagged orphan: %+v", lone)
	}
	if orphan.ActivityID != "https://example.org/missing" || !orphan.Orphan || orphan.Occurrences != 2 || orphan.Kind != "ScheduledSession" {
		t.Errorf("orphan group: %+v", orphan)
	}
	for _, f := range res.Feeds {
		if f.FeedURL == feedB && f.Orphans != 2 {
			t.Errorf("feed orphans %d", f.Orphans)
		}
	}
}

func TestCyclicSuperEventTerminates(t *testing.T) {
	a := obj{"@type": "ScheduledSession", "@id": "https://example.org/a", "superEvent": "https://example.org/b", "startDate": "2026-03-03T10:00:00Z"}
	b := obj{"@type": "ScheduledSession", "@id": "https://example.org/b", "superEvent": obj{"@id": "https://example.org/a", "superEvent": "https://example.org/b"}}
	res := scoreItems(t, testT, item(t, feedA, "a", a), item(t, feedA, "b", b))
	if len(res.Activities) != 0 {
		t.Errorf("a cycle of children has no activity: %v", keys(res))
	}
}

func TestInlineParentAndCancelled(t *testing.T) {
	parent := obj{"@type": "EventSeries", "@id": "https://example.org/es", "name": "WOD"}
	ev := func(id, status string, at time.Time) obj {
		return obj{"@type": "Event", "@id": id, "superEvent": parent, "startDate": at.Format(time.RFC3339), "eventStatus": status}
	}
	res := scoreItems(t, testT,
		item(t, feedA, "1", ev("https://example.org/e1", "https://schema.org/EventScheduled", testT.Add(-time.Hour))),
		item(t, feedA, "2", ev("https://example.org/e2", "http://schema.org/EventCancelled", testT.Add(time.Hour))),
	)
	s := only(t, res)
	if s.ActivityID != "https://example.org/es" || s.Kind != "EventSeries" || s.Upcoming != 0 || s.Name != "WOD" {
		t.Errorf("inline EventSeries: %+v", s)
	}
}

func TestCopyChoiceAndOccurrenceDedup(t *testing.T) {
	s1 := with(fullSeries(), "name", "From feed A")
	s2 := with(fullSeries(), "name", "From feed B")
	sess := obj{"@type": "ScheduledSession", "@id": "https://example.org/x", "superEvent": "https://example.org/series/1",
		"startDate": testT.Add(time.Hour).Format(time.RFC3339)}
	inline := with(fullSeries(), "name", "Inline", "subEvent", []any{sess, "https://example.org/x"})
	res := scoreItems(t, testT, item(t, feedA, "1", s1), item(t, feedB, "1", s2), item(t, feedA, "2", sess), item(t, feedA, "0", inline))
	s := only(t, res)
	if s.Name != "From feed B" || s.FeedURL != feedB {
		t.Errorf("greater feed_url wins: %s %s", s.Name, s.FeedURL)
	}
	// One session (listed twice, counted once) + nine Mondays 10:00 London
	// from 2 March to 27 April (the last exactly at T+H).
	if s.Occurrences != 1+9 {
		t.Errorf("occurrences %d", s.Occurrences)
	}
}

func TestContainersFillAbsent(t *testing.T) {
	es := obj{"@type": "EventSeries", "@id": "https://example.org/es", "description": "Container description long enough to pass.", "name": "ES name"}
	ss := with(fullSeries(), "description", nil, "name", "Series", "superEvent", "https://example.org/es")
	res := scoreItems(t, testT, item(t, feedA, "es", es), item(t, feedA, "ss", ss))
	if len(res.Activities) != 2 {
		t.Fatalf("EventSeries top-level and SessionSeries: %v", keys(res))
	}
	s := res.Activities[1]
	if failedSet(s)["sp.2"] || s.Name != "Series" {
		t.Errorf("container fills description only: %v %s", s.FailedChecks, s.Name)
	}
}

func TestIndividualFacilityUse(t *testing.T) {
	fu := obj{"@type": "FacilityUse", "@id": "https://example.org/fu", "name": "Squash", "provider": obj{"name": "Leisure", "email": "l@x.org"},
		"individualFacilityUse": []any{obj{"@type": "IndividualFacilityUse", "@id": "https://example.org/ifu/1", "name": "Court 1"},
			obj{"@type": "IndividualFacilityUse", "@id": "https://example.org/ifu/2", "name": "Court 2"}}}
	slot := obj{"type": "Slot", "id": "https://example.org/slot/1", "facilityUse": "https://example.org/ifu/1", "startDate": testT.Add(time.Hour).Format(time.RFC3339)}
	res := scoreItems(t, testT, item(t, feedA, "fu", fu), item(t, feedB, "slot", slot))
	if len(res.Activities) != 2 || res.Activities[1].ActivityID != "https://example.org/ifu/1" {
		t.Fatalf("FacilityUse and Court 1 (Court 2 has no slot): %v", keys(res))
	}
	fuS, ifu := res.Activities[0], res.Activities[1]
	if fuS.Upcoming != 0 || ifu.Upcoming != 1 || failedSet(ifu)["sp.7"] || ifu.ItemID != "fu" {
		t.Errorf("slot belongs to the IFU only; IFU inherits provider: fu=%v ifu=%v %v", fuS.Upcoming, ifu.Upcoming, ifu.FailedChecks)
	}
}

func TestTenThousandSessions(t *testing.T) {
	items := []domain.Item{item(t, feedA, "1", with(fullSeries(), "eventSchedule", nil))}
	for i := 0; i < 10000; i++ {
		items = append(items, sessionAt(t, i, "https://example.org/series/1", testT.Add(time.Duration(i)*time.Minute)))
	}
	start := time.Now()
	s := only(t, scoreItems(t, testT, items...))
	if s.Occurrences != 10000 || time.Since(start) > 5*time.Second {
		t.Errorf("%d occurrences in %v", s.Occurrences, time.Since(start))
	}
}

func TestTombstonesAndUnreadable(t *testing.T) {
	del := domain.Item{FeedURL: feedA, RPDEID: "d", State: domain.StateDeleted}
	bad := item(t, feedA, "bad", `"just a string"`)
	res := scoreItems(t, testT, del, bad, item(t, feedA, "1", fullSeries()))
	for _, f := range res.Feeds {
		if f.FeedURL == feedA && (f.Deleted != 1 || f.Items != 2 || f.Unreadable != 1 || f.Activities != 1) {
			t.Errorf("feed stats %+v", f)
		}
	}
}
