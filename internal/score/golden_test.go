package score

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenT is the "as at" time of the golden files: within the real items'
// own season (summer 2020) so their schedules and sessions matter.
var goldenT = time.Date(2020, 7, 1, 0, 0, 0, 0, time.UTC)

// goldenRow is the part of a score a reviewer checks by hand
// (testdata/golden/README.md shows the working for every number).
type goldenRow struct {
	ActivityID        string   `json:"activity_id"`
	Kind              string   `json:"kind"`
	Orphan            bool     `json:"orphan"`
	Online            bool     `json:"online"`
	NextOccurrence    string   `json:"next_occurrence"`
	Occurrences       int      `json:"occurrences"`
	Upcoming          float64  `json:"upcoming"`
	Recent            float64  `json:"recent"`
	Freshness         int      `json:"freshness"`
	Completeness      int      `json:"completeness"`
	OpenActive        *int     `json:"completeness_openactive"`
	Assurance         int      `json:"assurance"`
	Overall           int      `json:"overall"`
	Grade             string   `json:"grade"`
	SPReady           bool     `json:"sp_ready"`
	Postcode          string   `json:"postcode"`
	FailedChecks      []string `json:"failed_checks"`
	MissingOpenActive []string `json:"missing_openactive"`
	ActivityTypes     []string `json:"activity_types"`
}

func TestGoldenRealItems(t *testing.T) {
	ref := testRef(t)
	files, _ := filepath.Glob("testdata/items-real/*.json")
	if len(files) != 15 {
		t.Fatalf("want the 15 real items, got %d", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := CheckDocument(data, goldenT, ref)
			if err != nil {
				t.Fatal(err)
			}
			rows := []goldenRow{}
			for _, ex := range rep.Activities {
				s := ex.Score
				r := goldenRow{s.ActivityID, s.Kind, s.Orphan, s.Online, "", s.Occurrences, s.Upcoming, s.Recent, s.Freshness,
					s.Completeness, s.CompletenessOpenActive, s.Assurance, s.Overall, s.Grade, s.SPReady, s.Postcode,
					s.FailedChecks, s.MissingOpenActive, s.ActivityTypes}
				if s.NextOccurrence != nil {
					r.NextOccurrence = stamp(*s.NextOccurrence)
				}
				rows = append(rows, r)
			}
			got, _ := json.MarshalIndent(rows, "", "  ")
			path := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/score/ -update, then hand-check)", err)
			}
			if strings.TrimSpace(string(want)) != strings.TrimSpace(string(got)) {
				t.Errorf("golden mismatch for %s:\n got %s\nwant %s", name, got, want)
			}
		})
	}
}
