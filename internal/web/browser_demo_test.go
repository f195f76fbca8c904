package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/feedgauge/feedgauge/internal/demo"
	"github.com/feedgauge/feedgauge/internal/geo"
	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
	"github.com/feedgauge/feedgauge/internal/web"
	"github.com/feedgauge/feedgauge/queries"
)

// TestBrowserDemo opens the main pages over the real demo world (simulated
// publishers for Trafford, harvested, scored and located by the real
// pipeline) rather than generated scores: every chart draws, and no panel
// reports a problem.
func TestBrowserDemo(t *testing.T) {
	chromium(t)
	st := storetest.SQLite(t)
	w, err := demo.Build(context.Background(), st, demo.Options{Datasets: 20, Activities: 600, Weeks: 8})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	cat, err := query.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	res, err := geo.Load(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	ctx, base := browserFor(t, newServer(t, st, cat, func(o *web.Options) { o.LSOAPCN = res.LSOAPCNs }))
	acts := rowsOf(t, st, cat, "activities", map[string]string{"limit": "1", "sp_ready": "false"})
	if len(acts) == 0 {
		t.Fatal("the demo scored no activities")
	}
	pcns := rowsOf(t, st, cat, "coverage", map[string]string{"level": "pcn"})
	pages := []string{"/", "/places", "/places/E08000009", "/pcns/" + pcns[0]["area_code"].(string), "/map", "/datasets",
		"/dataset?id=" + url.QueryEscape(acts[0]["dataset_id"].(string)),
		"/activity?dataset=" + url.QueryEscape(acts[0]["dataset_id"].(string)) + "&id=" + url.QueryEscape(acts[0]["activity_id"].(string)),
		"/alerts"}
	for _, p := range pages {
		t.Run(strings.ReplaceAll(p, "/", "_"), func(t *testing.T) {
			load(t, ctx, base+p)
			pixels, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]int](inkedPixels))
			if err != nil {
				t.Fatal(err)
			}
			for id, n := range pixels {
				if n < 500 {
					t.Errorf("chart %s drew only %d pixels", id, n)
				}
			}
			problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
				`[...document.querySelectorAll(".panel .problem, [role=alert]")].map(e => e.textContent.trim())`))
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) > 0 {
				t.Errorf("%s shows problems: %q", p, problems)
			}
		})
	}
}

func rowsOf(t *testing.T, st store.Store, cat *query.Catalog, name string, params map[string]string) []map[string]any {
	t.Helper()
	d, err := cat.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	args, err := d.Bind(params)
	if err != nil {
		t.Fatal(err)
	}
	res, err := query.Run(context.Background(), st, d, args)
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
