package app

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/simulate"
)

// TestMain lets a test run this package's Main in a child process (the
// real command, measured from outside) when FG_RUN_MAIN holds its
// arguments, one per line.
func TestMain(m *testing.M) {
	if args := os.Getenv("FG_RUN_MAIN"); args != "" {
		os.Exit(Main(context.Background(), strings.Split(args, "\n"), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestPeakMemoryFirstSnapshot runs `feedgauge snapshot` in a child process
// against a simulated publisher of about a million items and reports the
// child's peak resident memory (target ≤ 1 GB). It is slow, so it runs only
// with FEEDGAUGE_BIG=1:
//
//	FEEDGAUGE_BIG=1 go test -run PeakMemory -v ./internal/app/
func TestPeakMemoryFirstSnapshot(t *testing.T) {
	if os.Getenv("FEEDGAUGE_BIG") == "" {
		t.Skip("set FEEDGAUGE_BIG=1 to snapshot a million items and measure peak memory")
	}
	t0 := time.Date(2026, 5, 4, 6, 0, 0, 0, time.UTC)
	sim, err := simulate.Start(context.Background(), simulate.Config{Seed: 42, Datasets: 8, ItemsPerFeed: 1_000_000 / 16,
		ChildrenPerParent: 1, PageSize: 500, Clock: t0, Epoch: t0.AddDate(0, 0, 30)})
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	total := 0
	for _, d := range sim.Datasets() {
		for _, f := range d.Feeds {
			tr, _ := sim.Truth(f.URL, t0)
			total += tr.Updated + tr.Deleted
		}
	}
	args := []string{"snapshot", "--store", "sqlite:" + filepath.Join(t.TempDir(), "fg.db"), "--source", sim.CatalogueURL(),
		"--allow-private=127.0.0.1", "--host-rate=-1", "--host-concurrency=16", "--at", t0.Format(time.RFC3339), "--json", "--log-level", "warn"}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "FG_RUN_MAIN="+strings.Join(args, "\n"))
	start := time.Now()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("snapshot: %v\n%s", err, out)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	t.Logf("%d items in %s; peak resident memory %d MB\n%s", total, time.Since(start).Round(time.Millisecond), ru.Maxrss/1024, out)
	if ru.Maxrss > 1<<20 {
		t.Errorf("peak resident memory %d MB is over 1 GB", ru.Maxrss/1024)
	}
}
