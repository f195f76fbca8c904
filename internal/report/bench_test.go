package report

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// Benchmarks report the median wall time of b.N runs ("median-s") and the
// peak Go heap while writing ("peak-heap-MB"). Run with:
//
//	FEEDGAUGE_TEST_CLICKHOUSE=clickhouse://127.0.0.1:29000 \
//	  go test -run '^$' -bench . -benchtime 5x ./internal/report/
//
// FEEDGAUGE_BENCH_ACTIVITIES sets the activities per snapshot of the
// England world (default 100,000 on SQLite, 500,000 on ClickHouse).

// BenchmarkQuarterlyEngland: the quarterly pack over 1,250 PCNs, 300
// datasets and five snapshots (two in the quarter).
func BenchmarkQuarterlyEngland(b *testing.B) {
	for _, be := range benchBackends(b) {
		b.Run(be.Name, func(b *testing.B) {
			n := envInt("FEEDGAUGE_BENCH_ACTIVITIES", map[string]int{"sqlite": 100_000, "clickhouse": 500_000}[be.Name])
			world{PCNs: 1250, Datasets: 300, Activities: n, Snapshots: worldSnapshots}.load(b, be.Store)
			out := filepath.Join(b.TempDir(), "pack.xlsx")
			benchWrite(b, be.Store, "quarterly", map[string]string{"quarter": "2026Q3"}, out)
		})
	}
}

// BenchmarkFixList100k: the streamed fix-list of a dataset with 100,000
// activities.
func BenchmarkFixList100k(b *testing.B) {
	for _, be := range benchBackends(b) {
		b.Run(be.Name, func(b *testing.B) {
			w := world{PCNs: 50, Datasets: 1, Activities: 100_000, Snapshots: worldSnapshots[4:]}
			w.load(b, be.Store)
			out := filepath.Join(b.TempDir(), "fix-list.xlsx")
			benchWrite(b, be.Store, "fix-list", map[string]string{"dataset": w.datasetID(0)}, out)
		})
	}
}

func benchWrite(b *testing.B, st store.Store, name string, params map[string]string, out string) {
	set := testSet(b)
	if _, err := set.Profile(); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	var times []float64
	peak := watchHeap()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if err := set.WriteFile(context.Background(), st, name, params, out); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start).Seconds())
	}
	b.StopTimer()
	sort.Float64s(times)
	b.ReportMetric(times[len(times)/2], "median-s")
	b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
	if fi, err := os.Stat(out); err == nil {
		b.ReportMetric(float64(fi.Size())/(1<<20), "file-MB")
	}
}

// watchHeap samples the Go heap every 5 ms until the returned function is
// called, which returns the peak in bytes (heap in use + stacks).
func watchHeap() func() uint64 {
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if v := m.HeapInuse + m.StackInuse; v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		return peak.Load()
	}
}

func benchBackends(b *testing.B) []storetest.Backend {
	out := []storetest.Backend{{Name: "sqlite", Store: storetest.SQLite(b)}}
	if os.Getenv(storetest.EnvClickHouse) != "" {
		out = append(out, storetest.Backend{Name: "clickhouse", Store: storetest.ClickHouse(b)})
	}
	return out
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}
