package storetest_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
	"github.com/feedgauge/feedgauge/queries"
)

// On ClickHouse the queries that read roll-ups written with a snapshot
// (area_coverage, area_overlaps) must answer exactly as the scans of
// activity_scores they replaced, which the embedded store still runs.
// testdata/scan holds those scans (queries/clickhouse as it was before the
// roll-ups); TestRollupsMatchScans runs both on a world with standards,
// places and organisers mixed far more than the fixture, once with the
// roll-ups and once without them (a snapshot written before they existed,
// which the queries count from the scores). TestConformance compares the
// two backends on the fixture.

// rollupQueries are the queries with a scan in testdata/scan.
var rollupQueries = []string{"coverage", "report_summary", "report_groups", "report_quarter_trend"}

// Mixed-world times: one complete snapshot in 2026Q1 and Q2, two in Q3 (the
// last one counts) and a running one in Q4 that no query may see.
var mixedTimes = []time.Time{
	time.Date(2026, 3, 21, 6, 0, 0, 0, time.UTC), time.Date(2026, 6, 20, 5, 0, 0, 0, time.UTC),
	time.Date(2026, 9, 5, 5, 0, 0, 0, time.UTC), time.Date(2026, 9, 26, 5, 0, 0, 0, time.UTC),
	time.Date(2026, 10, 3, 5, 0, 0, 0, time.UTC),
}

// Mixed-world places: PCNs cross local authority borders, one local
// authority has no PCN, and some activities are located only in part.
var (
	mixedLADs    = []string{"E08000001", "E08000002", "E08000003", "E06000004", "E06000005"}
	mixedSubICB  = map[string]string{"E08000001": "E38000001", "E08000002": "E38000001", "E08000003": "E38000002", "E06000004": "E38000003", "E06000005": "E38000003"}
	mixedICB     = map[string]string{"E38000001": "E54000001", "E38000002": "E54000001", "E38000003": "E54000002"}
	mixedRegion  = map[string]string{"E54000001": "E12000001", "E54000002": "E12000002"}
	mixedPCNs    = []string{"U00001", "U00002", "U00003", "U00004", "U00005", "U00006", "U00007"}
	mixedDataset = func(i int) string { return fmt.Sprintf("https://mixed%d.example.org/", i) }
)

// mixedScores are the scores of snapshot si: dataset 3 publishes ORUK
// services, dataset 2 mixes events with services, dataset 4 has none.
func mixedScores(si int, t time.Time) []domain.ActivityScore {
	r := rand.New(rand.NewPCG(uint64(si)+1, 42))
	var out []domain.ActivityScore
	for i := 0; i < 400; i++ {
		d := i % 4
		kind := []string{"SessionSeries", "Event", "Event", "Service"}[d]
		if d == 2 && r.IntN(3) == 0 {
			kind = "Service"
		}
		s := domain.ActivityScore{T: t, DatasetID: mixedDataset(d), ActivityID: fmt.Sprintf("%sa/%d", mixedDataset(d), i),
			FeedURL: mixedDataset(d) + "feed", ItemID: fmt.Sprint(i), Kind: kind, Name: fmt.Sprintf("Activity %d", i),
			Upcoming: []float64{0, 0.5, 1, 1}[r.IntN(4)], Recent: 1, Freshness: r.IntN(101), Completeness: r.IntN(101),
			Assurance: r.IntN(101), SPReady: r.IntN(3) == 0, Online: r.IntN(5) == 0, MethodVersion: 1, ProfileHash: "mixed"}
		s.Overall = (4*s.Freshness + 4*s.Completeness + 2*s.Assurance + 5) / 10
		s.Grade = domain.Grade(s.Overall)
		if r.IntN(40) == 0 {
			s.Grade = "" // never written by the pipeline; every count must still agree
		}
		if o := r.IntN(25); o > 0 {
			s.OrganiserKey = fmt.Sprintf("https://org%d.example.org/", o)
		}
		for n := r.IntN(4); n > 0; n-- {
			s.ActivityTypes = append(s.ActivityTypes, fmt.Sprintf("https://openactive.io/activity-list#t%d", r.IntN(9)))
		}
		lad := mixedLADs[r.IntN(len(mixedLADs))]
		sub := mixedSubICB[lad]
		icb := mixedICB[sub]
		s.Location = domain.Location{Method: domain.LocPostcode, LAD: lad, SubICB: sub, ICB: icb, Region: mixedRegion[icb]}
		if lad != "E06000005" {
			s.PCN = mixedPCNs[r.IntN(len(mixedPCNs))]
		}
		switch r.IntN(12) {
		case 0:
			s.Location = domain.Location{Method: domain.LocUnlocated}
		case 1:
			s.LAD, s.SubICB = "", ""
		case 2:
			s.PCN, s.Region = "U00009", ""
		}
		out = append(out, s)
	}
	return out
}

