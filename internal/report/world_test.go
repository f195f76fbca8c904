package report

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
)

// world is a generated, deterministic store content bigger than the
// fixture: PCNs in local authorities, datasets, organisers and activities
// whose scores improve snapshot by snapshot, written through the store's
// typed writers.
type world struct {
	PCNs, Datasets, Activities int
	Snapshots                  []time.Time
	Organisers                 int // distinct organisers; default Activities/8
}

// worldSnapshots are two snapshots in 2026Q3 (the last one counts) and
// one at the end of each of the three quarters before.
var worldSnapshots = []time.Time{
	time.Date(2025, 12, 20, 6, 0, 0, 0, time.UTC), time.Date(2026, 3, 21, 6, 0, 0, 0, time.UTC),
	time.Date(2026, 6, 20, 5, 0, 0, 0, time.UTC), time.Date(2026, 9, 5, 5, 0, 0, 0, time.UTC),
	time.Date(2026, 9, 26, 5, 0, 0, 0, time.UTC),
}

func (w world) datasetID(i int) string {
	return fmt.Sprintf("https://data%03d.example.org/openactive/", i)
}
func (w world) lad(pcn int) string { return fmt.Sprintf("E080%05d", pcn/5) }

func (w world) load(tb testing.TB, st store.Store) {
	tb.Helper()
	ctx := context.Background()
	if w.Organisers == 0 {
		w.Organisers = max(w.Activities/8, 1)
	}
	if err := w.geography(ctx, st); err != nil {
		tb.Fatal(err)
	}
	var ds []domain.Dataset
	for d := 0; d < w.Datasets; d++ {
		ds = append(ds, domain.Dataset{ID: w.datasetID(d), Name: fmt.Sprintf("Active Lives Dataset %03d", d),
			Publisher: fmt.Sprintf("Leisure Trust %03d", d%97), DiscoveredAt: w.Snapshots[0]})
	}
	if err := store.PutDatasets(ctx, st, ds); err != nil {
		tb.Fatal(err)
	}
	for si, t := range w.Snapshots {
		if err := w.snapshot(ctx, st, si, t, ds); err != nil {
			tb.Fatal(err)
		}
	}
}

func (w world) geography(ctx context.Context, st store.Store) error {
	var rows [][]any
	for p := 0; p < w.PCNs; p++ {
		rows = append(rows, []any{"pcn", fmt.Sprintf("U%05d", p), "test", "2026", fmt.Sprintf("Riverside %d PCN", p), "", ""})
		if p%5 == 0 {
			rows = append(rows, []any{"lad", w.lad(p), "test", "2026", fmt.Sprintf("Borough %d", p/5), "", ""})
		}
	}
	return st.Insert(ctx, "geo_areas", []string{"level", "code", "source", "vintage", "name", "parent", "ods_code"}, rows)
}

func (w world) snapshot(ctx context.Context, st store.Store, si int, t time.Time, ds []domain.Dataset) error {
	const batch = 50000
	byDS := make([][]domain.ActivityScore, len(ds))
	scores := make([]domain.ActivityScore, 0, batch)
	for i := 0; i < w.Activities; i++ {
		s := w.score(si, i, t)
		byDS[i%len(ds)] = append(byDS[i%len(ds)], s)
		if scores = append(scores, s); len(scores) == batch {
			if err := store.PutScores(ctx, st, scores); err != nil {
				return err
			}
			scores = scores[:0]
		}
	}
	if err := store.PutScores(ctx, st, scores); err != nil {
		return err
	}
	// The roll-ups a snapshot writes with its scores, as the pipeline does.
	var rollups []store.DatasetRollup
	var areas []store.AreaRollup
	for d := range ds {
		rollups = append(rollups, store.Rollup(t, ds[d], 2, byDS[d]))
		areas = append(areas, store.AreaRollups(t, ds[d].ID, byDS[d])...)
	}
	if err := store.PutAreaRollups(ctx, st, areas); err != nil {
		return err
	}
	if err := store.PutDatasetRollups(ctx, st, rollups); err != nil {
		return err
	}
	return store.PutSnapshot(ctx, st, domain.Snapshot{T: t, StartedAt: t, FinishedAt: t.Add(20 * time.Minute),
		Status: domain.SnapshotComplete, MethodVersion: 1, ProfileHash: "world-profile", ActivityListHash: "al-1",
		FacilityTypesHash: "ft-1", ModelsHash: "m-1", GeoVintages: `{"nspl":"2025-11","lsoa_pcn":"2026-01"}`,
		RegisterRevision: 3, Datasets: len(ds), Feeds: 2 * len(ds), Activities: w.Activities})
}

// spWeights are the sp-ready check weights of the default profile.
var spWeights = []int{2, 2, 2, 2, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1}

// score makes activity i of snapshot si: a pseudo-random set of failed
// checks that shrinks as snapshots go by, and the scores that follow.
func (w world) score(si, i int, t time.Time) domain.ActivityScore {
	h := uint32(i)*2654435761 ^ 0x9e3779b9
	var fails []string
	passW := 0
	for c, wt := range spWeights {
		h = h*1664525 + 1013904223
		if int(h>>24)%100 < 30-5*si-c {
			fails = append(fails, fmt.Sprintf("sp.%d", c+1))
			continue
		}
		passW += wt
	}
	comp := (100*passW + 10) / 20
	assur := []int{17, 50, 67, 83, 100}[(i+si)%5]
	up := 1.0
	if i%11 == 0 {
		up = 0
	}
	fresh := int(70*up + 15)
	overall := (4*fresh + 4*comp + 2*assur + 5) / 10
	pcn := (i * 7) % w.PCNs
	next := t.Add(72 * time.Hour)
	sp := up == 1 && comp >= 70 && !failsAny(fails, "sp.1", "sp.2", "sp.6", "sp.7")
	return domain.ActivityScore{T: t, DatasetID: w.datasetID(i % w.Datasets), ActivityID: fmt.Sprintf("%sactivity/%07d", w.datasetID(i%w.Datasets), i),
		FeedURL: w.datasetID(i%w.Datasets) + "session-series", ItemID: fmt.Sprint(i), Kind: "SessionSeries",
		Name: fmt.Sprintf("Session %d", i), Organiser: fmt.Sprintf("Club %d", i%w.Organisers),
		OrganiserKey: fmt.Sprintf("https://club%d.example.org/", i%w.Organisers),
		Location: domain.Location{Method: domain.LocPostcode, Postcode: "M32 0JG", LSOA: "E01006148", LAD: w.lad(pcn),
			SubICB: "E38000187", ICB: fmt.Sprintf("E540%05d", pcn/50), Region: "E12000002", PCN: fmt.Sprintf("U%05d", pcn),
			PCNMethod: domain.PCNFromLSOA}, NextOccurrence: &next, Upcoming: up, Recent: 0.5,
		Freshness: fresh, Completeness: comp, Assurance: assur, Overall: overall, Grade: domain.Grade(overall), SPReady: sp,
		FailedChecks: fails, ActivityTypes: []string{fmt.Sprintf("https://openactive.io/activity-list#type-%d", i%40)},
		Occurrences: 8, MethodVersion: 1, ProfileHash: "world-profile"}
}

func failsAny(fails []string, ids ...string) bool {
	for _, f := range fails {
		for _, id := range ids {
			if f == id {
				return true
			}
		}
	}
	return false
}
