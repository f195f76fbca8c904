package harvest

import (
	"bufio"
	"context"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/rpde"
	"github.com/feedgauge/feedgauge/internal/simulate"
)

// benchWorld starts a simulator whose feeds hold about `items` items in
// total at its clock, with 500-item pages.
func benchWorld(tb testing.TB, items int) (*simulate.Server, []domain.Feed, int) {
	epoch := t0.AddDate(0, 0, 30)
	s := mustSim(tb, simulate.Config{Seed: 42, Datasets: 8, ItemsPerFeed: items / 16, ChildrenPerParent: 1,
		PageSize: 500, Clock: t0, Epoch: epoch})
	feeds := simFeeds(s)
	total := 0
	for _, f := range feeds {
		tr, _ := s.Truth(f.URL, t0)
		total += tr.Updated + tr.Deleted
	}
	return s, feeds, total
}

// BenchmarkBareFetchDecode fetches and decodes every page of a ~200,000
// item feed set, 8 feeds at a time, keeping nothing.
func BenchmarkBareFetchDecode(b *testing.B) {
	_, feeds, total := benchWorld(b, 200000)
	client := testClient()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var wg sync.WaitGroup
		sem := make(chan struct{}, 8)
		for _, f := range feeds {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				_, err := rpde.Walk(context.Background(), client, f.URL, rpde.WalkOptions{}, func(context.Context, rpde.PageEvent) error { return nil })
				if err != nil {
					b.Error(err)
				}
			}()
		}
		wg.Wait()
	}
	b.ReportMetric(float64(total*b.N)/b.Elapsed().Seconds(), "items/s")
	b.ReportMetric(float64(total), "items")
}

// BenchmarkHarvestToStore harvests the same feed set into a fresh embedded
// store each time.
func BenchmarkHarvestToStore(b *testing.B) {
	_, feeds, total := benchWorld(b, 200000)
	var elapsed time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st := mustStore(b, b.TempDir())
		o := opts(st, t0)
		o.Concurrency = 8
		if v, err := strconv.Atoi(os.Getenv("FG_BATCH")); err == nil {
			o.BatchItems = v
		}
		b.StartTimer()
		start := time.Now()
		as, err := HarvestAll(context.Background(), feeds, o)
		elapsed += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		for _, a := range as {
			if a.Status != domain.StatusOK {
				b.Fatalf("%s: %s", a.FeedURL, a.Message)
			}
		}
	}
	b.ReportMetric(float64(total*b.N)/elapsed.Seconds(), "items/s")
	b.ReportMetric(float64(total), "items")
}

// TestPeakMemoryMillionItems harvests about 1,000,000 items in a child
// process and reports its peak resident memory. Set FG_BIG=1 to run it.
func TestPeakMemoryMillionItems(t *testing.T) {
	if os.Getenv("FG_BIG") == "" {
		t.Skip("set FG_BIG=1 to harvest a million items and measure peak memory")
	}
	_, feeds, total := benchWorld(t, 1000000)
	dir := t.TempDir()
	mustStore(t, dir).Close()
	cmd := childCmd(t, dir, t0, 0, feeds)
	out, _ := cmd.StdoutPipe()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var lines []string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if l := sc.Text(); !strings.HasPrefix(l, "page ") {
			lines = append(lines, l)
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatal(err, lines)
	}
	sort.Strings(lines)
	t.Logf("%d items in %s; %s", total, time.Since(start).Round(time.Millisecond), strings.Join(lines, "\n"))
}
