package spool

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/clickhouse"
	"github.com/feedgauge/feedgauge/internal/store/clickhouse/chtest"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

func openCH(t *testing.T, srv *chtest.Server) *clickhouse.DB {
	t.Helper()
	db, err := clickhouse.Open(context.Background(), srv.DSN("spool")+"?read_timeout=10s&dial_timeout=1s")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// bigScores is one large snapshot write, long enough to be cut off.
func bigScores(n int) []domain.ActivityScore {
	base := storetest.FixtureScores(storetest.T2, 1)
	out := make([]domain.ActivityScore, n)
	for i := range out {
		s := base[i%len(base)]
		s.ActivityID = s.ActivityID + "/" + string(rune('a'+i%26)) + time.Duration(i).String()
		out[i] = s
	}
	return out
}

func countScores(t *testing.T, st store.Store) int {
	t.Helper()
	rows, err := st.Query(context.Background(), "SELECT count() FROM activity_scores FINAL")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var n int
	rows.Next()
	rows.Scan(&n)
	return n
}

// TestClickHouseOutage kills a real ClickHouse server in the middle of a
// large write, keeps writing while it is down, then restarts it: every
// write arrives exactly once, in order, and delayed attempts say so.
func TestClickHouseOutage(t *testing.T) {
	srv := chtest.Start(t, chtest.Options{})
	ctx := context.Background()
	db := openCH(t, srv)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	s, err := New(db, Options{Dir: t.TempDir(), RetryEvery: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	feed := storetest.DatasetA + "session-series"
	if err := store.PutAttempts(ctx, s, []domain.HarvestAttempt{attemptAt(feed, storetest.T1, "ok", 1)}); err != nil {
		t.Fatal(err)
	}
	big := bigScores(300_000)
	done := make(chan error, 1)
	go func() { done <- store.PutScores(ctx, s, big) }()
	time.Sleep(150 * time.Millisecond)
	srv.Kill(t)
	t0 := time.Now()
	if err := <-done; err != nil {
		t.Fatalf("the write cut off by the outage failed instead of being spooled: %v", err)
	}
	t.Logf("big write returned %s after the kill", time.Since(t0).Round(time.Millisecond))
	if err := store.PutAttempts(ctx, s, []domain.HarvestAttempt{attemptAt(feed, storetest.T2, "ok", 2)}); err != nil {
		t.Fatal(err)
	}
	queued, _ := s.Depth()
	t.Logf("batches spooled during the outage: %d (%s after the kill)", queued, time.Since(t0).Round(time.Millisecond))
	if queued == 0 {
		t.Fatal("nothing was spooled while the server was down")
	}
	if _, err := s.Query(ctx, "SELECT 1"); !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("read while down: %v", err)
	}
	time.Sleep(200 * time.Millisecond)
	srv.Restart(t)
	runCtx, stop := context.WithCancel(ctx)
	go s.Run(runCtx)
	t1 := time.Now()
	waitEmpty(t, s, 30*time.Second)
	stop()
	t.Logf("delivered %s after the restart", time.Since(t1).Round(time.Millisecond))
	if n := countScores(t, db); n != len(big) {
		t.Fatalf("%d score rows after the outage, want %d", n, len(big))
	}
	if _, delay := feedRow(t, db, feed, storetest.T2); delay < 200 {
		t.Fatalf("the delayed attempt has delay_ms %d", delay)
	}
	if _, delay := feedRow(t, db, feed, storetest.T1); delay != 0 {
		t.Fatalf("the direct attempt has delay_ms %d", delay)
	}
}

func waitEmpty(t *testing.T, s *Spool, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if n, _ := s.Depth(); n == 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	n, _ := s.Depth()
	t.Fatalf("%d batches still spooled after %s", n, limit)
}
