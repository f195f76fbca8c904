package pipeline_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/feedgauge/feedgauge/internal/demo"
	"github.com/feedgauge/feedgauge/internal/discover"
	"github.com/feedgauge/feedgauge/internal/geo"
	"github.com/feedgauge/feedgauge/internal/pipeline"
	"github.com/feedgauge/feedgauge/internal/simulate"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// coverage columns: 0 level … 13 activities, 17 snapshot_t, then the four
// standard columns 18–21.
const (
	colArea, colUpcoming, colSPReady, colActivities          = 1, 3, 4, 13
	colOAUpcoming, colOASPReady, colORUKActive, colORUKReady = 18, 19, 20, 21
)

// TestCoverageBothStandards places OpenActive activities and ORUK services
// in the real Trafford geography and checks the coverage query on every
// backend: OpenActive-only figures are those of a store holding only the
// OpenActive data; "all" adds the services; the backends agree on every
// ORUK query.
func TestCoverageBothStandards(t *testing.T) {
	ctx := context.Background()
	backends := storetest.All(t)
	for _, b := range backends {
		if _, err := geo.ImportDemo(ctx, b.Store); err != nil {
			t.Fatal(err)
		}
	}
	places, err := demo.Places(ctx, backends[0].Store, 40)
	if err != nil {
		t.Fatal(err)
	}
	sim, err := simulate.Start(ctx, simulate.Config{Seed: 3, Datasets: 4, Activities: 60, Clock: t0, Places: places,
		ORUK: []simulate.ORUKFeed{{Services: 30}, {Version: 1, Services: 14, PageSize: 6}}})
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	oaOnly := storetest.SQLite(t)
	if _, err := geo.ImportDemo(ctx, oaOnly); err != nil {
		t.Fatal(err)
	}
	snapshot(t, oaOnly, sim, false)
	for _, b := range backends {
		snapshot(t, b.Store, sim, true)
	}
	for _, level := range []string{"pcn", "lad"} {
		want := rows(t, oaOnly, "coverage", map[string]string{"level": level})
		for _, b := range backends {
			checkStandards(t, b.Name, level, want, b.Store)
		}
	}
	for _, q := range []struct {
		name   string
		params map[string]string
	}{
		{"coverage", map[string]string{"level": "pcn", "standard": "oruk"}},
		{"coverage", map[string]string{"level": "icb"}},
		{"oruk_feeds", nil}, {"oruk_readiness", map[string]string{"place": "E08000009"}},
		{"oruk_export", map[string]string{"place": "E08000009"}},
	} {
		first := rows(t, backends[0].Store, q.name, q.params)
		if len(first) == 0 {
			t.Errorf("%s %v: no rows", q.name, q.params)
		}
		for _, b := range backends[1:] {
			if got := rows(t, b.Store, q.name, q.params); !reflect.DeepEqual(got, first) {
				t.Errorf("%s %v: %s differs from %s", q.name, q.params, b.Name, backends[0].Name)
			}
		}
	}
}

// snapshot runs one snapshot of the simulator's catalogue (and its ORUK
// feeds) with the store's geography.
func snapshot(t *testing.T, st store.Store, sim *simulate.Server, withORUK bool) {
	t.Helper()
	ctx := context.Background()
	o := options(t, st, sim)
	res, err := geo.Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	o.Reference = o.Reference.WithLocator(res)
	if withORUK {
		for _, f := range sim.ORUKFeeds() {
			o.Sources = append(o.Sources, discover.Source{URL: f.URL})
		}
	}
	if _, err := pipeline.Run(ctx, o); err != nil {
		t.Fatal(err)
	}
}

// checkStandards compares a mixed store's coverage with the OpenActive-only
// store's: standard=openactive gives the same rows; standard=all adds the
// services, which standard=oruk counts on their own.
func checkStandards(t *testing.T, backend, level string, oaOnly [][]any, st store.Store) {
	t.Helper()
	get := func(standard string) map[string][]any {
		out := map[string][]any{}
		for _, r := range rows(t, st, "coverage", map[string]string{"level": level, "standard": standard}) {
			out[r[colArea].(string)] = r
		}
		return out
	}
	oa, all, or := get("openactive"), get("all"), get("oruk")
	services := 0
	for _, w := range oaOnly {
		area := w[colArea].(string)
		if got := oa[area]; !reflect.DeepEqual(got[:18], w[:18]) {
			t.Errorf("%s %s %s: standard=openactive gives %v, OpenActive-only data %v", backend, level, area, got[:18], w[:18])
		}
	}
	for area, a := range all {
		o, r := oa[area], or[area]
		n := func(row []any, c int) int64 {
			if row == nil {
				return 0
			}
			return row[c].(int64)
		}
		if n(a, colActivities) != n(o, colActivities)+n(r, colActivities) || n(a, colUpcoming) != n(a, colOAUpcoming)+n(a, colORUKActive) ||
			n(a, colSPReady) != n(a, colOASPReady)+n(a, colORUKReady) || n(r, colUpcoming) != n(r, colORUKActive) {
			t.Errorf("%s %s %s: all %v, openactive %v, oruk %v", backend, level, area, a, o, r)
		}
		services += int(n(r, colActivities))
	}
	if services == 0 {
		t.Errorf("%s %s: no ORUK service was located in any area", backend, level)
	}
}
