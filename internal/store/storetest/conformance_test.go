package storetest_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
	"github.com/feedgauge/feedgauge/queries"
)

// paramSets are the parameter combinations every backend must answer
// identically; a query not listed here runs with its defaults.
var paramSets = map[string][]map[string]string{
	"activities": {
		{}, {"at": storetest.T1.Format(time.RFC3339)}, {"at": "2026-05-01"},
		{"dataset": storetest.DatasetB}, {"pcn": "U12345"}, {"place": "E08000009"}, {"grade": "D"},
		{"sp_ready": "true"}, {"kind": "Event"}, {"limit": "2", "offset": "1"},
	},
	"datasets":    {{}, {"at": storetest.T1.Format(time.RFC3339)}, {"dataset": storetest.DatasetC}},
	"feed_health": {{}, {"status": "failed"}, {"at": storetest.T1.Format(time.RFC3339)}},
	"grants": {
		{}, {"quarter": "2026Q2"}, {"quarter": "2026Q1"}, {"status": "compliant"}, {"status": "no link found"},
		{"funder": "GB-LAE-TRF"}, {"limit": "2", "offset": "1"},
	},
	"trend": {
		{}, {"period": "day"}, {"period": "month"}, {"period": "quarter"}, {"at": storetest.T1.Format(time.RFC3339)},
		{"place": "E08000009"}, {"place": "E08000009", "period": "quarter"}, {"dataset": storetest.DatasetA},
		{"from": "2026-06-05"},
	},
	"grade_distribution": {{}, {"place": "E08000009"}, {"pcn": "U67890"}, {"dataset": storetest.DatasetB}, {"kind": "Event"},
		{"at": storetest.T1.Format(time.RFC3339)}},
	"feed_attempts": {{"feed": storetest.DatasetC + "feed"}, {"feed": storetest.DatasetA + "session-series", "limit": "1"},
		{"feed": storetest.DatasetC + "feed", "status": "failed"}, {"feed": storetest.DatasetC + "feed", "at": storetest.T1.Format(time.RFC3339)}},
	"check_failures": {{}, {"dataset": storetest.DatasetA}, {"pcn": "U67890"}, {"place": "E08000009"},
		{"feed": storetest.DatasetB + "session-series"}, {"at": storetest.T1.Format(time.RFC3339)}, {"dataset": storetest.DatasetC}},
	"activity_types_breakdown": {{}, {"place": "E08000009"}, {"pcn": "U12345", "limit": "1"}},
	"missing_properties":       {{}, {"dataset": storetest.DatasetB}, {"feed": storetest.DatasetA + "session-series"}},
	"providers":                {{}, {"place": "E08000009"}, {"pcn": "U67890"}, {"limit": "2"}},
	"snapshots":                {{}, {"status": ""}, {"status": "running"}, {"limit": "1"}},
	"places":                   {{}, {"level": "icb"}, {"at": "2026-05-01"}},
	"area_summary": {{}, {"level": "lsoa"}, {"level": "pcn"}, {"level": "pcn", "place": "E08000009"}, {"level": "region"},
		{"level": "pcn", "kind": "Event"}},
	"boundaries": {{}, {"place": "E08000009"}},
	"activity": {{"dataset": storetest.DatasetA, "activity": storetest.DatasetA + "ss/3"},
		{"dataset": storetest.DatasetA, "activity": storetest.DatasetA + "ss/2", "at": storetest.T1.Format(time.RFC3339)},
		{"dataset": storetest.DatasetB, "activity": "nothing"}},
	"activity_history": {{"dataset": storetest.DatasetA, "activity": storetest.DatasetA + "ss/2"}},
	"item":             {{"dataset": storetest.DatasetA, "feed": storetest.DatasetA + "session-series", "rpde_id": "1"}},
	// Excel reports (internal/report): quarters 2026Q2 (both snapshots) and
	// 2026Q1 (none), a place filter, an unknown place and empty periods.
	"report_provenance": {{}, {"from": "2026-04-01T00:00:00+01:00", "to": "2026-06-30T23:59:59+01:00"},
		{"to": "2026-03-31T23:59:59+01:00"}, {"to": storetest.T1.Format(time.RFC3339)}},
	"report_place": {{"place": "E08000009"}, {"place": "E12000002"}, {"place": "E99999999"}, {"place": ""}},
	"report_summary": {{}, {"place": "E08000009"}, {"place": "E99999999"},
		{"from": storetest.T2.Format(time.RFC3339), "prev_to": storetest.T1.Format(time.RFC3339)},
		{"from": "2026-07-01", "to": "2026-09-30"}},
	"report_groups": {{"by": "dataset"}, {"by": "pcn"}, {"by": "lad", "place": "E08000009"}, {"by": "region"},
		{"by": "pcn", "from": storetest.T2.Format(time.RFC3339), "prev_to": storetest.T1.Format(time.RFC3339)},
		{"by": "icb", "place": "E99999999"}},
	"report_quarter_trend": {{"q0": "2026Q2", "q1": "2026Q1", "q2": "2025Q4", "q3": "2025Q3"},
		{"q0": "2026Q3", "q1": "2026Q2", "q2": "2026Q1", "q3": "2025Q4", "place": "E08000009"}},
	"report_place_types":     {{}, {"place": "E08000009"}, {"at": storetest.T1.Format(time.RFC3339)}},
	"report_place_providers": {{}, {"place": "E08000009"}, {"at": storetest.T1.Format(time.RFC3339), "limit": "2"}},
	"report_fix_list":        {{}, {"dataset": storetest.DatasetA}, {"dataset": storetest.DatasetB, "at": storetest.T1.Format(time.RFC3339)}},
	// Alerts (internal/alerts): the fixture holds none, so these check the
	// SQL runs alike; internal/alerts compares evaluated alerts across stores
	// and TestAlertsOfAPeriod the quarter's alerts (from/to).
	"alerts": {{}, {"state": "active"}, {"state": "resolved", "recent_days": "0"}, {"kind": "failing"},
		{"dataset": storetest.DatasetC}, {"alert": "failing-0"}, {"at": storetest.T1.Format(time.RFC3339), "limit": "1"},
		{"at": "2026-06-30T23:59:59+01:00", "from": "2026-04-01T00:00:00+01:00", "to": "2026-06-30T23:59:59+01:00", "recent_days": "3650"}},
	// Open Referral UK beside OpenActive (internal/oruk): the standard filter
	// of coverage; internal/oruk checks both standards on a fixture with
	// services.
	"coverage": {{}, {"level": "pcn"}, {"standard": "oruk"}, {"standard": "openactive", "level": "pcn"},
		{"level": "region", "standard": "all"}, {"place": "E08000009", "standard": "openactive"},
		{"level": "pcn", "place": "U67890"}, {"level": "icb", "at": storetest.T1.Format(time.RFC3339)}},
}

