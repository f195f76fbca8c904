package geo

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/queries"
)

// Fixture times: two complete snapshots and a running one that must be
// ignored.
var (
	covT1 = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	covT2 = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	covT3 = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
)

const (
	trafford   = "E08000009"
	manchester = "E08000003"
	wigan      = "E08000010"
	knowsley   = "E08000011"
	gmICB      = "E54000057"
	northWest  = "E12000002"
)

// covActivity is one activity_scores row, with the columns coverage reads.
type covActivity struct {
	t                      time.Time
	id, lad, icb, rgn, pcn string
	upcoming               float64
	sp, online             bool
	org                    string
	types                  []string
	f, c, a, o             int
}

var covActivities = []covActivity{
	{covT2, "a1", trafford, gmICB, northWest, "U11111", 1, true, false, "org-a", []string{"t/yoga", "t/walk"}, 80, 70, 50, 70},
	{covT2, "a2", trafford, gmICB, northWest, "U11111", 1, false, false, "org-a", []string{"t/yoga"}, 65, 40, 0, 42},
	{covT2, "a3", trafford, gmICB, northWest, "U22222", 0.5, false, false, "org-b", []string{"t/swim"}, 30, 20, 0, 20},
	{covT2, "a4", manchester, gmICB, northWest, "U22222", 1, true, true, "", nil, 98, 90, 100, 96},
	{covT2, "a5", "", "", "", "", 1, false, false, "org-z", []string{"t/run"}, 10, 10, 10, 10},
	{covT2, "a6", knowsley, "", "", "", 1, true, false, "org-c", nil, 50, 70, 0, 48},
	{covT1, "a1", trafford, gmICB, northWest, "U11111", 1, false, false, "org-a", []string{"t/yoga"}, 10, 10, 10, 10},
	{covT3, "a1", trafford, gmICB, northWest, "U11111", 1, true, false, "org-a", nil, 99, 99, 99, 99},
}

// seedCoverage writes the fixture: snapshots, scores, populations and two
// generations of the area index (only the latest counts).
func seedCoverage(t *testing.T, st store.Store) {
	t.Helper()
	ctx := context.Background()
	must := func(table string, cols []string, rows [][]any) {
		t.Helper()
		if err := st.Insert(ctx, table, cols, rows); err != nil {
			t.Fatalf("insert %s: %v", table, err)
		}
	}
	for _, sn := range []struct {
		t      time.Time
		status string
	}{{covT1, domain.SnapshotComplete}, {covT2, domain.SnapshotComplete}, {covT3, domain.SnapshotRunning}} {
		if err := store.PutSnapshot(ctx, st, domain.Snapshot{T: sn.t, StartedAt: sn.t, FinishedAt: sn.t, Status: sn.status, MethodVersion: 1}); err != nil {
			t.Fatal(err)
		}
	}
	scores := make([]domain.ActivityScore, len(covActivities))
	for i, a := range covActivities {
		scores[i] = a.score()
	}
	if err := store.PutScores(ctx, st, scores); err != nil {
		t.Fatal(err)
	}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	must("geo_populations", colsPopulation, [][]any{
		{BasisResident, LevelLAD, trafford, day(2023, 6, 30), 7000, "2023"},
		{BasisResident, LevelLAD, trafford, day(2024, 6, 30), 8000, "2024"},
		{BasisResident, LevelLAD, manchester, day(2024, 6, 30), 568996, "2024"},
		{BasisResident, LevelLAD, wigan, day(2023, 6, 30), 330000, "2023"},
		{BasisResident, LevelLAD, "E06000001", day(2024, 6, 30), 90000, "2024"},
		{BasisResident, LevelLAD, "E06000002", day(2024, 6, 30), 140000, "2024"},
		{BasisResident, LevelICB, gmICB, day(2023, 6, 30), 2880000, "2023"},
		{BasisResident, LevelICB, gmICB, day(2024, 6, 30), 2900000, "2024"},
		{BasisRegistered, LevelPCN, "U11111", day(2026, 1, 1), 50000, "2026-01"},
		{BasisRegistered, LevelPCN, "U11111", day(2026, 4, 1), 51000, "2026-04"},
		{BasisRegistered, LevelPCN, "U11111", day(2026, 7, 1), 52000, "2026-07"},
		{BasisRegistered, LevelPCN, "U22222", day(2026, 5, 1), 30000, "2026-05"},
		{BasisRegistered, LevelLAD, trafford, day(2026, 5, 1), 999999, "never used: registered"},
	})
	idx := [][]any{{1, LevelLAD, "E08000099", "E08000099", "Gone"}}
	for _, r := range [][4]string{
		{LevelLAD, trafford, trafford, "Trafford"}, {LevelLAD, trafford, gmICB, "Trafford"}, {LevelLAD, trafford, northWest, "Trafford"},
		{LevelLAD, manchester, manchester, "Manchester"}, {LevelLAD, manchester, gmICB, "Manchester"}, {LevelLAD, manchester, northWest, "Manchester"},
		{LevelLAD, wigan, wigan, "Wigan"}, {LevelLAD, wigan, gmICB, "Wigan"}, {LevelLAD, wigan, northWest, "Wigan"},
		{LevelICB, gmICB, gmICB, "NHS Greater Manchester ICB"}, {LevelRegion, northWest, northWest, "North West"},
		{LevelLAD, "E06000001", "E06000001", "Hartlepool"}, {LevelLAD, "E06000001", "E12000001", "Hartlepool"},
		{LevelLAD, "E06000002", "E06000002", "Middlesbrough"}, {LevelLAD, "E06000002", "E12000001", "Middlesbrough"},
		{LevelRegion, "E12000001", "E12000001", "North East"},
		{LevelPCN, "U11111", "U11111", "Alpha PCN"}, {LevelPCN, "U11111", trafford, "Alpha PCN"},
		{LevelPCN, "U22222", "U22222", "Beta PCN"}, {LevelPCN, "U22222", manchester, "Beta PCN"},
		{LevelPCN, "U33333", "U33333", "Gamma PCN"}, {LevelPCN, "U33333", wigan, "Gamma PCN"},
	} {
		idx = append(idx, []any{2, r[0], r[1], r[2], r[3]})
	}
	must("geo_area_index", colsAreaIndex, idx)
}

