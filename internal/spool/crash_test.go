package spool

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/clickhouse"
	"github.com/feedgauge/feedgauge/internal/store/clickhouse/chtest"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

const (
	helperDSN = "FEEDGAUGE_SPOOL_HELPER_DSN"
	helperDir = "FEEDGAUGE_SPOOL_HELPER_DIR"
)

// TestMain lets the test binary play a feedgauge process that spools writes
// and is then killed before it can deliver them.
func TestMain(m *testing.M) {
	if dsn := os.Getenv(helperDSN); dsn != "" {
		os.Exit(crashHelper(dsn, os.Getenv(helperDir)))
	}
	os.Exit(m.Run())
}

func crashHelper(dsn, dir string) int {
	ctx := context.Background()
	db, err := clickhouse.Open(ctx, dsn)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	s, err := New(db, Options{Dir: dir})
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	fmt.Println("ready")
	in := bufio.NewScanner(os.Stdin)
	in.Scan() // the parent has stopped the server
	feed := storetest.DatasetA + "session-series"
	err = store.PutAttempts(ctx, s, []domain.HarvestAttempt{attemptAt(feed, storetest.T1, "ok", 4)})
	if err == nil {
		err = store.PutScores(ctx, s, storetest.FixtureScores(storetest.T1, 0))
	}
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	n, _ := s.Depth()
	fmt.Println("spooled", n)
	time.Sleep(time.Minute) // killed here, before any delivery
	return 0
}

// TestCrashBeforeDelivery: a process spools two writes while ClickHouse is
// down and is killed (SIGKILL) before delivering them. The next process on
// the same spool folder delivers both, once, after the server is back.
func TestCrashBeforeDelivery(t *testing.T) {
	srv := chtest.Start(t, chtest.Options{})
	ctx := context.Background()
	dir := t.TempDir()
	db := openCH(t, srv)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperDSN+"="+srv.DSN("spool")+"?dial_timeout=1s", helperDir+"="+dir)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	out := bufio.NewReader(stdout)
	expect(t, out, "ready")
	srv.Kill(t)
	fmt.Fprintln(stdin, "write")
	expect(t, out, "spooled 2")
	cmd.Process.Kill()
	cmd.Wait()

	srv.Restart(t)
	s, err := New(db, Options{Dir: dir, RetryEvery: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for left, err := s.Drain(ctx); left > 0; left, err = s.Drain(ctx) {
		if time.Now().After(deadline) {
			t.Fatalf("%d batches not delivered: %v", left, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if n := countScores(t, db); n != 5 {
		t.Fatalf("%d scores after recovery, want 5", n)
	}
	if pages, delay := feedRow(t, db, storetest.DatasetA+"session-series", storetest.T1); pages != 4 || delay <= 0 {
		t.Fatalf("recovered attempt: pages %d delay_ms %d", pages, delay)
	}
}

func expect(t *testing.T, r *bufio.Reader, want string) {
	t.Helper()
	line, err := r.ReadString('\n')
	if strings.TrimSpace(line) != want {
		t.Fatalf("helper said %q (%v), want %q", line, err, want)
	}
}
