package storetest_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// BenchmarkInsertScores writes 1,000,000 activity-score rows per iteration
// into each backend in batches of 50,000 (the size a snapshot writes per
// dataset group) and reports rows/s. Run with:
//
//	FEEDGAUGE_TEST_CLICKHOUSE=clickhouse://127.0.0.1:29000 go test -run '^$' -bench InsertScores -benchtime 1x -count 3 ./internal/store/storetest/
func BenchmarkInsertScores(b *testing.B) {
	const total, batch = 1_000_000, 50_000
	rows := benchScores(batch)
	backends := []struct {
		name string
		open func(testing.TB) store.Store
	}{{"sqlite", storetest.SQLite}}
	if os.Getenv(storetest.EnvClickHouse) != "" {
		backends = append(backends, struct {
			name string
			open func(testing.TB) store.Store
		}{"clickhouse", storetest.ClickHouse})
	}
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			st := be.open(b)
			ctx := context.Background()
			b.ResetTimer()
			cpu := storetest.CPUTime()
			for i := 0; i < b.N; i++ {
				for n := 0; n < total; n += batch {
					t := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i*total+n) * time.Second)
					for j := range rows {
						rows[j].T = t
					}
					if err := store.PutScores(ctx, st, rows); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(total*b.N)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric((storetest.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

func benchScores(n int) []domain.ActivityScore {
	base := storetest.FixtureScores(storetest.T1, 0)
	out := make([]domain.ActivityScore, n)
	for i := range out {
		s := base[i%len(base)]
		s.ActivityID = fmt.Sprintf("https://bench.example/activity/%07d", i)
		s.DatasetID = fmt.Sprintf("https://bench.example/dataset/%03d", i%300)
		out[i] = s
	}
	return out
}