func (a covActivity) score() domain.ActivityScore {
	return domain.ActivityScore{
		T: a.t, DatasetID: "https://example.org/ds", ActivityID: a.id, FeedURL: "https://example.org/feed",
		Kind: "SessionSeries", Name: a.id, Organiser: a.org, OrganiserKey: a.org,
		Location: domain.Location{Method: domain.LocPostcode, LAD: a.lad, ICB: a.icb, Region: a.rgn, PCN: a.pcn},
		Upcoming: a.upcoming, Freshness: a.f, Completeness: a.c, Assurance: a.a, Overall: a.o,
		Grade: domain.Grade(a.o), SPReady: a.sp, Online: a.online, ActivityTypes: a.types, MethodVersion: 1,
	}
}

// covRow is one coverage row; nil pointers are "no data".
type covRow struct {
	code, name         any
	upcoming, sp, orgs int64
	types              []string
	population         any
	per10k, f, c, a, o any
	activities, online int64
	basis              string
}

func runCoverage(t *testing.T, st store.Store, params map[string]string) []covRow {
	t.Helper()
	cat, err := query.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	def, err := cat.Get("coverage")
	if err != nil {
		t.Fatal(err)
	}
	args, err := def.Bind(params)
	if err != nil {
		t.Fatal(err)
	}
	res, err := query.Run(context.Background(), st, def, args)
	if err != nil {
		t.Fatalf("%s: %v", st.Backend(), err)
	}
	var out []covRow
	for _, r := range res.Rows {
		out = append(out, covRow{r[1], r[2], r[3].(int64), r[4].(int64), r[5].(int64), r[6].([]string), r[7],
			r[8], r[9], r[10], r[11], r[12], r[13].(int64), r[14].(int64), r[15].(string)})
	}
	return out
}

