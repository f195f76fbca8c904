package jsonld

import "testing"

// benchItem is a typical SessionSeries item.
const benchItem = `{"@context":["https://openactive.io/","https://openactive.io/ns-beta"],"@type":"SessionSeries","@id":"https://example.org/session-series/1","url":"https://example.org/s/1",
"name":"Chair yoga 1","description":"A gentle seated yoga class for older adults, no experience needed.","activity":[{"@type":"Concept","@id":"https://openactive.io/activity-list#6ca15167-51da-4d91-a1ae-8a45dc47b0ea","prefLabel":"Dance"}],
"location":{"@type":"Place","name":"Centre 1","address":{"@type":"PostalAddress","streetAddress":"1 High St","postalCode":"NG7 2RD"},"geo":{"@type":"GeoCoordinates","latitude":52.901,"longitude":-1.101}},
"organizer":{"@type":"Organization","@id":"https://example.org/org/1","name":"Club 1","url":"https://club1.example.org","email":"c1@example.org","beta:formalCriteriaMet":["https://example.org/criteria"]},
"offers":[{"@type":"Offer","@id":"https://example.org/offer/1","price":3.5,"priceCurrency":"GBP"}],"level":["Beginner"],"ageRange":{"@type":"QuantitativeValue","minValue":50},
"eventSchedule":[{"@type":"Schedule","repeatFrequency":"P1W","byDay":["https://schema.org/Monday","https://schema.org/Thursday"],"startDate":"2025-01-06","startTime":"10:00","endTime":"11:00","scheduleTimezone":"Europe/London","exceptDate":["2026-03-12"]}]}`

// BenchmarkParser is the recycling parse scoring does for every item.
func BenchmarkParser(b *testing.B) {
	var ps Parser
	b.SetBytes(int64(len(benchItem)))
	for b.Loop() {
		if _, err := ps.Parse(benchItem); err != nil {
			b.Fatal(err)
		}
	}
}
