package score

import (
	"fmt"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// benchDataset builds n SessionSeries, each with a weekly schedule and
// sessions ScheduledSessions in the window, in two feeds.
func benchDataset(n, sessions int, T time.Time) DatasetInput {
	const series, sched = "https://example.org/feeds/session-series", "https://example.org/feeds/scheduled-sessions"
	in := DatasetInput{DatasetID: "https://example.org/dataset", Feeds: []FeedInfo{
		{URL: series, Ordering: domain.OrderingTimestamp}, {URL: sched, Ordering: domain.OrderingTimestamp}}}
	mod := fmt.Sprint(T.Add(-48 * time.Hour).Unix())
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("https://example.org/session-series/%d", i)
		data := fmt.Sprintf(`{"@context":"https://openactive.io/","@type":"SessionSeries","@id":%q,"url":"https://example.org/s/%d",
"name":"Chair yoga %d","description":"A gentle seated yoga class for older adults, no experience needed.",
"activity":[{"@type":"Concept","@id":"https://openactive.io/activity-list#6ca15167-51da-4d91-a1ae-8a45dc47b0ea","prefLabel":"Dance"}],
"location":{"@type":"Place","name":"Hall","address":{"@type":"PostalAddress","postalCode":"NG7 2RD"},"geo":{"@type":"GeoCoordinates","latitude":52.95,"longitude":-1.15}},
"organizer":{"@type":"Organization","@id":"https://example.org/org/%d","name":"Active Notts","url":"https://example.org","email":"a@example.org"},
"offers":[{"@type":"Offer","price":3.5,"priceCurrency":"GBP"}],"level":["Beginner"],"ageRange":{"minValue":50},
"eventSchedule":[{"@type":"Schedule","repeatFrequency":"P1W","byDay":["https://schema.org/Monday"],"startDate":"2025-01-06","startTime":"10:00","scheduleTimezone":"Europe/London"}]}`, id, i, i, i%50)
		in.Items = append(in.Items, domain.Item{FeedURL: series, RPDEID: fmt.Sprint(i), State: domain.StateUpdated, Modified: mod,
			Data: []byte(data), License: "https://creativecommons.org/licenses/by/4.0/"})
		for k := 0; k < sessions; k++ {
			start := T.Add(time.Duration(k*7*24+10) * time.Hour).Format(time.RFC3339)
			sd := fmt.Sprintf(`{"@context":"https://openactive.io/","@type":"ScheduledSession","@id":"%s/sessions/%d","superEvent":%q,"startDate":%q,"endDate":%q}`,
				id, k, id, start, start)
			in.Items = append(in.Items, domain.Item{FeedURL: sched, RPDEID: fmt.Sprintf("%d-%d", i, k), State: domain.StateUpdated,
				Modified: mod, Data: []byte(sd), License: "https://creativecommons.org/licenses/by/4.0/"})
		}
	}
	return in
}

func BenchmarkScoreDataset(b *testing.B) {
	ref, err := DefaultReference()
	if err != nil {
		b.Fatal(err)
	}
	T := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	const n = 10000
	in := benchDataset(n, 8, T)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res := ScoreDataset(in, T, ref)
		if len(res.Activities) != n {
			b.Fatalf("got %d activities", len(res.Activities))
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "activities/s")
}
