package score

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestFullSeriesPassesSP(t *testing.T) {
	s := only(t, scoreItems(t, testT, item(t, feedA, "1", fullSeries())))
	if len(s.FailedChecks) != 1 || s.FailedChecks[0] != "as.3" {
		t.Fatalf("failed %v", s.FailedChecks)
	}
	// freshness: upcoming 1, recent unknown 0.5 → round(100 × (0.7 + 0.15)) = 85
	// completeness 100; assurance 4/6 → 67; overall round(34 + 40 + 13.4) = 87
	if s.Freshness != 85 || s.Completeness != 100 || s.Assurance != 67 || s.Overall != 87 || s.Grade != "A" || !s.SPReady {
		t.Errorf("got f%d c%d a%d o%d %s sp=%v", s.Freshness, s.Completeness, s.Assurance, s.Overall, s.Grade, s.SPReady)
	}
	if s.Postcode != "NG7 2RD" || s.Method != "unlocated" || s.OrganiserKey != "https://example.org/org" || s.Organiser != "Active Notts" {
		t.Errorf("columns: %+v", s)
	}
}

func TestSPChecks(t *testing.T) {
	ws := "\u00a0\u2003" // trimmed White_Space
	cases := []struct {
		name   string
		kv     []any
		failed string // the sp checks that must fail, comma-separated
	}{
		{"name absent", []any{"name", nil}, "sp.1"},
		{"name 200 code points", []any{"name", strings.Repeat("é", 200)}, ""},
		{"name 201 code points", []any{"name", strings.Repeat("é", 201)}, "sp.1"},
		{"name only white space", []any{"name", ws}, "sp.1"},
		{"name a number", []any{"name", 5}, "sp.1"},
		{"description 29", []any{"description", ws + strings.Repeat("x", 29) + ws}, "sp.2"},
		{"description 30", []any{"description", ws + strings.Repeat("x", 30) + ws}, ""},
		{"description with HTML", []any{"description", "<p>" + strings.Repeat("x", 40) + "</p>"}, "sp.2"},
		{"description with a < b", []any{"description", "a < b and more than thirty characters"}, ""},
		{"activity label only", []any{"activity", []any{obj{"prefLabel": "General"}}}, "sp.3"},
		{"activity bare IRI", []any{"activity", danceID}, ""},
		{"activity a string label", []any{"activity", "Dance"}, "sp.3"},
		{"activity id alias", []any{"activity", []any{obj{"id": danceID}}}, ""},
		{"postcode invalid", []any{"location", obj{"address": obj{"postalCode": "QA1 1AA"}, "geo": obj{"latitude": 52.9, "longitude": -1.1}}}, "sp.4"},
		{"geo swapped", []any{"location", obj{"address": obj{"postalCode": "NG7 2RD"}, "geo": obj{"latitude": -1.1, "longitude": 52.9}}}, "sp.5"},
		{"geo as strings", []any{"location", obj{"address": obj{"postalCode": "NG7 2RD"}, "geo": obj{"latitude": "52.9", "longitude": "-1.1"}}}, "sp.5"},
		{"geo box edge", []any{"location", obj{"address": obj{"postalCode": "NG7 2RD"}, "geo": obj{"latitude": 49.8, "longitude": 1.8}}}, ""},
		{"geo just outside", []any{"location", obj{"address": obj{"postalCode": "NG7 2RD"}, "geo": obj{"latitude": json.Number("49.79999999999999999999"), "longitude": 1.8}}}, "sp.5"},
		{"price as string", []any{"offers", []any{obj{"price": "5.00", "priceCurrency": "GBP"}}}, "sp.6"},
		{"price without currency", []any{"offers", []any{obj{"price": 5}}}, "sp.6"},
		{"free price without currency", []any{"offers", []any{obj{"price": 0}}}, ""},
		{"negative price", []any{"offers", []any{obj{"price": -1, "priceCurrency": "GBP"}}}, "sp.6"},
		{"isAccessibleForFree", []any{"offers", nil, "isAccessibleForFree", true}, ""},
		{"isAccessibleForFree false", []any{"offers", nil, "isAccessibleForFree", false}, "sp.6"},
		{"contact point on source", []any{"organizer", obj{"name": "X", "url": "https://x.org"}, "beta:contactPoint", obj{"telephone": "0115"}}, ""},
		{"contact point empty", []any{"organizer", obj{"name": "X", "url": "https://x.org"}, "beta:contactPoint", obj{}}, "sp.7"},
		{"organiser is a string", []any{"organizer", "Active Notts"}, "sp.7,sp.8"},
		{"organiser without url", []any{"organizer", obj{"name": "X", "email": "x@x.org"}}, "sp.8"},
		{"provider counts", []any{"organizer", nil, "provider", obj{"name": "X", "email": "x@x.org", "url": "https://x.org"}}, ""},
		{"image relative", []any{"image", []any{obj{"url": "/p.jpg"}}}, "sp.9"},
		{"image bare URL", []any{"image", "https://example.org/p.jpg"}, ""},
		{"wheelchair false is present", []any{"accessibilitySupport", nil, "beta:isWheelchairAccessible", false}, ""},
		{"no accessibility", []any{"accessibilitySupport", nil}, "sp.10"},
		{"category", []any{"level", nil, "category", []any{"Low Intensity"}}, ""},
		{"no level", []any{"level", []any{}}, "sp.11"},
		{"meetingPoint", []any{"attendeeInstructions", nil, "meetingPoint", "Reception"}, ""},
		{"no instructions", []any{"attendeeInstructions", ""}, "sp.12"},
		{"ageRange 0", []any{"ageRange", obj{"minValue": 0}}, ""},
		{"ageRange negative", []any{"ageRange", obj{"maxValue": -1}}, "sp.13"},
		{"genderRestriction", []any{"ageRange", nil, "genderRestriction", "https://openactive.io/NoRestriction"}, ""},
		{"isCoached false is present", []any{"leader", nil, "isCoached", false}, ""},
		{"no leader", []any{"leader", nil}, "sp.14"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := only(t, scoreItems(t, testT, item(t, feedA, "1", with(fullSeries(), c.kv...))))
			var sp []string
			for _, id := range s.FailedChecks {
				if strings.HasPrefix(id, "sp.") {
					sp = append(sp, id)
				}
			}
			if strings.Join(sp, ",") != c.failed {
				t.Errorf("failed sp checks %v, want %q", sp, c.failed)
			}
		})
	}
}

func TestOnlineVirtualLocation(t *testing.T) {
	o := with(fullSeries(), "location", nil, "eventAttendanceMode", "http://schema.org/OnlineEventAttendanceMode",
		"beta:virtualLocation", obj{"@type": "VirtualLocation", "url": "https://zoom.us/j/1"})
	s := only(t, scoreItems(t, testT, item(t, feedA, "1", o)))
	f := failedSet(s)
	if f["sp.4"] || f["sp.5"] || !s.Online || s.Method != "online" {
		t.Errorf("online: failed %v online=%v method=%s", s.FailedChecks, s.Online, s.Method)
	}
	for _, m := range s.MissingOpenActive {
		if m == "location" {
			t.Error("location must not be required of an online activity")
		}
	}
	o = with(o, "eventAttendanceMode", "https://schema.org/MixedEventAttendanceMode")
	if s := only(t, scoreItems(t, testT, item(t, feedA, "1", o))); s.Online || !failedSet(s)["sp.4"] {
		t.Error("mixed attendance is not online")
	}
}
