package clickhouse_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/clickhouse"
	"github.com/feedgauge/feedgauge/internal/store/clickhouse/chtest"
	"github.com/feedgauge/feedgauge/queries"
)

// TestScaleEngland writes England-sized history (500,000 activities × 90
// daily snapshots = 45 M activity_scores rows) through feedgauge's writers
// and times the dashboard's named queries. It never runs in a normal
// `go test`; see docs/scale.md. Environment:
//
//	FEEDGAUGE_SCALE=1                  run it
//	FEEDGAUGE_SCALE_DSN=clickhouse://… use this database instead of a throwaway server
//	FEEDGAUGE_SCALE_SKIP_WRITE=1       time the queries on data already there
//	FEEDGAUGE_SCALE_ACTIVITIES, _SNAPSHOTS, _DATASETS, _RUNS  sizes (500000, 90, 100, 20)
//	FEEDGAUGE_SCALE_OUT=FILE           also write the results table there
func TestScaleEngland(t *testing.T) {
	if os.Getenv("FEEDGAUGE_SCALE") == "" {
		t.Skip("set FEEDGAUGE_SCALE=1 to run the England-sized benchmark (minutes, ~3 GB)")
	}
	ctx := context.Background()
	dsn := os.Getenv("FEEDGAUGE_SCALE_DSN")
	if dsn == "" {
		dsn = chtest.Start(t, chtest.Options{}).DSN("england")
	}
	db, err := clickhouse.OpenDSN(ctx, dsn+"?read_timeout=600s")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	w := chtest.World{Seed: 1, Datasets: envInt("FEEDGAUGE_SCALE_DATASETS", 100), Activities: envInt("FEEDGAUGE_SCALE_ACTIVITIES", 500_000),
		Snapshots: envInt("FEEDGAUGE_SCALE_SNAPSHOTS", 90), Start: time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC), Step: 24 * time.Hour,
		Batch: 100_000}
	var report strings.Builder
	if os.Getenv("FEEDGAUGE_SCALE_SKIP_WRITE") == "" {
		start := time.Now()
		err := w.Write(ctx, db, func(i int, t0 time.Time, rows int) {
			if i%10 == 9 {
				t.Logf("snapshot %d/%d written (%s elapsed)", i+1, w.Snapshots, time.Since(start).Round(time.Second))
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		took := time.Since(start)
		rows := w.Activities * w.Snapshots
		fmt.Fprintf(&report, "Generated %d activity_scores rows (%d activities × %d snapshots, %d datasets) in %s: %.0f rows/s.\n\n",
			rows, w.Activities, w.Snapshots, w.Datasets, took.Round(time.Second), float64(rows)/took.Seconds())
	}
	diskReport(t, ctx, db, &report)
	timeQueries(t, ctx, db, envInt("FEEDGAUGE_SCALE_RUNS", 20), &report)
	t.Log("\n" + report.String())
	if out := os.Getenv("FEEDGAUGE_SCALE_OUT"); out != "" {
		os.WriteFile(out, []byte(report.String()), 0o644)
	}
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

func diskReport(t *testing.T, ctx context.Context, db *clickhouse.DB, b *strings.Builder) {
	rows, err := db.Query(ctx, "SELECT table, sum(rows), sum(bytes_on_disk), sum(data_uncompressed_bytes), count() FROM system.parts "+
		"WHERE active AND database = @d GROUP BY table ORDER BY sum(bytes_on_disk) DESC", store.A("d", db.Database()))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	b.WriteString("| table | rows | on disk | uncompressed | parts |\n|---|---:|---:|---:|---:|\n")
	for rows.Next() {
		var table string
		var n, disk, raw, parts int64
		if err := rows.Scan(&table, &n, &disk, &raw, &parts); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(b, "| %s | %d | %.1f MB | %.1f MB | %d |\n", table, n, float64(disk)/1e6, float64(raw)/1e6, parts)
	}
	b.WriteString("\n")
}

// scaleQueries are the dashboard's heavy reads, each with the parameters a
// page sends.
var scaleQueries = []struct {
	name   string
	params map[string]string
}{
	{"coverage", map[string]string{"level": "lad"}},
	{"coverage", map[string]string{"level": "pcn"}},
	{"coverage", map[string]string{"level": "icb", "place": "E54000007"}},
	{"trend", map[string]string{"period": "week"}},
	{"trend", map[string]string{"period": "day"}},
	{"trend", map[string]string{"period": "week", "place": "E06000007"}},
	{"trend", map[string]string{"period": "day", "place": "E12000003"}},
	{"datasets", map[string]string{}},
	{"activities", map[string]string{"limit": "1000"}},
	{"activities", map[string]string{"place": "E06000007", "limit": "1000"}},
	{"feed_health", map[string]string{}},
}

func timeQueries(t *testing.T, ctx context.Context, st store.Store, runs int, b *strings.Builder) {
	cat, err := query.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(b, "| query | parameters | rows | p50 | p95 | max |\n|---|---|---:|---:|---:|---:|\n")
	for _, q := range scaleQueries {
		def, err := cat.Get(q.name)
		if err != nil {
			fmt.Fprintf(b, "| %s | — | not present | | | |\n", q.name)
			continue
		}
		args, err := def.Bind(q.params)
		if err != nil {
			t.Fatal(err)
		}
		var times []time.Duration
		n := 0
		for i := 0; i < runs+1; i++ {
			start := time.Now()
			res, err := query.Run(ctx, st, def, args)
			if err != nil {
				t.Fatalf("%s %v: %v", q.name, q.params, err)
			}
			if i > 0 { // the first run warms caches
				times = append(times, time.Since(start))
			}
			n = len(res.Rows)
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		// Nearest rank: the smallest time with at least p of the runs at or
		// below it (of 20 runs, p95 is the 19th; max is reported beside it).
		pct := func(p float64) time.Duration { return times[max(0, int(math.Ceil(p*float64(len(times))))-1)] }
		fmt.Fprintf(b, "| %s | %s | %d | %s | %s | %s |\n", q.name, fmtParams(q.params), n,
			ms(pct(0.5)), ms(pct(0.95)), ms(times[len(times)-1]))
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%d ms", d.Milliseconds()) }

func fmtParams(p map[string]string) string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		out = append(out, k+"="+p[k])
	}
	return strings.Join(out, " ")
}