func TestCoverage(t *testing.T) {
	none := []string{}
	yogaWalk := []string{"t/walk", "t/yoga"}
	tests := []struct {
		name   string
		params map[string]string
		want   []covRow
	}{
		{"local authorities (the default level)", map[string]string{}, []covRow{
			{"E06000001", "Hartlepool", 0, 0, 0, none, int64(90000), 0.0, nil, nil, nil, nil, 0, 0, "resident"},
			{"E06000002", "Middlesbrough", 0, 0, 0, none, int64(140000), 0.0, nil, nil, nil, nil, 0, 0, "resident"},
			{manchester, "Manchester", 1, 1, 0, none, int64(568996), 0.0, 98.0, 90.0, 100.0, 96.0, 1, 1, "resident"},
			{trafford, "Trafford", 2, 1, 1, yogaWalk, int64(8000), 1.3, 58.3, 43.3, 16.7, 44.0, 3, 0, "resident"},
			{wigan, "Wigan", 0, 0, 0, none, nil, nil, nil, nil, nil, nil, 0, 0, "resident"},
			{knowsley, nil, 1, 1, 1, none, nil, nil, 50.0, 70.0, 0.0, 48.0, 1, 0, "resident"},
		}},
		{"PCNs: registered lists, the latest at or before T", map[string]string{"level": "pcn"}, []covRow{
			{"U11111", "Alpha PCN", 2, 1, 1, yogaWalk, int64(51000), 0.2, 72.5, 55.0, 25.0, 56.0, 2, 0, "registered"},
			{"U22222", "Beta PCN", 1, 1, 0, none, int64(30000), 0.3, 64.0, 55.0, 50.0, 58.0, 2, 1, "registered"},
			{"U33333", "Gamma PCN", 0, 0, 0, none, nil, nil, nil, nil, nil, nil, 0, 0, "registered"},
		}},
		{"ICB: means half up (68.25 → 68.3), estimate of the LAD year", map[string]string{"level": "icb"}, []covRow{
			{gmICB, "NHS Greater Manchester ICB", 3, 2, 1, yogaWalk, int64(2900000), 0.0, 68.3, 55.0, 37.5, 57.0, 4, 1, "resident"},
		}},
		{"region: the sum of its LADs, none while one has none", map[string]string{"level": "region"}, []covRow{
			{"E12000001", "North East", 0, 0, 0, none, int64(230000), 0.0, nil, nil, nil, nil, 0, 0, "resident"},
			{northWest, "North West", 3, 2, 1, yogaWalk, nil, nil, 68.3, 55.0, 37.5, 57.0, 4, 1, "resident"},
		}},
		{"place keeps overlapping areas", map[string]string{"level": "pcn", "place": trafford}, []covRow{
			{"U11111", "Alpha PCN", 2, 1, 1, yogaWalk, int64(51000), 0.2, 72.5, 55.0, 25.0, 56.0, 2, 0, "registered"},
			{"U22222", "Beta PCN", 1, 1, 0, none, int64(30000), 0.3, 64.0, 55.0, 50.0, 58.0, 2, 1, "registered"},
		}},
		{"as at the first snapshot", map[string]string{"level": "pcn", "at": "2026-03-15T00:00:00Z"}, []covRow{
			{"U11111", "Alpha PCN", 1, 0, 1, []string{"t/yoga"}, int64(50000), 0.0, 10.0, 10.0, 10.0, 10.0, 1, 0, "registered"},
			{"U22222", "Beta PCN", 0, 0, 0, none, nil, nil, nil, nil, nil, nil, 0, 0, "registered"},
			{"U33333", "Gamma PCN", 0, 0, 0, none, nil, nil, nil, nil, nil, nil, 0, 0, "registered"},
		}},
		{"before any snapshot: areas listed, nothing else", map[string]string{"level": "icb", "at": "2020-01-01T00:00:00Z"}, []covRow{
			{gmICB, "NHS Greater Manchester ICB", 0, 0, 0, none, nil, nil, nil, nil, nil, nil, 0, 0, "resident"},
		}},
	}
	for _, st := range openStores(t) {
		seedCoverage(t, st)
		for _, tc := range tests {
			t.Run(st.Backend()+"/"+tc.name, func(t *testing.T) {
				got := runCoverage(t, st, tc.params)
				if !reflect.DeepEqual(got, tc.want) {
					t.Errorf("got\n%v\nwant\n%v", got, tc.want)
				}
			})
		}
	}
}
