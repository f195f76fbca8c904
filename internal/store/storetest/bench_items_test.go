package storetest_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// BenchmarkPutItems writes 200,000 harvested items (about 930 bytes of JSON
// each, the simulated publisher's size) into the embedded store in batches
// of 2,500, the harvester's batch: the store's share of a first snapshot.
//
//	go test -run '^$' -bench PutItems -benchtime 1x -count 5 ./internal/store/storetest/
func BenchmarkPutItems(b *testing.B) {
	const total, batch = 200_000, 2_500
	data := `{"@context":"https://openactive.io/","@type":"SessionSeries","name":"Swim` + strings.Repeat("x", 850) + `"}`
	items := make([]domain.Item, batch)
	ctx := context.Background()
	cpu := storetest.CPUTime()
	for b.Loop() {
		b.StopTimer()
		st := storetest.SQLite(b)
		b.StartTimer()
		for n := 0; n < total; n += batch {
			feed := fmt.Sprintf("https://bench.example/feeds/%d/session-series", n/25_000)
			for j := range items {
				items[j] = domain.Item{DatasetID: "https://bench.example/", FeedURL: feed, RPDEID: fmt.Sprint(n + j),
					State: "updated", Kind: "SessionSeries", Modified: fmt.Sprint(1700000000 + n + j), Data: []byte(data),
					License: "https://creativecommons.org/licenses/by/4.0/", FirstSeen: time.Unix(1700000000, 0), FirstHarvest: true}
			}
			if err := store.PutItems(ctx, st, items); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(total*b.N)/b.Elapsed().Seconds(), "items/s")
	b.ReportMetric((storetest.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}
