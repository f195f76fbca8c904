package score

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

const (
	feedA   = "https://example.org/feeds/a"
	feedB   = "https://example.org/feeds/b"
	ccBY    = "https://creativecommons.org/licenses/by/4.0/"
	danceID = "https://openactive.io/activity-list#6ca15167-51da-4d91-a1ae-8a45dc47b0ea"
)

var testT = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func testRef(t testing.TB) *Reference {
	t.Helper()
	ref, err := DefaultReference()
	if err != nil {
		t.Fatal(err)
	}
	return ref
}

// obj is a JSON object under construction.
type obj = map[string]any

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func item(t testing.TB, feed, id string, data any) domain.Item {
	var raw []byte
	if s, ok := data.(string); ok {
		raw = []byte(s)
	} else {
		raw = mustJSON(t, data)
	}
	return domain.Item{FeedURL: feed, RPDEID: id, State: domain.StateUpdated, Data: raw, License: ccBY, FirstHarvest: true}
}

func dataset(items ...domain.Item) DatasetInput {
	return DatasetInput{DatasetID: "https://example.org/dataset",
		Feeds: []FeedInfo{{URL: feedA, Ordering: domain.OrderingTimestamp}, {URL: feedB, Ordering: domain.OrderingChangeNumber}},
		Items: items}
}

// fullSeries is a SessionSeries that passes every sp check, with a weekly
// schedule whose next date is within the window of testT.
func fullSeries() obj {
	return obj{
		"@context": "https://openactive.io/", "@type": "SessionSeries", "@id": "https://example.org/series/1",
		"url": "https://example.org/s/1", "name": "Chair yoga",
		"description": "A gentle seated yoga class for older adults.",
		"activity":    []any{obj{"@type": "Concept", "@id": danceID, "prefLabel": "Dance"}},
		"location": obj{"@type": "Place", "name": "Hall",
			"address": obj{"@type": "PostalAddress", "postalCode": "ng7 2rd"},
			"geo":     obj{"@type": "GeoCoordinates", "latitude": 52.95, "longitude": -1.15}},
		"organizer": obj{"@type": "Organization", "@id": "https://example.org/org", "name": "Active Notts",
			"url": "https://example.org", "email": "a@example.org", "beta:formalCriteriaMet": []any{"https://example.org/c"}},
		"offers":               []any{obj{"@type": "Offer", "price": 3.5, "priceCurrency": "GBP"}},
		"image":                []any{obj{"@type": "ImageObject", "url": "https://example.org/p.jpg"}},
		"accessibilitySupport": []any{obj{"@type": "Concept", "prefLabel": "Physical impairment"}},
		"level":                []any{"Beginner"},
		"attendeeInstructions": "Bring water.",
		"ageRange":             obj{"@type": "QuantitativeValue", "minValue": 50},
		"leader":               []any{obj{"@type": "Person", "name": "Sam"}},
		"eventSchedule": []any{obj{"@type": "Schedule", "repeatFrequency": "P1W", "byDay": []any{"MO"},
			"startDate": "2026-01-05", "startTime": "10:00", "scheduleTimezone": "Europe/London"}},
	}
}

func with(o obj, kv ...any) obj {
	c := obj{}
	for k, v := range o {
		c[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(c, kv[i].(string))
		} else {
			c[kv[i].(string)] = kv[i+1]
		}
	}
	return c
}

// jsonNull marks an explicit null value in with().
type rawJSON = json.RawMessage

func scoreItems(t testing.TB, T time.Time, items ...domain.Item) Result {
	t.Helper()
	return ScoreDataset(dataset(items...), T, testRef(t))
}

func only(t testing.TB, res Result) domain.ActivityScore {
	t.Helper()
	if len(res.Activities) != 1 {
		t.Fatalf("want 1 activity, got %d: %+v", len(res.Activities), res.Activities)
	}
	return res.Activities[0]
}

func failedSet(s domain.ActivityScore) map[string]bool {
	m := map[string]bool{}
	for _, id := range s.FailedChecks {
		m[id] = true
	}
	return m
}
