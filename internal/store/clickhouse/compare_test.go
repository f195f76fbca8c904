package clickhouse_test

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

// required are values for parameters that have no default: ids from the
// storetest fixture, which every store holds.
var required = map[string]string{
	"dataset": storetest.DatasetA, "activity": storetest.DatasetA + "ss/1", "feed": storetest.DatasetA + "session-series",
	"rpde_id": "1", "place": "E08000009", "q0": "2025Q3", "q1": "2025Q4", "q2": "2026Q1", "q3": "2026Q2",
}

// paramSets gives each named query its defaults (with required parameters
// filled in) plus, where the query takes them, "as at" times inside the
// world and the fixture, dataset and place filters, and every value of each
// enum parameter without a default.
func paramSets(d *query.Def) []map[string]string {
	base := map[string]string{}
	for _, p := range d.Params {
		if v, ok := required[p.Name]; ok && p.Default == nil {
			base[p.Name] = v
		}
	}
	with := func(k, v string) map[string]string {
		m := map[string]string{k: v}
		for bk, bv := range base {
			if bk != k {
				m[bk] = bv
			}
		}
		return m
	}
	sets := []map[string]string{with("", "")}
	for _, p := range d.Params {
		switch {
		case p.Name == "at":
			for _, at := range []time.Time{testWorld.T(2), testWorld.T(5), storetest.T1} {
				sets = append(sets, with("at", at.Format(time.RFC3339)))
			}
		case p.Name == "dataset" && p.Default != nil:
			sets = append(sets, with("dataset", "https://world007.example.org/openactive/"), with("dataset", storetest.DatasetA))
		case p.Name == "place" && p.Default != nil:
			sets = append(sets, with("place", "E06000007"), with("place", "E08000009"))
		}
	}
	for _, p := range d.Params {
		if p.Default != nil || p.Type != "enum" {
			continue
		}
		var out []map[string]string
		for _, s := range sets {
			for _, v := range p.Values {
				m := map[string]string{p.Name: v}
				for k, x := range s {
					m[k] = x
				}
				out = append(out, m)
			}
		}
		sets = out
	}
	for _, s := range sets {
		delete(s, "")
	}
	return sets
}

// compareAll runs every named query with each parameter set on the
// reference store and on the others, and reports any difference.
func compareAll(t *testing.T, ctx context.Context, ref store.Store, others map[string]store.Store) {
	t.Helper()
	cat, err := query.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	runs, start := 0, time.Now()
	for _, name := range cat.Names() {
		def, _ := cat.Get(name)
		for _, params := range paramSets(def) {
			args, err := def.Bind(params)
			if err != nil {
				t.Logf("%s %v: %v (skipped: the query needs parameters this test does not know)", name, params, err)
				continue
			}
			want, err := query.Run(ctx, ref, def, args)
			if err != nil {
				t.Errorf("%s %v on one server: %v", name, params, err)
				continue
			}
			for label, st := range others {
				got, err := query.Run(ctx, st, def, args)
				if err != nil {
					t.Errorf("%s %v on %s: %v", name, params, label, err)
					continue
				}
				diff(t, name+" "+label, params, want, got)
			}
			runs++
		}
	}
	t.Logf("%d query runs compared across %d queries in %s", runs, len(cat.Names()), time.Since(start).Round(time.Millisecond))
}

func diff(t *testing.T, what string, params map[string]string, a, b *query.Result) {
	t.Helper()
	if len(a.Rows) != len(b.Rows) {
		t.Errorf("%s %v: one server returned %d rows, the cluster %d", what, params, len(a.Rows), len(b.Rows))
		return
	}
	for i := range a.Rows {
		if !reflect.DeepEqual(a.Rows[i], b.Rows[i]) {
			t.Errorf("%s %v row %d:\n one server: %v\n cluster:    %v", what, params, i, a.Rows[i], b.Rows[i])
			return
		}
	}
}
