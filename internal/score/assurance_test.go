package score

import (
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

func TestNorm(t *testing.T) {
	cases := map[string]string{
		"St John’s Ambulance Ltd.": "st johns ambulance",
		"  ACTIVE-Notts  C.I.C ":   "active notts c i c",
		"Leisure Limited CIC":      "leisure",
		"Café & Co (CIO)":          "café co",
		"ltdx":                     "ltdx",
	}
	for in, want := range cases {
		if got := Norm(in); got != want {
			t.Errorf("Norm(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHostKey(t *testing.T) {
	p := testRef(t).Profile
	cases := map[string]string{
		"https://WWW.Example.org.:8080/x":                                 "example.org",
		"http://www.www.example.org":                                      "www.example.org",
		"https://goteamup.com/p/280399-crossfit/e/1":                      "goteamup.com/p",
		"https://badmintonengland.playwaze.com/club-a/about":              "badmintonengland.playwaze.com/club-a",
		"https://jubileehall-openactive.legendonlineservices.co.uk/api/x": "jubileehall-openactive.legendonlineservices.co.uk/api",
		"https://leisurecloud.net":                                        "leisurecloud.net/",
		"https://sub.leisurecloud.net/a":                                  "sub.leisurecloud.net",
		"not a url":                                                       "",
	}
	for in, want := range cases {
		if got := HostKey(in, p.SharedHosts); got != want {
			t.Errorf("HostKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRegisterCurrent(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	e := RegisterEntry{AssuredOn: d("2025-02-28")}
	cases := []struct {
		at   time.Time
		want bool
	}{
		{d("2025-02-27"), false}, {d("2025-02-28"), true}, {d("2026-02-27").Add(23 * time.Hour), true}, {d("2026-02-28"), false},
	}
	for _, c := range cases {
		if e.Current(c.at) != c.want {
			t.Errorf("Current(%v) != %v", c.at, c.want)
		}
	}
	if got := addMonthsClamped(d("2024-02-29"), 12); !got.Equal(d("2025-02-28")) {
		t.Errorf("29 Feb + 12 months = %v, want 28 Feb (month end)", got)
	}
	if got := addMonthsClamped(d("2025-01-31"), 1); !got.Equal(d("2025-02-28")) {
		t.Errorf("31 Jan + 1 month = %v", got)
	}
}

type fakeLocator struct{ lad string }

func (f fakeLocator) Locate(r domain.LocateRequest) domain.Location {
	return domain.Location{Method: domain.LocPostcode, Postcode: r.Postcodes[0], LAD: f.lad}
}

func TestRegisterMatching(t *testing.T) {
	on := testT.Add(-24 * time.Hour)
	cases := []struct {
		name  string
		entry RegisterEntry
		lad   string
		want  bool
	}{
		{"by @id", RegisterEntry{OrganiserID: "https://example.org/org", AssuredOn: on}, "", true},
		{"by host", RegisterEntry{OrganiserURL: "http://www.example.org/about", AssuredOn: on}, "", true},
		{"by name in same LA", RegisterEntry{OrganiserName: "ACTIVE NOTTS LTD", LocalAuthority: "E06000018", AssuredOn: on}, "E06000018", true},
		{"by name in another LA", RegisterEntry{OrganiserName: "Active Notts", LocalAuthority: "E06000018", AssuredOn: on}, "E07000170", false},
		{"expired", RegisterEntry{OrganiserID: "https://example.org/org", AssuredOn: on.AddDate(-2, 0, 0), ExpiresOn: on}, "", false},
		{"future", RegisterEntry{OrganiserID: "https://example.org/org", AssuredOn: testT.Add(24 * time.Hour)}, "", false},
	}
	for _, c := range cases {
		ref := testRef(t).WithRegister([]RegisterEntry{c.entry}).WithLocator(fakeLocator{c.lad})
		s := only(t, ScoreDataset(dataset(item(t, feedA, "1", fullSeries())), testT, ref))
		if got := !failedSet(s)["as.3"]; got != c.want {
			t.Errorf("%s: as.3 pass %v, want %v", c.name, got, c.want)
		}
	}
}

func TestAssuranceChecks(t *testing.T) {
	cases := []struct {
		name   string
		kv     []any
		failed string
	}{
		{"criteria absent", []any{"organizer", obj{"name": "X", "url": "https://x.org", "email": "x@x.org"}}, "as.2,as.3"},
		{"trust certification deep", []any{"organizer", obj{"name": "X", "url": "https://x.org", "email": "x@x.org",
			"x": []any{obj{"y": obj{"@type": "beta:TrustCertification"}}}}}, "as.3"},
		{"name only", []any{"organizer", obj{"name": "X", "email": nil, "beta:formalCriteriaMet": []any{"https://c"}}}, "as.1,as.3"},
		{"startDate without offset", []any{"startDate", "2026-03-10T10:00:00"}, "as.3,as.4"},
		{"relative @id deep", []any{"offers", []any{obj{"@id": "/offer/1", "price": 0}}}, "as.3,as.4"},
		{"geo out of range", []any{"location", obj{"address": obj{"postalCode": "NG7 2RD"}, "geo": obj{"latitude": 91, "longitude": 0}}}, "as.3,as.4"},
		{"price without currency", []any{"offers", []any{obj{"price": 5}, obj{"price": 0}}}, "as.3,as.4"},
		{"HTML description", []any{"description", "<b>Fun</b> for everyone, every week!"}, "as.3,as.4"},
		{"missing required url", []any{"url", nil}, "as.3,as.4"},
	}
	for _, c := range cases {
		s := only(t, scoreItems(t, testT, item(t, feedA, "1", with(fullSeries(), c.kv...))))
		var as []string
		for _, id := range s.FailedChecks {
			if strings.HasPrefix(id, "as.") {
				as = append(as, id)
			}
		}
		if strings.Join(as, ",") != c.failed {
			t.Errorf("%s: failed %v, want %s", c.name, as, c.failed)
		}
	}
	it := item(t, feedA, "1", fullSeries())
	it.License = "https://creativecommons.org/licenses/by/4.0"
	if !failedSet(only(t, scoreItems(t, testT, it)))["as.5"] {
		t.Error("licence must match exactly")
	}
}

func TestOpenActiveProfile(t *testing.T) {
	s := only(t, scoreItems(t, testT, item(t, feedA, "1", with(fullSeries(), "url", nil, "genderRestriction", nil))))
	// SessionSeries: 8 required × 2 + 6 recommended = 22; url (2) and
	// genderRestriction (1) missing → 19/22 = 86.36 → 86.
	if s.CompletenessOpenActive == nil || *s.CompletenessOpenActive != 86 || strings.Join(s.MissingOpenActive, ",") != "url,genderRestriction" {
		t.Errorf("openactive %v missing %v", s.CompletenessOpenActive, s.MissingOpenActive)
	}
	c := only(t, scoreItems(t, testT, item(t, feedA, "1", with(fullSeries(), "@type", "Course"))))
	if c.CompletenessOpenActive != nil || len(c.MissingOpenActive) != 0 {
		t.Error("Course has no model weights: no data")
	}
}

func TestLocateRequest(t *testing.T) {
	o := with(fullSeries(), "location", []any{
		obj{"address": obj{"postalCode": "bad"}, "geo": obj{"latitude": -1.15, "longitude": 52.95}},
		obj{"address": obj{"postalCode": "m1 1ae"}},
		obj{"address": obj{"postalCode": "M11AE"}}})
	var got domain.LocateRequest
	ref := testRef(t).WithLocator(locFunc(func(r domain.LocateRequest) domain.Location { got = r; return domain.Location{Method: "unlocated"} }))
	ScoreDataset(dataset(item(t, feedA, "1", o)), testT, ref)
	if len(got.Postcodes) != 1 || got.Postcodes[0] != "M1 1AE" || got.Point == nil || !got.Swapped || got.Point.Lat != 52.95 {
		t.Errorf("request %+v", got)
	}
}

type locFunc func(domain.LocateRequest) domain.Location

func (f locFunc) Locate(r domain.LocateRequest) domain.Location { return f(r) }
