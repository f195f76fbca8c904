package web_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
	"github.com/feedgauge/feedgauge/internal/web/webtest"
	"github.com/feedgauge/feedgauge/queries"
)

// TestQueriesAgreeOnWorld runs the dashboard's queries on a synthetic year
// with geography in every configured backend and checks they agree. The
// snapshots fall at 23:30 UTC, so periods bounded at 00:00 Europe/London
// differ from UTC ones in summer: the last snapshot, 2026-06-30T23:30Z, is
// 1 July in London and belongs to 2026Q3.
func TestQueriesAgreeOnWorld(t *testing.T) {
	ctx := context.Background()
	cat, err := query.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	end := time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC)
	backends := storetest.All(t)
	for _, b := range backends {
		if _, err := webtest.Generate(ctx, b.Store, webtest.Options{Weeks: 40, Activities: 150, Datasets: 5, End: end}); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name   string
		params map[string]string
	}{
		{"trend", map[string]string{"period": "quarter"}}, {"trend", map[string]string{"period": "month"}},
		{"trend", map[string]string{"period": "week"}}, {"trend", map[string]string{"period": "day", "place": webtest.Trafford}},
		{"trend", map[string]string{"period": "month", "place": webtest.ICB}},
		{"grade_distribution", map[string]string{"place": webtest.Salford}},
		{"check_failures", map[string]string{"pcn": "U10001"}},
		{"activity_types_breakdown", map[string]string{"place": webtest.Trafford}},
		{"missing_properties", nil}, {"providers", map[string]string{"place": webtest.Trafford}},
		{"places", nil}, {"area_summary", map[string]string{"level": "lsoa", "place": webtest.Salford}},
		{"area_summary", map[string]string{"level": "pcn"}}, {"boundaries", map[string]string{"place": webtest.Trafford}},
		{"boundaries", nil}, {"snapshots", nil},
		{"feed_attempts", map[string]string{"feed": "https://publisher000.example.org/openactive/session-series"}},
		{"activity_history", map[string]string{"dataset": "https://publisher003.example.org/openactive/",
			"activity": "https://publisher003.example.org/openactive/session-series/00003"}},
	}
	for _, c := range cases {
		def, err := cat.Get(c.name)
		if err != nil {
			t.Fatal(err)
		}
		args, err := def.Bind(c.params)
		if err != nil {
			t.Fatal(err)
		}
		var first *query.Result
		for _, b := range backends {
			res, err := query.Run(ctx, b.Store, def, args)
			if err != nil {
				t.Fatalf("%s %v on %s: %v", c.name, c.params, b.Name, err)
			}
			if len(res.Rows) == 0 {
				t.Errorf("%s %v on %s: no rows", c.name, c.params, b.Name)
			}
			if first == nil {
				first = res
				continue
			}
			if !reflect.DeepEqual(first.Rows, res.Rows) {
				t.Errorf("%s %v: %s and %s differ:\n%v\n%v", c.name, c.params, backends[0].Name, b.Name, head(first.Rows), head(res.Rows))
			}
		}
		if c.name == "trend" && c.params["period"] == "quarter" {
			last := first.Rows[len(first.Rows)-1]
			if last[0] != "2026Q3" || !last[1].(time.Time).Equal(end) {
				t.Errorf("last quarter row = %v %v, want 2026Q3 at %v", last[0], last[1], end)
			}
		}
	}
}

func head(rows [][]any) [][]any { return rows[:min(3, len(rows))] }
