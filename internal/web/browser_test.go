package web_test

import (
	"context"
	_ "embed"
	"net"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/feedgauge/feedgauge/internal/web"
	"github.com/feedgauge/feedgauge/internal/web/webtest"
)

//go:embed testdata/axe/axe.min.js
var axeJS string

// browser starts the app on 127.0.0.1:0 and a headless Chromium. Without
// Chromium the test is skipped, except under CI=true where that fails.
func browser(t *testing.T) (ctx context.Context, base string) {
	t.Helper()
	chromium(t)
	f := sharedFixture(t)
	return browserFor(t, newServer(t, f.st, f.cat))
}

// chromium finds the browser, skipping (or failing under CI=true) without.
func chromium(t *testing.T) string {
	t.Helper()
	path := os.Getenv("FEEDGAUGE_TEST_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath(path); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but Chromium is not at %s (set FEEDGAUGE_TEST_CHROMIUM): %v", path, err)
		}
		t.Skipf("no Chromium at %s: set FEEDGAUGE_TEST_CHROMIUM to run the browser tests", path)
	}
	return path
}

// browserFor serves srv on 127.0.0.1:0 and starts a headless Chromium.
func browserFor(t *testing.T, srv *web.Server) (ctx context.Context, base string) {
	t.Helper()
	path := chromium(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(sctx, ln) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(path), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx, "http://" + ln.Addr().String()
}

func awaitPromise(p *runtime.EvaluateParams) { t := true; p.AwaitPromise = &t }

// load opens a page and waits until every chart has been drawn (or has
// reported why not).
func load(t *testing.T, ctx context.Context, u string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatalf("open %s: %v", u, err)
	}
	waitCharts(t, ctx, u)
}

func waitCharts(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.readyState === "complete" && typeof echarts !== "undefined" &&
		document.querySelectorAll(".chart").length === document.querySelectorAll(".chart[data-drawn]").length`,
		chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		t.Fatalf("charts of %s never drew: %v", what, err)
	}
}

// inkedPixels counts the non-transparent pixels of each chart's canvas.
const inkedPixels = `(() => {
  const out = {};
  document.querySelectorAll(".chart").forEach(el => {
    let n = 0;
    el.querySelectorAll("canvas").forEach(c => {
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) n++; }
    });
    out[el.id] = n;
  });
  return out;
})()`

func TestBrowserPages(t *testing.T) {
	ctx, base := browser(t)
	f := sharedFixture(t)
	ds, act := f.world.Activity(3)
	pages := []string{"/", "/places", "/places/" + webtest.Trafford, "/pcns/U10001", "/map", "/datasets",
		"/dataset?id=" + url.QueryEscape(ds), "/feed?url=" + url.QueryEscape(f.world.FeedURL(2)),
		"/activity?dataset=" + url.QueryEscape(ds) + "&id=" + url.QueryEscape(act), "/grants", "/alerts", "/reports", "/method", "/glossary"}
	for _, p := range pages {
		t.Run(strings.ReplaceAll(p, "/", "_"), func(t *testing.T) {
			load(t, ctx, base+p)
			pixels, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]int](inkedPixels))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("inked pixels per chart: %v", pixels)
			for id, n := range pixels {
				if n < 500 {
					t.Errorf("chart %s drew only %d pixels", id, n)
				}
			}
			if p == "/" && len(pixels) < 4 || p == "/map" && len(pixels) != 3 {
				t.Errorf("%s drew %d charts: %v", p, len(pixels), pixels)
			}
			offline(t, ctx, base)
			audit(t, ctx)
		})
	}
}

// offline checks that every resource the page loaded came from the app.
func offline(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	urls, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`performance.getEntriesByType("resource").map(e => e.name)`))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range urls {
		if !strings.HasPrefix(u, base+"/") {
			t.Errorf("the page requested %s, outside the app", u)
		}
	}
}

type axeResult struct {
	Violations []struct {
		ID, Impact, Help string
		Nodes            []struct {
			Target []string
		}
	}
}

// audit runs axe-core and fails on serious or critical violations.
func audit(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axeJS)); err != nil {
		t.Fatalf("inject axe: %v", err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](`axe.run(document, {runOnly: {type: "tag",
		values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})`, awaitPromise))
	if err != nil {
		t.Fatalf("axe: %v", err)
	}
	var all []string
	for _, v := range res.Violations {
		all = append(all, v.ID+"/"+v.Impact)
	}
	t.Logf("axe: %d violations %v", len(res.Violations), all)
	for _, v := range res.Violations {
		if v.Impact == "serious" || v.Impact == "critical" {
			var where []string
			for _, n := range v.Nodes[:min(3, len(v.Nodes))] {
				where = append(where, strings.Join(n.Target, " "))
			}
			t.Errorf("axe %s (%s): %s at %v", v.ID, v.Impact, v.Help, where)
		}
	}
}

func figure(t *testing.T, ctx context.Context, panel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#panel-"+panel+" .figure .value")))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestBrowserFiltersAndDownloads(t *testing.T) {
	ctx, base := browser(t)
	load(t, ctx, base+"/")
	all := figure(t, ctx, "sp_ready_now")
	// Choose a place in the filter form and submit it, as a person would.
	err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#f-place"), webtest.Salford),
		chromedp.Click(chromedp.CSS(".filters button[type=submit]")))
	if err != nil {
		t.Fatal(err)
	}
	// The submit navigates; evaluations during the navigation fail, so retry.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		q, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.search : ""`))
		if err == nil && strings.Contains(q, "place=") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("submitting the filters did not load a new page: %q %v", q, err)
		}
	}
	waitCharts(t, ctx, "the filtered overview")
	if loc := mustLocation(t, ctx); !strings.Contains(loc, "place="+webtest.Salford) {
		t.Errorf("the filter is not in the URL: %s", loc)
	}
	if one := figure(t, ctx, "sp_ready_now"); one == all {
		t.Errorf("SP-ready for Salford (%s) equals the figure for all places (%s)", one, all)
	}
	csvMatchesTable(t, ctx, "grades")
	csvMatchesTable(t, ctx, "missing")
	keyboard(t, ctx)
}

// keyboard checks the first Tab reaches the skip link, that focus is
// visible, and that following it moves focus to the main content.
func keyboard(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.activeElement.className,
		getComputedStyle(document.activeElement).boxShadow, String(document.activeElement.getBoundingClientRect().left >= 0)]`))
	if err != nil || got[0] != "skip-link" || got[1] == "none" || got[2] != "true" {
		t.Fatalf("first Tab focused %v (%v), want the visible skip link", got, err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
	if err != nil || id != "main" {
		t.Errorf("the skip link moved focus to %q (%v), want main", id, err)
	}
}
