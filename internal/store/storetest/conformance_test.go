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
