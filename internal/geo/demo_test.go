package geo

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
)

// venueScores turns the 314 real Active Places venues into located
// activities with made-up but deterministic scores.
func venueScores(t *testing.T, r *Resolver, at time.Time) []domain.ActivityScore {
	t.Helper()
	var out []domain.ActivityScore
	for i, v := range readCSV(t, "active_places_sports_facilities_trafford.csv") {
		loc := r.Locate(domain.LocateRequest{Postcodes: []string{v["postcode"]}, Point: &domain.Point{Lat: num(t, v["lat"]), Lng: num(t, v["lon"])}})
		upcoming := 1.0
		if i%3 == 0 {
			upcoming = 0
		}
		out = append(out, domain.ActivityScore{
			T: at, DatasetID: "https://example.org/trafford", ActivityID: fmt.Sprintf("%s/%d", v["site_id"], i), FeedURL: "https://example.org/feed",
			Kind: "FacilityUse", Name: v["site_name"], OrganiserKey: fmt.Sprintf("org-%d", i%40), Location: loc,
			Upcoming: upcoming, Freshness: i % 101, Completeness: (i * 7) % 101, Assurance: (i * 13) % 101, Overall: (i * 3) % 101,
			Grade: "C", SPReady: upcoming == 1 && i%5 == 0, ActivityTypes: []string{"https://example.org/facility/" + v["facility_type"]},
			MethodVersion: 1,
		})
	}
	return out
}

// The shipped demo place, scored, gives the same coverage on every backend,
// with real PCNs, their registered lists and the resident population.
func TestDemoCoverage(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	cases := []map[string]string{
		{"level": "lad"}, {"level": "pcn"}, {"level": "sub_icb"}, {"level": "icb"}, {"level": "region"},
		{"level": "pcn", "place": "E08000009"}, {"level": "sub_icb", "place": "E08000009"},
	}
	var first map[string][]covRow
	for _, st := range openStores(t) {
		reps, err := ImportDemo(ctx, st)
		if err != nil {
			t.Fatalf("%s: ImportDemo: %v\n%v", st.Backend(), err, reps)
		}
		again, err := ImportDemo(ctx, st)
		if err != nil || !again[0].Unchanged {
			t.Fatalf("%s: ImportDemo again: %v, unchanged %v", st.Backend(), err, again[0].Unchanged)
		}
		r, err := Load(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		if err := store.PutSnapshot(ctx, st, domain.Snapshot{T: at, StartedAt: at, FinishedAt: at, Status: domain.SnapshotComplete, GeoVintages: r.Vintages()}); err != nil {
			t.Fatal(err)
		}
		if err := store.PutScores(ctx, st, venueScores(t, r, at)); err != nil {
			t.Fatal(err)
		}
		got := map[string][]covRow{}
		for _, p := range cases {
			got[fmt.Sprint(p)] = runCoverage(t, st, p)
		}
		if first == nil {
			first = got
			checkDemoCoverage(t, got)
			continue
		}
		for k := range first {
			if !reflect.DeepEqual(got[k], first[k]) {
				t.Errorf("%s differs from %s for %s:\n%v\n%v", st.Backend(), "sqlite", k, got[k], first[k])
			}
		}
	}
}

func checkDemoCoverage(t *testing.T, got map[string][]covRow) {
	t.Helper()
	find := func(key, code string) covRow {
		for _, r := range got[key] {
			if r.code == code {
				return r
			}
		}
		t.Fatalf("%s: no row for %s in %v", key, code, got[key])
		return covRow{}
	}
	lad := find("map[level:lad]", "E08000009")
	if lad.activities != 314 || lad.population != int64(241025) || lad.name != "Trafford" || lad.upcoming != 209 {
		t.Errorf("Trafford: %+v", lad)
	}
	if icb := find("map[level:icb]", "E54000057"); icb.activities != 314 || icb.population != nil {
		t.Errorf("GM ICB: %+v (no ICB estimate is loaded, so no population)", icb)
	}
	if sub := find("map[level:sub_icb]", "E38000187"); sub.activities != 314 || sub.name != "NHS Greater Manchester ICB - 02A" {
		t.Errorf("Trafford Sub-ICB: %+v", sub)
	}
	if n := len(got["map[level:sub_icb]"]); n != 10 {
		t.Errorf("%d Sub-ICBs, want the 10 of Greater Manchester", n)
	}
	if n := len(got["map[level:region]"]); n != 0 {
		t.Errorf("%d regions: the demo loads no region", n)
	}
	lists := map[string]int64{"U83990": 65330, "U79881": 53993, "U95344": 48469, "U66368": 47875, "U42898": 33244}
	total := int64(0)
	for code, want := range lists {
		row := find("map[level:pcn place:E08000009]", code)
		if row.population != want || row.basis != BasisRegistered {
			t.Errorf("%s: population %v %s, want %d registered", code, row.population, row.basis, want)
		}
		total += row.activities
	}
	if total == 0 {
		t.Error("no activities in Trafford's PCNs")
	}
	zero := find("map[level:pcn]", "U79938") // a Bolton PCN: listed with zeros
	if zero.activities != 0 || zero.f != nil || zero.population != nil {
		t.Errorf("Bolton PCN: %+v", zero)
	}
}
