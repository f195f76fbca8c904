package spool

import (
	"context"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/clickhouse"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

func item(id, state string, seen time.Time, data string) domain.Item {
	return domain.Item{DatasetID: storetest.DatasetA, FeedURL: storetest.DatasetA + "session-series", RPDEID: id,
		State: state, Kind: "SessionSeries", Modified: seen.Format(time.RFC3339), Data: []byte(data), FirstSeen: seen}
}

// rawVersions counts stored versions of an item, merged or not.
func rawVersions(t *testing.T, st store.Store, id string) int {
	t.Helper()
	rows, err := st.Query(context.Background(), "SELECT count(*) FROM items WHERE rpde_id = @id", store.A("id", id))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var n int
	rows.Next()
	rows.Scan(&n)
	return n
}

// TestRetention removes items deleted before the cutoff, every version of
// them, and nothing else; keep = 0 removes nothing.
func TestRetention(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	old, recent := now.AddDate(0, 0, -60), now.AddDate(0, 0, -5)
	for _, b := range storetest.All(t) {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Store
			// Separate writes, so ClickHouse holds the versions in separate parts.
			for _, it := range []domain.Item{
				item("gone", domain.StateUpdated, old.AddDate(0, 0, -10), `{"name":"raw json"}`),
				item("gone", domain.StateDeleted, old, ""),
				item("fresh-tombstone", domain.StateDeleted, recent, ""),
				item("old-but-live", domain.StateUpdated, old, `{"name":"kept"}`),
			} {
				if err := store.PutItems(ctx, st, []domain.Item{it}); err != nil {
					t.Fatal(err)
				}
			}
			if n, err := PurgeDeletedItems(ctx, st, 0, now); n != 0 || err != nil {
				t.Fatalf("keep=0 purged %d (%v)", n, err)
			}
			n, err := PurgeDeletedItems(ctx, st, 30*24*time.Hour, now)
			if err != nil || n != 1 {
				t.Fatalf("purged %d, %v; want 1", n, err)
			}
			if ch, ok := st.(*clickhouse.DB); ok {
				waitMutations(t, ch)
			}
			for id, want := range map[string]int{"gone": 0, "fresh-tombstone": 1, "old-but-live": 1} {
				if got := rawVersions(t, st, id); got != want {
					t.Errorf("%s: %d stored versions, want %d", id, got, want)
				}
			}
		})
	}
}

func waitMutations(t *testing.T, db *clickhouse.DB) {
	t.Helper()
	for i := 0; i < 200; i++ {
		if done, err := db.MutationsDone(context.Background(), "items"); err != nil || done {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the DELETE mutation did not finish in 10 s")
}
