package score

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

var benchT = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// BenchmarkScorePrepared is the pure scoring step: BenchmarkScoreDataset's
// 10,000 SessionSeries with weekly schedules and 80,000 ScheduledSessions,
// decoded and linked once, scored at T.
func BenchmarkScorePrepared(b *testing.B) {
	benchPrepared(b, benchDataset(10000, 8, benchT))
}

// BenchmarkScorePreparedMix scores a mixed dataset (see benchMix).
func BenchmarkScorePreparedMix(b *testing.B) {
	benchPrepared(b, benchMix(10000, benchT))
}

func benchPrepared(b *testing.B, in DatasetInput) {
	ref := testRef(b)
	p := Prepare(in)
	n := p.Activities()
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	for i := 0; i < b.N; i++ {
		if res := ScorePrepared(p, benchT, ref); len(res.Activities) != n {
			b.Fatalf("got %d activities", len(res.Activities))
		}
	}
	reportRate(b, n, cpu)
}

// reportRate reports activities per wall second and, where the process's
// CPU time is known, per CPU second (see processCPU).
func reportRate(b *testing.B, n int, cpuBefore time.Duration) {
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "activities/s")
	if used := processCPU() - cpuBefore; cpuBefore > 0 && used > 0 {
		b.ReportMetric(float64(n*b.N)/used.Seconds(), "activities/cpu-s")
	}
}

// BenchmarkScoreDatasetMix is decode + link + score of the mixed dataset.
func BenchmarkScoreDatasetMix(b *testing.B) {
	ref := testRef(b)
	in := benchMix(10000, benchT)
	n := len(ScoreDataset(in, benchT, ref).Activities)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	for i := 0; i < b.N; i++ {
		ScoreDataset(in, benchT, ref)
	}
	reportRate(b, n, cpu)
}

// BenchmarkCacheSnapshot is one pipeline step on BenchmarkScoreDataset's
// world: 1% of the items changed since the last snapshot; the cache
// re-decodes those, the dataset is linked again and scored at the next T.
func BenchmarkCacheSnapshot(b *testing.B) {
	ref := testRef(b)
	const n = 10000
	in := benchDataset(n, 8, benchT)
	next := changeSome(in, 100)
	c := NewCache()
	c.Prepare(in)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	for i := 0; i < b.N; i++ {
		snap := in
		if i%2 == 0 {
			snap = next
		}
		if res := ScorePrepared(c.Prepare(snap), benchT.Add(7*24*time.Hour), ref); len(res.Activities) != n {
			b.Fatalf("got %d activities", len(res.Activities))
		}
	}
	reportRate(b, n, cpu)
}

// BenchmarkCacheRescore is the demo's case on BenchmarkScoreDataset's
// world: the same stored items scored at successive T. The cache checks
// every item against the last snapshot and hands back the same Prepared.
func BenchmarkCacheRescore(b *testing.B) {
	ref := testRef(b)
	const n = 10000
	in := benchDataset(n, 8, benchT)
	c := NewCache()
	c.Prepare(in)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	for i := 0; i < b.N; i++ {
		T := benchT.Add(time.Duration(i%52) * 7 * 24 * time.Hour)
		if res := ScorePrepared(c.Prepare(in), T, ref); len(res.Activities) != n {
			b.Fatalf("got %d activities", len(res.Activities))
		}
	}
	reportRate(b, n, cpu)
}

// changeSome returns a copy of in in which every step-th item has a new
// version: a new Seq and modified, and a changed name or start.
func changeSome(in DatasetInput, step int) DatasetInput {
	out := in
	out.Items = append([]domain.Item(nil), in.Items...)
	for i := 0; i < len(out.Items); i += step {
		it := &out.Items[i]
		it.Seq++
		it.Modified += "1"
		data := strings.Replace(string(it.Data), `"name":"`, `"name":"New `, 1)
		data = strings.Replace(data, `T1`, `T0`, 1)
		it.Data = []byte(data)
	}
	return out
}

