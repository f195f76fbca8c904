package spool

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

func attemptAt(feed string, t time.Time, status string, pages int) domain.HarvestAttempt {
	return domain.HarvestAttempt{FeedURL: feed, DatasetID: storetest.DatasetA, Kind: "SessionSeries", StartedAt: t,
		FinishedAt: t.Add(time.Second), SnapshotT: t, Status: status, ErrorKind: domain.KindOK, Pages: pages}
}

// feedRow reads one attempt back: pages and delay_ms.
func feedRow(t *testing.T, st store.Store, feed string, at time.Time) (pages, delay int64) {
	t.Helper()
	rows, err := st.Query(context.Background(), "SELECT pages, delay_ms FROM harvest_attempts"+st.Final()+
		" WHERE feed_url = @f AND started_at = @s", store.A("f", feed), store.A("s", at))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatalf("attempt %s at %s is not stored", feed, at)
	}
	if err := rows.Scan(&pages, &delay); err != nil {
		t.Fatal(err)
	}
	return pages, delay
}

func newSpool(t *testing.T, st store.Store, dir string) *Spool {
	t.Helper()
	clock := time.Now
	s, err := New(st, Options{Dir: dir, RetryEvery: 10 * time.Millisecond, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestOutageKeepsOrder: writes during an outage are spooled, reads fail
// clearly, and after the outage the spooled writes land before newer ones,
// so the newest version of a row wins as it would have without the outage.
func TestOutageKeepsOrder(t *testing.T) {
	ctx := context.Background()
	o := newOutage(storetest.SQLite(t))
	s := newSpool(t, o, t.TempDir())
	feed := storetest.DatasetA + "session-series"
	t0 := storetest.T1
	if err := store.PutAttempts(ctx, s, []domain.HarvestAttempt{attemptAt(feed, t0, "ok", 1)}); err != nil {
		t.Fatal(err)
	}
	o.down.Store(true)
	if err := store.PutAttempts(ctx, s, []domain.HarvestAttempt{attemptAt(feed, t0.Add(time.Hour), "ok", 2)}); err != nil {
		t.Fatalf("a write during the outage failed: %v", err)
	}
	if err := store.PutScores(ctx, s, storetest.FixtureScores(t0, 0)); err != nil {
		t.Fatalf("a column write during the outage failed: %v", err)
	}
	if n, _ := s.Depth(); n != 2 {
		t.Fatalf("depth = %d, want 2", n)
	}
	_, err := s.Query(ctx, "SELECT 1")
	if !errors.Is(err, store.ErrUnavailable) || !strings.Contains(err.Error(), "2 writes wait in the spool") {
		t.Fatalf("read during the outage: %v", err)
	}
	time.Sleep(20 * time.Millisecond)
	o.down.Store(false)
	// A newer version of the spooled attempt: it must win.
	if err := store.PutAttempts(ctx, s, []domain.HarvestAttempt{attemptAt(feed, t0.Add(time.Hour), "ok", 3)}); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Depth(); n != 0 {
		t.Fatalf("depth after the outage = %d", n)
	}
	if pages, _ := feedRow(t, o, feed, t0.Add(time.Hour)); pages != 3 {
		t.Fatalf("pages = %d: an older spooled write overwrote a newer one", pages)
	}
	if pages, delay := feedRow(t, o, feed, t0); pages != 1 || delay != 0 {
		t.Fatalf("direct write: pages %d delay %d", pages, delay)
	}
	if got := o.count("activity_scores"); got != 1 {
		t.Fatalf("scores delivered %d times", got)
	}
}

// TestDelayRecorded: a spooled attempt's delay_ms says how long it waited.
func TestDelayRecorded(t *testing.T) {
	ctx := context.Background()
	o := newOutage(storetest.SQLite(t))
	s := newSpool(t, o, t.TempDir())
	feed := storetest.DatasetB + "events"
	o.down.Store(true)
	if err := store.PutAttempts(ctx, s, []domain.HarvestAttempt{attemptAt(feed, storetest.T1, "ok", 1)}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(120 * time.Millisecond)
	o.down.Store(false)
	if left, err := s.Drain(ctx); left != 0 || err != nil {
		t.Fatalf("drain: %d left, %v", left, err)
	}
	if _, delay := feedRow(t, o, feed, storetest.T1); delay < 120 || delay > 5000 {
		t.Fatalf("delay_ms = %d, want about 120", delay)
	}
}

// TestAckWindow: a crash after the store took a batch but before the spool
// removed it re-sends that batch once; upserts make that harmless, and an
// acknowledged batch is never sent again.
func TestAckWindow(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	o := newOutage(storetest.SQLite(t))
	s := newSpool(t, o, dir)
	o.down.Store(true)
	if err := store.PutScores(ctx, s, storetest.FixtureScores(storetest.T1, 0)); err != nil {
		t.Fatal(err)
	}
	o.down.Store(false)
	s.afterDeliver = func(string) error { return errors.New("crash") }
	if _, err := s.Drain(ctx); err == nil {
		t.Fatal("the simulated crash did not stop the drain")
	}
	s2 := newSpool(t, o, dir)
	if left, err := s2.Drain(ctx); left != 0 || err != nil {
		t.Fatalf("drain after the crash: %d left, %v", left, err)
	}
	if got := o.count("activity_scores"); got != 2 {
		t.Fatalf("deliveries = %d, want 2 (one re-send)", got)
	}
	var n int
	rows, _ := o.Query(ctx, "SELECT count(*) FROM activity_scores")
	rows.Next()
	rows.Scan(&n)
	rows.Close()
	if n != 5 {
		t.Fatalf("%d score rows after the re-send, want 5", n)
	}
	if left, _ := s2.Drain(ctx); left != 0 || o.count("activity_scores") != 2 {
		t.Fatal("an acknowledged batch was sent again")
	}
}

// TestTwoDrainers: two processes' spools on one folder deliver each batch
// exactly once between them.
func TestTwoDrainers(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	o := newOutage(storetest.SQLite(t))
	a, b := newSpool(t, o, dir), newSpool(t, o, dir)
	o.down.Store(true)
	for i := 0; i < 20; i++ {
		at := storetest.T1.Add(time.Duration(i) * time.Minute)
		if err := store.PutAttempts(ctx, a, []domain.HarvestAttempt{attemptAt("https://x.example/feed", at, "ok", i)}); err != nil {
			t.Fatal(err)
		}
	}
	o.down.Store(false)
	var wg sync.WaitGroup
	for _, s := range []*Spool{a, b} {
		wg.Add(1)
		go func() { defer wg.Done(); s.Drain(ctx) }()
	}
	wg.Wait()
	if got := o.count("harvest_attempts"); got != 20 {
		t.Fatalf("20 batches were delivered %d times", got)
	}
}

// TestQuarantine: a batch the store keeps refusing (not an outage) is set
// aside after MaxAttempts so the batches behind it are delivered.
func TestQuarantine(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	o := newOutage(storetest.SQLite(t))
	s := newSpool(t, o, dir)
	o.down.Store(true)
	s.Insert(ctx, "no_such_table", []string{"x"}, [][]any{{1}})
	store.PutAttempts(ctx, s, []domain.HarvestAttempt{attemptAt("https://x.example/feed", storetest.T1, "ok", 1)})
	o.down.Store(false)
	for i := 0; i < 3; i++ {
		s.Drain(ctx)
	}
	if left, err := s.Drain(ctx); left != 0 || err != nil {
		t.Fatalf("after quarantine: %d left, %v", left, err)
	}
	failed, _ := filepath.Glob(filepath.Join(dir, failedDir, "*"+batchExt))
	if len(failed) != 1 {
		t.Fatalf("failed/ holds %d files, want 1", len(failed))
	}
	feedRow(t, o, "https://x.example/feed", storetest.T1)
}

// TestLeftoverTemp: a half-written file of a writer that died is removed.
func TestLeftoverTemp(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, tmpPrefix+"123"), []byte("half"), 0o600)
	newSpool(t, newOutage(storetest.SQLite(t)), dir)
	if left, _ := filepath.Glob(filepath.Join(dir, tmpPrefix+"*")); len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}
