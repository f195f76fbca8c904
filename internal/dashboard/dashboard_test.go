package dashboard_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/feedgauge/feedgauge/dashboards"
	"github.com/feedgauge/feedgauge/internal/dashboard"
	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/queries"
)

func catalog(t *testing.T) *query.Catalog {
	t.Helper()
	cat, err := query.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestShippedDashboardsLoad checks every dashboard in dashboards/.
func TestShippedDashboardsLoad(t *testing.T) {
	set, err := dashboard.Load(dashboards.FS, catalog(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"overview", "places", "place", "pcn", "map", "datasets", "dataset", "feed", "activity", "alerts"} {
		if set.Get(n) == nil {
			t.Errorf("dashboard %s missing", n)
		}
	}
}

func TestValidationNamesFileAndLine(t *testing.T) {
	cat := catalog(t)
	cases := []struct{ name, yaml, want string }{
		{"unknown query", "title: X\npanels:\n  - {id: a, title: A, query: nope, chart: table}\n", "bad.yaml:3: panel a: unknown query"},
		{"unknown column", "title: X\npanels:\n  - id: a\n    title: A\n    query: datasets\n    chart: bar\n    x: name\n    y: [spready]\n", `bad.yaml:3: panel a: query datasets has no column "spready"`},
		{"unknown param", "title: X\npanels:\n  - {id: a, title: A, query: datasets, chart: table, params: {plaec: x}}\n", `no parameter "plaec"`},
		{"bad literal", "title: X\npanels:\n  - {id: a, title: A, query: trend, chart: table, params: {period: fortnight}}\n", `period="fortnight"`},
		{"unknown filter", "title: X\npanels:\n  - {id: a, title: A, query: datasets, chart: table, params: {at: \"{{filter.at}}\"}}\n", `no filter "at"`},
		{"typo field", "title: X\npanels:\n  - {id: a, title: A, quey: datasets, chart: table}\n", `bad.yaml:3: a panel has no field "quey"`},
		{"bad chart", "title: X\npanels:\n  - {id: a, title: A, query: datasets, chart: pie}\n", `chart "pie"`},
		{"missing param", "title: X\npanels:\n  - {id: a, title: A, query: feed_attempts, chart: table}\n", "needs parameter feed"},
		{"bad link ref", "title: X\npanels:\n  - {id: a, title: A, query: datasets, chart: table, links: {name: \"/x?{{row.nope}}\"}}\n", "{{row.nope}}"},
		{"not yaml", "title: [\n", "bad.yaml"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := dashboard.Load(fstest.MapFS{"bad.yaml": {Data: []byte(c.yaml)}}, cat)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %v, want it to contain %q", err, c.want)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "dashboards/bad.yaml") {
				t.Errorf("error does not start with the file: %v", err)
			}
		})
	}
}

func TestRequiresSwitchesPageOff(t *testing.T) {
	set, err := dashboard.Load(fstest.MapFS{"a.yaml": {Data: []byte("title: A\nrequires: [nope]\npanels:\n  - {id: a, title: A, query: nope, chart: table}\n")}}, catalog(t))
	if err != nil || set.Get("a").Missing != "nope" {
		t.Fatalf("err %v, missing %q", err, set.Get("a").Missing)
	}
}

func TestVars(t *testing.T) {
	v := dashboard.Vars{Filters: map[string]string{"place": "E08000009", "at": ""}, Page: map[string]string{"dataset": "https://x/?a=1&b"}}
	got := v.Params(map[string]string{"place": "{{filter.place}}", "at": "{{filter.at}}", "dataset": "{{page.dataset}}", "level": "pcn"})
	if got["place"] != "E08000009" || got["dataset"] != "https://x/?a=1&b" || got["level"] != "pcn" {
		t.Errorf("params = %v", got)
	}
	if _, ok := got["at"]; ok {
		t.Error("an empty filter should leave the query's default")
	}
	link := v.Link("/dataset?id={{row.dataset_id}}", func(string) string { return "https://x/?a=1&b" })
	if link != "/dataset?id=https%3A%2F%2Fx%2F%3Fa%3D1%26b&place=E08000009" {
		t.Errorf("link = %s", link)
	}
}

func TestFormatUK(t *testing.T) {
	cases := []struct {
		v      any
		format string
		want   string
	}{
		{int64(1234), "int", "1,234"}, {int64(-1234567), "int", "-1,234,567"}, {int64(12), "int", "12"},
		{12.5, "pct", "12.5%"}, {68.3, "number", "68.3"}, {1234.0, "number", "1,234.0"}, {-0.25, "number", "-0.3"},
		{nil, "number", "no data"}, {true, "bool", "Yes"},
		{time.Date(2026, 6, 1, 6, 0, 0, 0, time.UTC), "date", "1 June 2026"},
		{time.Date(2026, 5, 31, 23, 30, 0, 0, time.UTC), "datetime", "1 June 2026, 00:30"},
		{[]string{"sp.9", "as.3"}, "check", "sp.9 Photo, as.3"},
	}
	labels := &dashboard.Labels{Checks: map[string]string{"sp.9": "Photo"}}
	for _, c := range cases {
		if got := dashboard.Format(c.v, c.format, labels); got != c.want {
			t.Errorf("Format(%v, %s) = %q, want %q", c.v, c.format, got, c.want)
		}
	}
}
