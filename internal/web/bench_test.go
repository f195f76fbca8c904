package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/web/webtest"
)

// BenchmarkPages measures each page on a year of weekly history (5,000
// activities in 100 datasets × 52 snapshots) in the embedded store while a
// snapshot is being written at the same time, and reports the median and
// 95th percentile page time. Run:
//
//	go test -run '^$' -bench Pages -benchtime 40x -count 3 ./internal/web/
func BenchmarkPages(b *testing.B) {
	ctx := context.Background()
	start := time.Now()
	st, world, cat, err := buildStore(ctx, filepath.Join(b.TempDir(), "fg.db"), webtest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	b.Logf("built a year of history in %v", time.Since(start).Round(time.Millisecond))
	srv := newServer(b, st, cat)
	ds, act := world.Activity(7)
	pages := []string{"/", "/places", "/places/" + webtest.Trafford, "/pcns/U10001", "/map", "/datasets",
		"/dataset?id=" + url.QueryEscape(ds), "/feed?url=" + url.QueryEscape(world.FeedURL(7)),
		"/activity?dataset=" + url.QueryEscape(ds) + "&id=" + url.QueryEscape(act), "/method"}

	// The write load: a whole snapshot (5,000 scores, roll-ups, attempts,
	// feed stats; status "running", so the pages' figures stay put) every
	// 1.5 s, far faster than a real harvest, while the pages are read.
	wctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	var written int
	var writing time.Duration
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := world.End
		for wctx.Err() == nil && os.Getenv("FEEDGAUGE_BENCH_NO_WRITES") == "" {
			t = t.Add(7 * 24 * time.Hour)
			t0 := time.Now()
			if err := world.WriteSnapshot(wctx, st, t, world.Weeks, domain.SnapshotRunning); err != nil && wctx.Err() == nil {
				b.Error(err)
				return
			}
			written, writing = written+1, writing+time.Since(t0)
			select {
			case <-wctx.Done():
			case <-time.After(1500 * time.Millisecond):
			}
		}
	}()
	defer func() {
		stop()
		wg.Wait()
		if written > 0 {
			b.Logf("snapshots written during the run: %d, %v each", written, (writing / time.Duration(written)).Round(time.Millisecond))
		}
	}()

	for _, p := range pages {
		b.Run(name(p), func(b *testing.B) {
			var times []time.Duration
			for b.Loop() {
				t0 := time.Now()
				resp, err := srv.App().Test(httptest.NewRequest(http.MethodGet, p, nil), 60_000)
				if err != nil || resp.StatusCode != 200 {
					b.Fatalf("GET %s: %v %v", p, err, resp)
				}
				resp.Body.Close()
				times = append(times, time.Since(t0))
			}
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			b.ReportMetric(ms(times[len(times)/2]), "p50-ms")
			b.ReportMetric(ms(times[(len(times)*95+99)/100-1]), "p95-ms")
		})
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func name(p string) string {
	if u, err := url.Parse(p); err == nil {
		return fmt.Sprint(u.Path)
	}
	return p
}
