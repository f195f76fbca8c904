package oruk

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

var T0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func mustScorer(t *testing.T) *Scorer {
	t.Helper()
	s, err := NewScorer(nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// listEntries returns the contents[] of a v3 list fixture.
func listEntries(t *testing.T, name string) []json.RawMessage {
	t.Helper()
	var p struct {
		Contents []json.RawMessage `json:"contents"`
	}
	if err := json.Unmarshal(readFixture(t, name), &p); err != nil {
		t.Fatal(err)
	}
	return p.Contents
}

func item(data []byte) domain.Item {
	return domain.Item{DatasetID: "https://api.example.org/oruk", FeedURL: "https://api.example.org/oruk",
		RPDEID: "s1", State: domain.StateUpdated, Kind: KindService, Data: data, FirstHarvest: true}
}

// TestScoreRealSamples pins the scores of the real ORUK samples, worked by
// hand in docs/method.md §B.6.
func TestScoreRealSamples(t *testing.T) {
	s := mustScorer(t)
	cases := []struct {
		name                          string
		data                          []byte
		fresh, complete, assure, over int
		grade                         string
		failed                        []string
	}{
		{"full service (services/{id})", readFixture(t, "v3-service-full.example.json"), 0, 87, 67, 48, "D", []string{"sv.5", "sa.1"}},
		{"list entry", listEntries(t, "v3-service-list.example.json")[0], 0, 73, 50, 39, "D",
			[]string{"sv.5", "sv.6", "sv.9", "sa.1", "sa.4"}},
		{"failing mock entry", listEntries(t, "v3-service-list.failing-mock.json")[0], 0, 53, 33, 28, "D",
			[]string{"sv.1", "sv.5", "sv.6", "sv.9", "sv.10", "sa.1", "sa.4", "sa.5"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ex, ok := s.Score(item(c.data), T0)
			if !ok {
				t.Fatal("not scored")
			}
			got := ex.Score
			if got.Freshness != c.fresh || got.Completeness != c.complete || got.Assurance != c.assure || got.Overall != c.over || got.Grade != c.grade {
				t.Errorf("scores f=%d c=%d a=%d o=%d %s, want %d %d %d %d %s", got.Freshness, got.Completeness, got.Assurance,
					got.Overall, got.Grade, c.fresh, c.complete, c.assure, c.over, c.grade)
			}
			if !reflect.DeepEqual(got.FailedChecks, c.failed) {
				t.Errorf("failed %v, want %v", got.FailedChecks, c.failed)
			}
			if got.SPReady || got.Upcoming != 1 || got.Kind != KindService || got.Method != domain.LocUnlocated {
				t.Errorf("ready=%v upcoming=%v kind=%s method=%s", got.SPReady, got.Upcoming, got.Kind, got.Method)
			}
		})
	}
}

// TestFreshnessEdges checks the assured and recent windows at their edges
// (T = 31 May 2026 12:00 UTC; 3 months before 31 May is 28 February).
func TestFreshnessEdges(t *testing.T) {
	s := mustScorer(t)
	T := time.Date(2026, 5, 31, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		assured, modified string
		want              int
	}{
		{"2026-02-28", "2026-03-02T12:00:00Z", 100},                // assured 1 (edge), changed 90 days ago: recent 1
		{"2026-02-27", "2026-03-02T12:00:00Z", 75},                 // assured 0.5
		{"2026-02-28", "2026-03-02T11:59:59Z", 75},                 // 90 days and 1 s: recent 0.5
		{"2025-05-31", "2025-05-31T12:00:00Z", 50},                 // 12 months edge: 0.5; 365 days edge: 0.5
		{"2025-05-30", "2025-05-31T11:59:59Z", 0},                  // both older
		{"2026-06-01", "", 75},                                     // the day after T counts; last change unknown: 0.5
		{"2026-06-02", "", 25},                                     // later is in the future: 0
		{"2026-05-01T10:00:00Z", "2026-05-30T23:00:00+01:00", 100}, // v1-style date-time assured_date
		{"01/05/2026", "2026-05-30", 25},                           // unreadable date; a bare date is no last_modified
	}
	for _, c := range cases {
		svc := map[string]any{"id": "x", "name": "A", "status": "active"}
		if c.assured != "" {
			svc["assured_date"] = c.assured
		}
		if c.modified != "" {
			svc["last_modified"] = c.modified
		}
		b, _ := json.Marshal(svc)
		ex, _ := s.Score(item(b), T)
		if ex.Score.Freshness != c.want {
			t.Errorf("assured %s modified %s: freshness %d, want %d (%v)", c.assured, c.modified, ex.Score.Freshness, c.want, ex.Freshness)
		}
	}
}

// TestScoreV1Service works a v1 (HSDS-UK 1.0) service by hand: ages in
// eligibilitys, regular_schedules, physical_addresses and service_taxonomys
// count as their v3 forms. Completeness 15/15 = 100; assurance: assured
// 15 January (within 3 months of 2 March), well-formed, no assurer,
// accreditations or identifier: 3/6 = 50; freshness: assured 1, last change
// unknown 0.5: 75; overall ⌊(300 + 400 + 100 + 5)/10⌋ = 80, B, referral-ready.
func TestScoreV1Service(t *testing.T) {
	data := []byte(`{"id": "1502", "name": "Holy Trinity Toddler Group",
	 "description": "A weekly stay and play group for babies and toddlers with their carers.",
	 "url": "https://example.org/toddlers", "email": "info@example.org", "status": "active", "assured_date": "2026-01-15T00:00:00",
	 "organization": {"id": "9", "name": "Holy Trinity Church", "url": "https://example.org"},
	 "eligibilitys": [{"id": "e1", "eligibility": "Under 5s", "minimum_age": 0, "maximum_age": 5}],
	 "regular_schedules": [{"id": "r1", "weekday": "Wednesday", "opens_at": "09:30", "closes_at": "11:00"}],
	 "service_taxonomys": [{"id": "t", "taxonomy": {"id": "esd:1", "name": "Early years", "vocabulary": "esdServiceTypes"}}],
	 "service_at_locations": [{"id": "s", "location": {"id": "l", "name": "Church hall", "latitude": 53.45, "longitude": -2.3,
	    "physical_addresses": [{"id": "p", "address_1": "Church St", "city": "Sale", "postal_code": "m33 7zf", "country": "GB"}]}}],
	 "cost_options": [{"id": "c", "amount": 1.5, "option": "per family"}]}`)
	ex, ok := mustScorer(t).Score(item(data), T0)
	got := ex.Score
	if !ok || got.Freshness != 75 || got.Completeness != 100 || got.Assurance != 50 || got.Overall != 80 || got.Grade != "B" || !got.SPReady {
		t.Errorf("f=%d c=%d a=%d o=%d %s ready=%v", got.Freshness, got.Completeness, got.Assurance, got.Overall, got.Grade, got.SPReady)
	}
	if !reflect.DeepEqual(got.FailedChecks, []string{"sa.2", "sa.3", "sa.4"}) || got.Postcode != "M33 7ZF" || got.OrganiserKey != "9" {
		t.Errorf("failed %v postcode %q organiser key %q", got.FailedChecks, got.Postcode, got.OrganiserKey)
	}
}

// TestScoreDatasetCounts: tombstones are counted, unreadable data counted
// and not scored.
func TestScoreDatasetCounts(t *testing.T) {
	live := item([]byte(`{"id": "a", "name": "A", "status": "active"}`))
	bad := item([]byte(`[1, 2]`))
	bad.RPDEID = "b"
	gone := domain.Item{DatasetID: live.DatasetID, FeedURL: live.FeedURL, RPDEID: "c", State: domain.StateDeleted}
	res := mustScorer(t).ScoreDataset([]domain.Item{live, bad, gone}, T0)
	if len(res.Activities) != 1 || len(res.Feeds) != 1 {
		t.Fatalf("%+v", res)
	}
	if f := res.Feeds[0]; f.Items != 2 || f.Deleted != 1 || f.Unreadable != 1 || f.Activities != 1 {
		t.Errorf("feed stats %+v", f)
	}
	if id := res.Activities[0].ActivityID; id != "https://api.example.org/oruk/services/s1" {
		t.Errorf("activity id %s", id)
	}
}
