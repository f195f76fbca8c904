package oruk

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/score"
)

func realItem(t *testing.T, name string) obj {
	t.Helper()
	var it struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(readFixture(t, "openactive/"+name), &it); err != nil {
		t.Fatal(err)
	}
	o, ok := decodeObj(it.Data)
	if !ok {
		t.Fatalf("%s: data is not an object", name)
	}
	return o
}

func refScorer(t *testing.T) *Scorer {
	t.Helper()
	ref, err := score.DefaultReference()
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewScorer(ref)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRealItemsConvertToValidORUK converts every real OpenActive item (the
// top-level object, sessions and slots included) and validates the service
// against the shipped ORUK v3 schema.
func TestRealItemsConvertToValidORUK(t *testing.T) {
	s, v := refScorer(t), mustValidator(t)
	files, _ := filepath.Glob("testdata/openactive/*.json")
	if len(files) < 14 {
		t.Fatalf("want the 15 real items, found %d", len(files))
	}
	next := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	for _, f := range files {
		act := realItem(t, filepath.Base(f))
		cw := Convert(act, Hints{DatasetID: "d", ActivityID: act.id(), NextOccurrence: &next, Upcoming: true, Label: s.labels, London: s.london})
		b, _ := json.Marshal(cw.Service)
		if err := v.Service(b); err != nil {
			t.Errorf("%s: %v\n%s", filepath.Base(f), err, b)
		}
		if len(cw.Mapped) == 0 {
			t.Errorf("%s: nothing mapped: %+v", filepath.Base(f), cw)
		}
	}
}

func mustValidator(t *testing.T) *Validator {
	t.Helper()
	v, err := NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestReadinessPlaywaze works the Playwaze badminton series by hand
// (docs/method.md §B.7): name, description, organisation, schedule
// (Thursdays, weekly), cost (free offer) and taxonomy ("General") convert;
// no contact, postcode or age range: 10 of 15 → 67.
func TestReadinessPlaywaze(t *testing.T) {
	s := refScorer(t)
	act := realItem(t, "sessionseries.json")
	a := domain.ActivityScore{DatasetID: "d", ActivityID: act.id(), Kind: "SessionSeries", Upcoming: 1}
	r := s.readiness(T0, &a, Convert(act, s.hints(&a)))
	if r.Score != 67 || !reflect.DeepEqual(r.FailedChecks, []string{"sv.4", "sv.5", "sv.8"}) {
		t.Errorf("readiness %d %v, want 67 [sv.4 sv.5 sv.8]", r.Score, r.FailedChecks)
	}
	if !reflect.DeepEqual(r.Lost, []string{"eventAttendanceMode", "identifier"}) {
		t.Errorf("lost %v", r.Lost)
	}
	cw := Convert(act, s.hints(&a))
	sc := cw.Service.Schedules
	if len(sc) != 1 || sc[0].Freq != "WEEKLY" || sc[0].Interval != 1 || sc[0].ByDay != "TH" || sc[0].OpensAt != "19:00:00" ||
		sc[0].ClosesAt != "23:00:00" || sc[0].ValidFrom != "2019-11-21" || sc[0].ValidTo != "2020-10-17" {
		t.Errorf("schedule %+v", sc)
	}
	if co := cw.Service.CostOptions; len(co) != 1 || co[0].Amount != "0" || co[0].AmountDescription != "GBP" {
		t.Errorf("cost options %+v", co)
	}
}

// TestCrosswalkMapping checks each mapping of the crosswalk on a complete
// session series.
func TestCrosswalkMapping(t *testing.T) {
	s := refScorer(t)
	act, _ := decodeObj([]byte(`{
	  "@type": "SessionSeries", "@id": "https://example.org/series/1", "name": "Chair yoga",
	  "description": "A gentle seated class to build strength and balance.",
	  "url": "https://example.org/chair-yoga",
	  "activity": [{"@id": "https://openactive.io/activity-list#c16df6ed-a4a0-4275-a8c3-1c8cff56856f", "prefLabel": "Yoga"}],
	  "genderRestriction": "https://openactive.io/FemaleOnly",
	  "ageRange": {"minValue": 50},
	  "offers": [{"price": 4.5, "priceCurrency": "GBP", "name": "Adult"}],
	  "organizer": {"@id": "https://example.org/org", "name": "Stretford Yoga CIC", "email": "hello@example.org",
	    "telephone": "0161 123 4567", "url": "https://example.org", "identifier": "GB-CHC-1234567"},
	  "location": {"name": "Stretford Library", "address": {"streetAddress": "Kingsway", "addressLocality": "Stretford",
	    "postalCode": "m32 0fw"}, "geo": {"latitude": 53.446, "longitude": -2.311}},
	  "accessibilitySupport": [{"prefLabel": "Visual impairment"}],
	  "eventSchedule": [{"@type": "Schedule", "repeatFrequency": "P1D", "startTime": "10:00", "startDate": "2026-01-05"}],
	  "level": ["Beginner"]}`))
	cw := Convert(act, Hints{DatasetID: "d", ActivityID: "https://example.org/series/1", Upcoming: true, London: s.london})
	svc := cw.Service
	if svc.Status != "active" || svc.MinimumAge != "50" || svc.Email != "hello@example.org" || svc.URL != "https://example.org/chair-yoga" {
		t.Errorf("service %+v", svc)
	}
	if o := svc.Organization; o == nil || o.OrganizationIdentifiers[0].IdentifierScheme != "GB-CHC" || o.OrganizationIdentifiers[0].Identifier != "1234567" {
		t.Errorf("organization %+v", o)
	}
	loc := svc.ServiceAtLocations[0].Location
	if a := loc.Addresses[0]; a.PostalCode != "M32 0FW" || a.Country != "GB" || a.City != "Stretford" || loc.Latitude != "53.446" {
		t.Errorf("location %+v", loc)
	}
	if len(loc.Accessibility) != 1 || loc.Accessibility[0].Description != "Visual impairment" {
		t.Errorf("accessibility %+v", loc.Accessibility)
	}
	if len(svc.Attributes) != 2 || svc.Attributes[1].LinkType != "eligibility" || svc.Attributes[1].TaxonomyTerm.Name != "Female only" {
		t.Errorf("attributes %+v", svc.Attributes)
	}
	if sc := svc.Schedules[0]; sc.Freq != "WEEKLY" || sc.ByDay != "MO,TU,WE,TH,FR,SA,SU" || sc.OpensAt != "10:00:00" {
		t.Errorf("daily schedule %+v", sc)
	}
	if len(svc.Contacts) != 1 || svc.Contacts[0].Phones[0].Number != "0161 123 4567" {
		t.Errorf("contacts %+v", svc.Contacts)
	}
	if !reflect.DeepEqual(cw.Lost, []string{"level"}) {
		t.Errorf("lost %v", cw.Lost)
	}
	b, _ := json.Marshal(svc)
	if err := mustValidator(t).Service(b); err != nil {
		t.Error(err)
	}
	if a := (domain.ActivityScore{DatasetID: "d", ActivityID: "https://example.org/series/1"}); s.readiness(T0, &a, cw).Score != 100 {
		t.Errorf("a complete series should be fully ready: %+v", s.readiness(T0, &a, cw))
	}
}

// TestExportLeavesOutWhatFailsTheSchema: an activity whose stored JSON is
// gone is reported, the rest exported, and the page is valid.
func TestExportLeavesOutWhatFailsTheSchema(t *testing.T) {
	s, v := refScorer(t), mustValidator(t)
	good, _ := os.ReadFile("testdata/openactive/sessionseries.json")
	var it struct {
		Data json.RawMessage `json:"data"`
	}
	json.Unmarshal(good, &it)
	res, err := s.Export([]ExportRow{{DatasetID: "d", ActivityID: "https://playwaze.com/SessionSeries/jifgh8dinma", Data: it.Data},
		{DatasetID: "d", ActivityID: "gone"}}, v)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Page.Contents) != 1 || len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Reason, "no longer held") || res.Page.TotalItems != 1 {
		t.Errorf("%+v", res)
	}
}

func refScorerB(b *testing.B) *Scorer {
	ref, err := score.DefaultReference()
	if err != nil {
		b.Fatal(err)
	}
	s, err := NewScorer(ref)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func readFixtureB(b *testing.B, name string) []byte {
	d, err := os.ReadFile("testdata/" + name)
	if err != nil {
		b.Fatal(err)
	}
	return d
}