// TestConformance loads the same fixture into every backend and checks that
// every named query returns identical typed results on all of them.
func TestConformance(t *testing.T) {
	ctx := context.Background()
	cat, err := query.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	backends := storetest.All(t)
	for _, b := range backends {
		if err := storetest.LoadFixture(ctx, b.Store); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("backends: %d (%v)", len(backends), names(backends))
	for _, name := range cat.Names() {
		def, _ := cat.Get(name)
		sets := paramSets[name]
		if sets == nil {
			sets = []map[string]string{{}}
		}
		for _, params := range sets {
			args, err := def.Bind(params)
			if err != nil {
				t.Fatalf("%s %v: %v", name, params, err)
			}
			var first *query.Result
			for _, b := range backends {
				res, err := query.Run(ctx, b.Store, def, args)
				if err != nil {
					t.Fatalf("%s on %s %v: %v", name, b.Name, params, err)
				}
				if first == nil {
					first = res
					continue
				}
				compare(t, name, params, backends[0].Name, first, b.Name, res)
			}
		}
	}
}

func names(bs []storetest.Backend) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Name)
	}
	return out
}

func compare(t *testing.T, name string, params map[string]string, an string, a *query.Result, bn string, b *query.Result) {
	t.Helper()
	if len(a.Rows) != len(b.Rows) {
		t.Errorf("%s %v: %s returned %d rows, %s %d", name, params, an, len(a.Rows), bn, len(b.Rows))
		return
	}
	for i := range a.Rows {
		for j, col := range a.Columns {
			if !reflect.DeepEqual(a.Rows[i][j], b.Rows[i][j]) {
				t.Errorf("%s %v row %d column %s: %s=%#v, %s=%#v", name, params, i, col.Name, an, a.Rows[i][j], bn, b.Rows[i][j])
			}
		}
	}
}

