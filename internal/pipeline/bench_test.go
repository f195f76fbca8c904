package pipeline_test

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/discover"
	"github.com/feedgauge/feedgauge/internal/fetch"
	"github.com/feedgauge/feedgauge/internal/pipeline"
	"github.com/feedgauge/feedgauge/internal/rpde"
	"github.com/feedgauge/feedgauge/internal/simulate"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// BenchmarkFirstSnapshot measures, in one run, the bare work of fetching
// and decoding every page of a ~200,000-item simulated publisher (8 feeds at
// a time, nothing kept) and a first snapshot of the same publisher (discover,
// harvest, score and store into a fresh embedded store), and reports the
// ratio of their times. Run:
//
//	go test -run '^$' -bench FirstSnapshot -benchtime 1x -count 5 ./internal/pipeline/
func BenchmarkFirstSnapshot(b *testing.B) {
	sim, err := simulate.Start(context.Background(), simulate.Config{Seed: 42, Datasets: 8, ItemsPerFeed: 200000 / 16,
		ChildrenPerParent: 1, PageSize: 500, Clock: t0, Epoch: t0.AddDate(0, 0, 30)})
	if err != nil {
		b.Fatal(err)
	}
	defer sim.Close()
	var feeds []string
	total := 0
	for _, d := range sim.Datasets() {
		for _, f := range d.Feeds {
			feeds = append(feeds, f.URL)
			tr, _ := sim.Truth(f.URL, t0)
			total += tr.Updated + tr.Deleted
		}
	}
	var bare time.Duration
	b.Run("bare", func(b *testing.B) {
		client := benchClient()
		cpu := storetest.CPUTime()
		for i := 0; i < b.N; i++ {
			walkAll(b, client, feeds)
		}
		bare = b.Elapsed() / time.Duration(b.N)
		b.ReportMetric(float64(total)/bare.Seconds(), "items/s")
		b.ReportMetric((storetest.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	})
	// cpu-s/op counts the simulated publisher too (it runs in this process),
	// in both runs.
	b.Run("snapshot", func(b *testing.B) { benchSnapshot(b, sim, storetest.SQLite, total, bare) })
	// The production store, for comparison, when a server is configured:
	// its server's CPU is not in cpu-s/op, only in the wall clock.
	if os.Getenv(storetest.EnvClickHouse) != "" {
		b.Run("snapshot-clickhouse", func(b *testing.B) { benchSnapshot(b, sim, storetest.ClickHouse, total, bare) })
	}
}

// benchSnapshot times first snapshots of sim into fresh stores.
func benchSnapshot(b *testing.B, sim *simulate.Server, open func(testing.TB) store.Store, total int, bare time.Duration) {
	var took, cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st := open(b)
		o := options(b, st, sim)
		o.Client, o.Sources, o.Concurrency = benchClient(), []discover.Source{{URL: sim.CatalogueURL()}}, 8
		b.StartTimer()
		start, c := time.Now(), storetest.CPUTime()
		sum, err := pipeline.Run(context.Background(), o)
		took += time.Since(start)
		cpu += storetest.CPUTime() - c
		if err != nil || sum.FeedsFailed > 0 {
			b.Fatalf("snapshot: %v %+v", err, sum.Failures)
		}
	}
	per := took / time.Duration(b.N)
	b.ReportMetric(float64(total)/per.Seconds(), "items/s")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	if bare > 0 {
		b.ReportMetric(per.Seconds()/bare.Seconds(), "x_bare")
	}
}

func benchClient() *fetch.Client {
	fo := fetch.DefaultOptions()
	fo.AllowCIDRs = loopback
	fo.HostRate, fo.HostConcurrency = -1, 16
	return fetch.New(fo)
}

func walkAll(b *testing.B, client rpde.Fetcher, feeds []string) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for _, f := range feeds {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if _, err := rpde.Walk(context.Background(), client, f, rpde.WalkOptions{}, func(context.Context, rpde.PageEvent) error { return nil }); err != nil {
				b.Error(err)
			}
		}()
	}
	wg.Wait()
}
