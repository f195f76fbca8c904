package harvest

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// TestMain doubles as a child harvester: the kill test and the memory
// measurement run this test binary with FG_CHILD set, so the harvest runs
// in its own process that can be killed for real.
func TestMain(m *testing.M) {
	if os.Getenv("FG_CHILD") != "" {
		os.Exit(runChild())
	}
	os.Exit(m.Run())
}

// runChild harvests the feeds named in the environment into FG_DIR's store
// and prints one line per page ("page N") and, at the end, its peak RSS.
func runChild() int {
	at, _ := time.Parse(time.RFC3339, os.Getenv("FG_AT"))
	batch, _ := strconv.Atoi(os.Getenv("FG_BATCH"))
	st := mustStore(childTB{}, os.Getenv("FG_DIR"))
	var feeds []domain.Feed
	for i := 0; ; i++ {
		u := os.Getenv(fmt.Sprintf("FG_FEED_%d", i))
		if u == "" {
			break
		}
		feeds = append(feeds, domain.Feed{URL: u, DatasetID: os.Getenv(fmt.Sprintf("FG_DS_%d", i))})
	}
	o := opts(st, at)
	o.BatchItems = batch
	o.Concurrency = 8
	o.Progress = func(p Progress) { fmt.Printf("page %d items %d\n", p.Pages, p.Items) }
	as, err := HarvestAll(context.Background(), feeds, o)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	for _, a := range as {
		fmt.Println("attempt", a.FeedURL, a.Status, a.ErrorKind, a.ItemsChanged)
	}
	runtime.GC()
	fmt.Println("peak_rss_kb", peakRSS())
	return 0
}

// peakRSS reads VmHWM (peak resident set) from /proc, in KiB.
func peakRSS() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	var kb int
	for _, line := range splitLines(string(b)) {
		if n, _ := fmt.Sscanf(line, "VmHWM: %d kB", &kb); n == 1 {
			return kb
		}
	}
	return -1
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

// childTB lets test helpers run in the child process.
type childTB struct{ testing.TB }

func (childTB) Helper()                   {}
func (childTB) Fatal(args ...any)         { fmt.Println(args...); os.Exit(2) }
func (childTB) Cleanup(func())            {}
func (childTB) Errorf(f string, a ...any) { fmt.Printf(f+"\n", a...) }