// loadMixed writes the mixed world, with area roll-ups when rollups is set.
func loadMixed(t *testing.T, st store.Store, rollups bool) {
	t.Helper()
	ctx := context.Background()
	var ds []domain.Dataset
	for d := 0; d < 5; d++ {
		ds = append(ds, domain.Dataset{ID: mixedDataset(d), Name: fmt.Sprintf("Mixed %d", d), Publisher: "P", DiscoveredAt: mixedTimes[0]})
	}
	if err := store.PutDatasets(ctx, st, ds); err != nil {
		t.Fatal(err)
	}
	var idx [][]any
	for _, lad := range append(mixedLADs, "E08000099") { // one area with no activities
		idx = append(idx, []any{1, "lad", lad, lad, "LAD " + lad})
	}
	idx = append(idx, []any{1, "pcn", "U00001", "E08000001", "PCN one"}, []any{1, "icb", "E54000001", "E54000001", "ICB one"})
	if err := st.Insert(ctx, "geo_area_index", []string{"generation", "level", "code", "place", "name"}, idx); err != nil {
		t.Fatal(err)
	}
	for si, ts := range mixedTimes {
		scores := mixedScores(si, ts)
		if err := store.PutScores(ctx, st, scores); err != nil {
			t.Fatal(err)
		}
		if rollups {
			byDS := map[string][]domain.ActivityScore{}
			for _, s := range scores {
				byDS[s.DatasetID] = append(byDS[s.DatasetID], s)
			}
			var areas []store.AreaRollup
			for _, d := range ds {
				areas = append(areas, store.AreaRollups(ts, d.ID, byDS[d.ID])...)
			}
			if err := store.PutAreaRollups(ctx, st, areas); err != nil {
				t.Fatal(err)
			}
		}
		status := domain.SnapshotComplete
		if si == len(mixedTimes)-1 {
			status = domain.SnapshotRunning
		}
		if err := store.PutSnapshot(ctx, st, domain.Snapshot{T: ts, StartedAt: ts, FinishedAt: ts, Status: status, MethodVersion: 1}); err != nil {
			t.Fatal(err)
		}
	}
}

// rollupParams are the parameter sets compared; a place is a local
// authority, Sub-ICB, ICB, region, PCN, an area without activities or none.
func rollupParams() map[string][]map[string]string {
	out := map[string][]map[string]string{}
	places := []string{"", "E08000001", "E38000003", "E54000001", "E12000002", "U00004", "U00009", "E08000099", "E99999999"}
	for _, level := range []string{"pcn", "sub_icb", "lad", "icb", "region"} {
		for _, p := range places {
			out["coverage"] = append(out["coverage"], map[string]string{"level": level, "place": p})
		}
		for _, std := range []string{"openactive", "oruk"} {
			for _, p := range []string{"", "E54000001", "U00004"} {
				out["coverage"] = append(out["coverage"], map[string]string{"level": level, "standard": std, "place": p})
			}
		}
		out["coverage"] = append(out["coverage"], map[string]string{"level": level, "at": mixedTimes[1].Format(time.RFC3339)},
			map[string]string{"level": level, "at": "2026-01-01"}, map[string]string{"level": level, "at": "2026-12-01"})
	}
	quarters := []map[string]string{
		{"from": "2026-07-01", "to": "2026-09-30T23:59:59Z", "prev_from": "2026-04-01", "prev_to": "2026-06-30T23:59:59Z"},
		{"from": "2026-04-01", "to": "2026-06-30T23:59:59Z", "prev_from": "2026-01-01", "prev_to": "2026-03-31T23:59:59Z"},
		{"from": "2026-10-01", "to": "2026-12-31T23:59:59Z", "prev_from": "2026-07-01", "prev_to": "2026-09-30T23:59:59Z"},
		{"from": "2026-01-01", "to": "2026-03-31T23:59:59Z", "prev_from": "2025-10-01", "prev_to": "2025-12-31T23:59:59Z"},
	}
	with := func(m map[string]string, kv ...string) map[string]string {
		out := map[string]string{}
		for k, v := range m {
			out[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		return out
	}
	for i, q := range quarters {
		for _, p := range []string{"", "E08000001", "E12000002", "E99999999"} {
			out["report_summary"] = append(out["report_summary"], with(q, "place", p))
		}
		for _, by := range []string{"dataset", "pcn", "lad", "sub_icb", "icb", "region"} {
			out["report_groups"] = append(out["report_groups"], with(q, "by", by))
			if i == 0 {
				out["report_groups"] = append(out["report_groups"], with(q, "by", by, "place", "E54000001"))
			}
		}
	}
	out["report_groups"] = append(out["report_groups"], with(quarters[0], "by", "lad", "place", "E99999999"))
	for _, p := range []string{"", "E08000001", "E99999999"} {
		out["report_quarter_trend"] = append(out["report_quarter_trend"],
			map[string]string{"q0": "2026Q3", "q1": "2026Q2", "q2": "2026Q1", "q3": "2025Q4", "place": p},
			map[string]string{"q0": "2026Q4", "q1": "2026Q3", "q2": "2026Q2", "q3": "2026Q1", "place": p})
	}
	return out
}

func TestRollupsMatchScans(t *testing.T) {
	ctx := context.Background()
	cat, err := query.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	params := rollupParams()
	for _, withRollups := range []bool{true, false} {
		t.Run(fmt.Sprintf("rollups=%v", withRollups), func(t *testing.T) {
			st := storetest.ClickHouse(t)
			loadMixed(t, st, withRollups)
			for _, name := range rollupQueries {
				def, err := cat.Get(name)
				if err != nil {
					t.Fatal(err)
				}
				scan := *def
				sql, err := os.ReadFile(filepath.Join("testdata", "scan", name+".sql"))
				if err != nil {
					t.Fatal(err)
				}
				scan.SQL = map[string]string{st.Backend(): string(sql)}
				rows := 0
				for _, p := range params[name] {
					args, err := def.Bind(p)
					if err != nil {
						t.Fatalf("%s %v: %v", name, p, err)
					}
					got, err := query.Run(ctx, st, def, args)
					if err != nil {
						t.Fatalf("%s %v: %v", name, p, err)
					}
					want, err := query.Run(ctx, st, &scan, args)
					if err != nil {
						t.Fatalf("scan %s %v: %v", name, p, err)
					}
					compare(t, name, p, "scan", want, "named", got)
					rows += len(got.Rows)
				}
				if rows == 0 {
					t.Errorf("%s: no rows in any of %d parameter sets; the comparison proves nothing", name, len(params[name]))
				}
			}
		})
	}
}
