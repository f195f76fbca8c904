package clickhouse_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/clickhouse"
)

// clusterRetention deletes old tombstones on a cluster: the mutation must
// reach the _local table on every shard (Distributed tables take none).
func clusterRetention(t *testing.T, ctx context.Context, cl *clickhouse.DB) {
	now := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	old := now.AddDate(0, -3, 0)
	var gone []string
	for d := 0; d < 8; d++ {
		ds := fmt.Sprintf("https://retention%d.example.org/", d)
		for _, state := range []string{domain.StateUpdated, domain.StateDeleted} {
			it := domain.Item{DatasetID: ds, FeedURL: ds + "feed", RPDEID: "x", State: state, Modified: state,
				Data: []byte(`{"raw":"json"}`), FirstSeen: old}
			if err := store.PutItems(ctx, cl, []domain.Item{it}); err != nil {
				t.Fatal(err)
			}
		}
		gone = append(gone, ds)
	}
	n, err := cl.PurgeDeletedItems(ctx, now.AddDate(0, -1, 0))
	if err != nil || n != len(gone) {
		t.Fatalf("purged %d, %v; want %d", n, err, len(gone))
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		var left int64
		scanOne(t, ctx, cl, "SELECT count() FROM items WHERE dataset_id LIKE 'https://retention%'", &left)
		if left == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d item versions left on the cluster after the purge", left)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
