package demo

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/pipeline"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

func TestBuildSmall(t *testing.T) {
	st := storetest.SQLite(t)
	start := time.Now()
	w, err := Build(context.Background(), st, Options{Datasets: 10, Activities: 300, Weeks: 4,
		Progress: func(d, n int, s pipeline.Summary) { t.Logf("snapshot %d/%d: %+v", d, n, s) }})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	t.Logf("built in %s", time.Since(start))
	// Both standards are in the demo: OpenActive activities and ORUK
	// services, each located in Trafford.
	rows, err := st.Query(context.Background(), "SELECT kind, count(*) FROM activity_scores WHERE lad = 'E08000009' GROUP BY kind = 'Service'")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	kinds := 0
	for rows.Next() {
		kinds++
	}
	if kinds != 2 {
		t.Errorf("the demo located %d standards in Trafford, want OpenActive and ORUK", kinds)
	}
}

// TestBuildFull builds the real demo world; it is slow, so it runs only
// when asked (FEEDGAUGE_DEMO_FULL=1) and reports the time.
func TestBuildFull(t *testing.T) {
	if testing.Short() || getenv("FEEDGAUGE_DEMO_FULL") == "" {
		t.Skip("set FEEDGAUGE_DEMO_FULL=1 to build the full demo")
	}
	st := storetest.SQLite(t)
	start := time.Now()
	w, err := Build(context.Background(), st, Options{Weeks: weeksFromEnv(), Progress: func(d, n int, s pipeline.Summary) {
		if d%10 == 0 || d == n {
			t.Logf("snapshot %d/%d at %s: %d activities, %d fetched, %.2fs", d, n, time.Since(start).Round(time.Millisecond), s.Activities, s.ItemsFetched, s.Seconds)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	t.Logf("built in %s", time.Since(start))
}
func getenv(k string) string { return os.Getenv(k) }

func weeksFromEnv() int {
	n := 0
	fmt.Sscan(os.Getenv("FEEDGAUGE_DEMO_WEEKS"), &n)
	return n
}