// TestHandCheckedFigures pins the fixture's figures, worked out by hand in
// the comments, on every backend.
func TestHandCheckedFigures(t *testing.T) {
	ctx := context.Background()
	cat, err := query.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range storetest.All(t) {
		t.Run(b.Name, func(t *testing.T) {
			if err := storetest.LoadFixture(ctx, b.Store); err != nil {
				t.Fatal(err)
			}
			// Dataset A at T2: overall 80, 76, 33 → sum 189 / 3 = 63.0, grade C.
			// Freshness 85, 85, 35 → 205/3 = 68.33… → 68.3.
			// Dataset B: overall 100 and 14 → 57.0, grade C.
			// Dataset C has no activities: every mean is "no data".
			ds := rows(t, ctx, b.Store, cat, "datasets", nil)
			want := map[string][]any{
				storetest.DatasetA: {int64(3), int64(2), 68.3, 63.0, "C"},
				storetest.DatasetB: {int64(2), int64(1), 57.5, 57.0, "C"},
				storetest.DatasetC: {int64(0), int64(0), nil, nil, nil},
			}
			for _, r := range ds {
				w := want[r["dataset_id"].(string)]
				got := []any{r["activities"], r["sp_ready"], r["freshness"], r["overall"], r["grade"]}
				if !reflect.DeepEqual(got, w) {
					t.Errorf("datasets %s = %v, want %v", r["dataset_id"], got, w)
				}
			}
			// At T1 the second activity was not SP-ready and scored 70: A = (80+70+33)/3 = 61.0.
			ds1 := rows(t, ctx, b.Store, cat, "datasets", map[string]string{"at": storetest.T1.Format(time.RFC3339)})
			if ds1[0]["overall"] != 61.0 || ds1[0]["sp_ready"] != int64(1) {
				t.Errorf("dataset A at T1 = %v", ds1[0])
			}
			// The running snapshot T3 is never visible; nothing exists before T1.
			if n := len(rows(t, ctx, b.Store, cat, "activities", nil)); n != 5 {
				t.Errorf("activities = %d rows, want 5", n)
			}
			if n := len(rows(t, ctx, b.Store, cat, "activities", map[string]string{"at": "2026-05-01"})); n != 0 {
				t.Errorf("activities before the first snapshot = %d rows, want 0", n)
			}
			// Trend of Trafford (E08000009): four located activities each week
			// (the unlocated netball is left out), from two datasets and two
			// feeds. Overall at T1: 80+70+33+100 = 283/4 = 70.75 → 70.8;
			// at T2: 80+76+33+100 = 289/4 = 72.25 → 72.3. SP-ready: 2, then 3.
			tr := rows(t, ctx, b.Store, cat, "trend", map[string]string{"place": "E08000009", "period": "week"})
			if len(tr) != 2 {
				t.Fatalf("trend of a place = %v", tr)
			}
			for i, want := range [][]any{{int64(4), int64(2), int64(2), int64(2), 70.8}, {int64(4), int64(3), int64(2), int64(2), 72.3}} {
				got := []any{tr[i]["activities"], tr[i]["sp_ready"], tr[i]["datasets"], tr[i]["feeds"], tr[i]["overall"]}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("trend week %d = %v, want %v", i, got, want)
				}
			}
			fh := rows(t, ctx, b.Store, cat, "feed_health", map[string]string{"status": "failed"})
			if len(fh) != 1 || fh[0]["error_kind"] != "http_5xx" || fh[0]["feed_url"] != storetest.DatasetC+"feed" {
				t.Errorf("failed feeds = %v", fh)
			}
			all := rows(t, ctx, b.Store, cat, "feed_health", nil)
			for _, r := range all {
				if r["feed_url"] == storetest.DatasetA+"scheduled-sessions" && (r["orphans"] != int64(12) || r["last_change"] != nil) {
					t.Errorf("scheduled-sessions health = %v", r)
				}
				if r["feed_url"] == storetest.DatasetA+"session-series" && r["last_change"] != storetest.T2 {
					t.Errorf("session-series last change = %v, want %v", r["last_change"], storetest.T2)
				}
			}
		})
	}
}

func rows(t *testing.T, ctx context.Context, st store.Store, cat *query.Catalog, name string, params map[string]string) []map[string]any {
	t.Helper()
	def, err := cat.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	args, err := def.Bind(params)
	if err != nil {
		t.Fatal(err)
	}
	res, err := query.Run(ctx, st, def, args)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, r := range res.Rows {
		m := map[string]any{}
		for i, c := range res.Columns {
			m[c.Name] = r[i]
		}
		out = append(out, m)
	}
	return out
}
