package score

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/postcode"
)

// TestNoMoreStaysEmpty: objects without rare facts share noMore, so a
// reader writing one of those facts without more() would write it into
// every such object. Decode items that set each rare fact, and check each
// landed in its own object and noMore is still empty.
func TestNoMoreStaysEmpty(t *testing.T) {
	// One rare fact each, so that each is the first written to its object.
	docs := []string{
		`{"@type":"Event","custom":"y"}`,
		`{"@type":"Event","startDate":"soon"}`,
		`{"@type":"Event","eventSchedule":[1]}`,
		`{"@type":"Event","eventSchedule":[{"@type":"Schedule","repeatFrequency":"P1W","byDay":["https://schema.org/Monday"],"startDate":"2025-01-06","startTime":"10:00","scheduleTimezone":"Europe/London"}]}`,
		`{"@type":"Event","description":"<b>x</b>"}`,
		`{"@type":"Event","offers":[{"price":"5"}]}`,
		`{"@type":"Event","activity":"https://a"}`,
		`{"@type":"FacilityUse","facilityType":[{"@id":"https://f"}]}`,
		`{"@type":"Event","location":{"geo":{"latitude":52.1,"longitude":-1.2}}}`,
		`{"@type":"Event","location":{"geo":{"latitude":-1.2,"longitude":52.1}}}`,
	}
	in := benchMix(40, benchT)
	for i, d := range docs {
		in.Items = append(in.Items, domain.Item{FeedURL: "https://f", RPDEID: string(rune('a' + i)), State: domain.StateUpdated, Data: []byte(d)})
	}
	for _, batch := range []bool{true, false} {
		dc := decoder{batch: batch}
		var rare []*objFacts
		for i := range in.Items {
			d := dc.decode(&in.Items[i])
			for k := range d.nodes {
				if f := &d.nodes[k].facts; f.moreFacts != &noMore {
					rare = append(rare, f)
				}
			}
		}
		if !reflect.DeepEqual(noMore, moreFacts{}) {
			t.Fatalf("batch %v: noMore was written: %+v", batch, noMore)
		}
		seen := map[string]bool{}
		for _, f := range rare {
			m := f.moreFacts
			seen["otherKeys"] = seen["otherKeys"] || len(m.otherKeys) > 0
			seen["rules"] = seen["rules"] || len(m.rules) > 0
			seen["dateNotes"] = seen["dateNotes"] || len(m.dateNotes) > 0
			seen["descTag"] = seen["descTag"] || m.descTag != ""
			seen["costWhy"] = seen["costWhy"] || m.costWhy != ""
			seen["activityIDs"] = seen["activityIDs"] || len(m.activityIDs) > 0
			seen["facilityIDs"] = seen["facilityIDs"] || len(m.facilityIDs) > 0
			seen["ukPoint"] = seen["ukPoint"] || m.geo.ukPoint != domain.Point{}
			seen["swapPoint"] = seen["swapPoint"] || m.geo.swapPoint != domain.Point{}
		}
		for _, k := range []string{"otherKeys", "rules", "dateNotes", "descTag", "costWhy", "activityIDs", "facilityIDs", "ukPoint", "swapPoint"} {
			if !seen[k] {
				t.Errorf("batch %v: no object has %s", batch, k)
			}
		}
	}
}

// TestMemosAgree: remembered postcodes and url hosts are what reading them
// afresh gives, for repeated inputs and past the memo's bound.
func TestMemosAgree(t *testing.T) {
	var ms memos
	inputs := []string{"NG7 2RD", "ng72rd", " NG7\u00a02RD ", "XX1 1XX", "", "nope", "https://www.Club.example.org./a/b",
		"http://x.org:8080/p", "not a url", "https://book.example.com/venue/1"}
	for round := 0; round < 3; round++ {
		for i := 0; i < memoMax+100; i++ {
			s := inputs[i%len(inputs)]
			if i >= len(inputs) && round == 1 {
				s = fmt.Sprintf("https://h%d.example.org/x", i) // many distinct: the memo starts afresh
			}
			if gn, gok := ms.normalise(s); true {
				wn, wok := postcode.Normalise(s)
				if gn != wn || gok != wok {
					t.Fatalf("normalise(%q) = %q %v, want %q %v", s, gn, gok, wn, wok)
				}
			}
			if got, want := ms.splitHost(s), splitHost(s); got != want {
				t.Fatalf("splitHost(%q) = %+v, want %+v", s, got, want)
			}
		}
	}
	if len(ms.hosts.seen) > memoMax {
		t.Errorf("memo holds %d > %d", len(ms.hosts.seen), memoMax)
	}
}