// benchMix builds about n activities of the kinds real feeds publish, in
// four feeds: SessionSeries with weekly schedules and ScheduledSessions
// (40%), FacilityUses with two IndividualFacilityUses and their Slots
// (30%), standalone Events (20%), and EventSeries with inline Events
// (10%). Data quality varies: some items lack a postcode, an image or an
// organiser url, some sessions are cancelled or past.
func benchMix(n int, T time.Time) DatasetInput {
	const (
		seriesFeed = "https://example.org/feeds/session-series"
		sessFeed   = "https://example.org/feeds/scheduled-sessions"
		facFeed    = "https://example.org/feeds/facility-uses"
		slotFeed   = "https://example.org/feeds/slots"
		ccBY       = "https://creativecommons.org/licenses/by/4.0/"
	)
	in := DatasetInput{DatasetID: "https://example.org/mix", Feeds: []FeedInfo{
		{URL: seriesFeed, Ordering: domain.OrderingTimestamp}, {URL: sessFeed, Ordering: domain.OrderingTimestamp},
		{URL: facFeed, Ordering: domain.OrderingChangeNumber}, {URL: slotFeed, Ordering: domain.OrderingTimestamp}}}
	mod := fmt.Sprint(T.Add(-72 * time.Hour).Unix())
	seq := int64(0)
	add := func(feed, id, data string) {
		seq++
		it := domain.Item{FeedURL: feed, RPDEID: id, State: domain.StateUpdated, Modified: mod, Data: []byte(data),
			License: ccBY, Seq: seq, FirstSeen: T.Add(-30 * 24 * time.Hour)}
		in.Items = append(in.Items, it)
	}
	at := func(h int) string { return T.Add(time.Duration(h) * time.Hour).Format(time.RFC3339) }
	place := func(i int) string {
		pc := `"address":{"@type":"PostalAddress","streetAddress":"1 High St","postalCode":"NG7 2RD"},`
		if i%7 == 0 {
			pc = ""
		}
		return fmt.Sprintf(`{"@type":"Place","name":"Centre %d",%s"geo":{"@type":"GeoCoordinates","latitude":52.%d,"longitude":-1.%d}}`, i%40, pc, 900+i%90, 100+i%90)
	}
	org := func(i int) string {
		url := fmt.Sprintf(`"url":"https://club%d.example.org",`, i%300)
		if i%5 == 0 {
			url = ""
		}
		return fmt.Sprintf(`{"@type":"Organization","@id":"https://example.org/org/%d","name":"Club %d",%s"email":"c%d@example.org","beta:formalCriteriaMet":["https://example.org/criteria"]}`, i%300, i%300, url, i%300)
	}
	image := func(i int) string {
		if i%3 == 0 {
			return ""
		}
		return `"image":[{"@type":"ImageObject","url":"https://example.org/i.jpg"}],`
	}
	act := `"activity":[{"@type":"Concept","@id":"https://openactive.io/activity-list#6ca15167-51da-4d91-a1ae-8a45dc47b0ea","prefLabel":"Dance"}]`
	for i := 0; i < n; i++ {
		switch i % 10 {
		case 0, 1, 2, 3: // SessionSeries, schedule, 6 sessions (one cancelled, one past)
			id := fmt.Sprintf("https://example.org/session-series/%d", i)
			add(seriesFeed, fmt.Sprint(i), fmt.Sprintf(`{"@context":["https://openactive.io/","https://openactive.io/ns-beta"],"@type":"SessionSeries","@id":%q,"url":"https://example.org/s/%d",
"name":"Chair yoga %d","description":"A gentle seated yoga class for older adults, no experience needed.",%s,"location":%s,"organizer":%s,%s
"offers":[{"@type":"Offer","@id":"https://example.org/offer/%d","price":3.5,"priceCurrency":"GBP"}],"level":["Beginner"],"ageRange":{"@type":"QuantitativeValue","minValue":50},
"eventSchedule":[{"@type":"Schedule","repeatFrequency":"P1W","byDay":["https://schema.org/Monday","https://schema.org/Thursday"],"startDate":"2025-01-06","startTime":"10:00","endTime":"11:00","scheduleTimezone":"Europe/London","exceptDate":["2026-03-12"]}]}`,
				id, i, i, act, place(i), org(i), image(i), i))
			for k := 0; k < 6; k++ {
				status := "https://schema.org/EventScheduled"
				if k == 3 {
					status = "https://schema.org/EventCancelled"
				}
				add(sessFeed, fmt.Sprintf("%d-%d", i, k), fmt.Sprintf(`{"@context":"https://openactive.io/","@type":"ScheduledSession","@id":"%s/sessions/%d","superEvent":%q,"startDate":%q,"endDate":%q,"duration":"PT1H","eventStatus":%q,"remainingAttendeeCapacity":%d}`,
					id, k, id, at(k*84-24), at(k*84-23), status, k))
			}
		case 4, 5, 6: // FacilityUse with two IndividualFacilityUses, 4 slots each
			id := fmt.Sprintf("https://example.org/facility-uses/%d", i)
			add(facFeed, fmt.Sprint(i), fmt.Sprintf(`{"@context":"https://openactive.io/","@type":"FacilityUse","@id":%q,"url":"https://example.org/f/%d","name":"Squash courts","description":"Two glass-backed squash courts, book up to a week ahead.",
"provider":%s,"location":%s,%s"facilityType":[{"@type":"Concept","@id":"https://openactive.io/facility-types#a1f82b7a-1258-4d9a-8dc5-bfc2ae961651","prefLabel":"Squash Court"}],
"individualFacilityUse":[{"@type":"IndividualFacilityUse","@id":"%s/court/1","name":"Court 1"},{"@type":"IndividualFacilityUse","@id":"%s/court/2","name":"Court 2"}]}`,
				id, i, org(i), place(i), image(i), id, id))
			for c := 1; c <= 2; c++ {
				for k := 0; k < 4; k++ {
					add(slotFeed, fmt.Sprintf("%d-%d-%d", i, c, k), fmt.Sprintf(`{"@context":"https://openactive.io/","@type":"Slot","@id":"%s/court/%d/slots/%d","facilityUse":"%s/court/%d","startDate":%q,"duration":"PT40M","remainingUses":1,"maximumUses":1,"offers":[{"@type":"Offer","price":9.2,"priceCurrency":"GBP"}]}`,
						id, c, k, id, c, at(k*30+c)))
				}
			}
		case 7, 8: // a standalone Event
			add(seriesFeed, fmt.Sprint("e", i), fmt.Sprintf(`{"@context":"https://openactive.io/","@type":"Event","@id":"https://example.org/events/%d","url":"https://example.org/e/%d","name":"Park run %d","description":"A free timed 5k run around the park, every Saturday morning.",%s,
"location":%s,"organizer":%s,%s"startDate":%q,"endDate":%q,"isAccessibleForFree":true,"eventAttendanceMode":"https://schema.org/OfflineEventAttendanceMode","leader":[{"@type":"Person","name":"Sam"}]}`,
				i, i, i, act, place(i), org(i), image(i), at(i%500), at(i%500+1)))
		case 9: // an EventSeries with three inline Events
			var evs []string
			for k := 0; k < 3; k++ {
				evs = append(evs, fmt.Sprintf(`{"@type":"Event","@id":"https://example.org/event-series/%d/events/%d","startDate":%q,"offers":[{"@type":"Offer","price":0}]}`, i, k, at(k*200+5)))
			}
			add(seriesFeed, fmt.Sprint("es", i), fmt.Sprintf(`{"@context":"https://openactive.io/","@type":"EventSeries","@id":"https://example.org/event-series/%d","name":"Summer swims","description":"Open water swimming sessions at the lake, all abilities.",%s,
"organizer":%s,"location":%s,"subEvent":[%s]}`, i, act, org(i), place(i), strings.Join(evs, ",")))
		}
	}
	return in
}
