package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/discover"
	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/fetch"
	"github.com/feedgauge/feedgauge/internal/pipeline"
	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/simulate"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/sqlite"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
	"github.com/feedgauge/feedgauge/queries"
)

var t0 = time.Date(2026, 5, 4, 6, 0, 0, 0, time.UTC)

func world(t *testing.T, faults string) *simulate.Server {
	t.Helper()
	fs, err := simulate.ParseFaults(faults)
	if err != nil {
		t.Fatal(err)
	}
	sim, err := simulate.Start(context.Background(), simulate.Config{Seed: 11, Datasets: 6, Activities: 120, Clock: t0, Faults: fs})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	return sim
}

var loopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}

func options(t testing.TB, st store.Store, sim *simulate.Server) pipeline.Options {
	t.Helper()
	fo := fetch.DefaultOptions()
	fo.AllowCIDRs = loopback
	fo.HostRate, fo.HostConcurrency = -1, 16
	fo.BackoffBase, fo.BackoffMax, fo.RetryAfterCap = time.Millisecond, 5*time.Millisecond, 2*time.Second
	ref, err := score.DefaultReference()
	if err != nil {
		t.Fatal(err)
	}
	return pipeline.Options{Store: st, Client: fetch.New(fo), Reference: ref,
		Sources: []discover.Source{{URL: sim.CatalogueURL()}}, T: t0}
}

func rows(t *testing.T, st store.Store, name string, params map[string]string) [][]any {
	t.Helper()
	cat, err := query.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := cat.Get(name)
	args, err := d.Bind(params)
	if err != nil {
		t.Fatal(err)
	}
	res, err := query.Run(context.Background(), st, d, args)
	if err != nil {
		t.Fatal(err)
	}
	return res.Rows
}

// TestRerunSameSnapshotNeverDoubleCounts runs the same T twice on every
// backend and expects identical stored results, and identical results
// across backends (determinism of the method, §8).
func TestRerunSameSnapshotNeverDoubleCounts(t *testing.T) {
	sim := world(t, "")
	var first [][]any
	for _, b := range storetest.All(t) {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			o := options(t, b.Store, sim)
			s1, err := pipeline.Run(ctx, o)
			if err != nil {
				t.Fatal(err)
			}
			acts1 := rows(t, b.Store, "activities", map[string]string{"limit": "100000"})
			ds1 := rows(t, b.Store, "datasets", nil)
			s2, err := pipeline.Run(ctx, o)
			if err != nil {
				t.Fatal(err)
			}
			acts2 := rows(t, b.Store, "activities", map[string]string{"limit": "100000"})
			if s1.Activities == 0 || s1.Activities != s2.Activities || len(acts1) != s1.Activities {
				t.Fatalf("activities: run 1 %d, run 2 %d, stored %d", s1.Activities, s2.Activities, len(acts1))
			}
			if !reflect.DeepEqual(acts1, acts2) || !reflect.DeepEqual(ds1, rows(t, b.Store, "datasets", nil)) {
				t.Error("re-running the same snapshot changed the stored results")
			}
			if first == nil {
				first = acts1
			} else if !reflect.DeepEqual(first, acts1) {
				t.Error("the same items, reference data and T scored differently on this backend")
			}
		})
	}
}

// TestFailingFeedsAreDataNotErrors turns every fault on: the run finishes,
// failed feeds are attempt rows with a stable error kind, and the rest is
// scored.
func TestFailingFeedsAreDataNotErrors(t *testing.T) {
	sim := world(t, "all")
	st := storetest.SQLite(t)
	sum, err := pipeline.Run(context.Background(), options(t, st, sim))
	if err != nil {
		t.Fatal(err)
	}
	if sum.FeedsFailed == 0 || sum.Activities == 0 {
		t.Fatalf("summary %+v: want some failed feeds and some scored activities", sum)
	}
	known := map[string]bool{}
	for _, k := range domain.ErrorKinds {
		known[string(k)] = true
	}
	failed := rows(t, st, "feed_health", map[string]string{"status": "failed"})
	if len(failed) == 0 {
		t.Fatal("no failed feed recorded")
	}
	for _, r := range failed {
		if kind := r[5].(string); !known[kind] || kind == "ok" {
			t.Errorf("feed %s failed with error kind %q", r[0], kind)
		}
	}
}

// TestMemoryScoresLikeAFullRead takes weekly snapshots of a changing world
// twice, with and without the in-process memory, and expects identical
// stored scores and feed counts every week.
func TestMemoryScoresLikeAFullRead(t *testing.T) {
	sim := world(t, "orphans,inline-parents")
	ctx := context.Background()
	plain, held := storetest.SQLite(t), storetest.SQLite(t)
	op, oh := options(t, plain, sim), options(t, held, sim)
	oh.Memory = pipeline.NewMemory(1_000_000)
	for week := 0; week < 4; week++ {
		T := t0.AddDate(0, 0, 7*week)
		sim.SetClock(T)
		op.T, oh.T = T, T
		if _, err := pipeline.Run(ctx, op); err != nil {
			t.Fatal(err)
		}
		if _, err := pipeline.Run(ctx, oh); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"activities", "feed_health", "datasets"} {
			p := map[string]string{"limit": "100000"}
			a, b := rows(t, plain, q, p), rows(t, held, q, p)
			if q == "feed_health" {
				a, b = dropTimes(a), dropTimes(b)
			}
			if len(a) == 0 || !reflect.DeepEqual(a, b) {
				t.Fatalf("week %d: %s differs with memory (%d rows vs %d)", week, q, len(a), len(b))
			}
		}
		sameReadiness(t, plain, held)
	}
}

// sameReadiness: the ORUK readiness rows of two stores are the same, and
// there are some.
func sameReadiness(t *testing.T, a, b store.Store) {
	t.Helper()
	read := func(st store.Store) [][]any {
		rs, err := st.Query(context.Background(), "SELECT t, dataset_id, activity_id, readiness, failed_checks, mapped, lost FROM oruk_readiness ORDER BY t, dataset_id, activity_id")
		if err != nil {
			t.Fatal(err)
		}
		defer rs.Close()
		var out [][]any
		for rs.Next() {
			v, err := rs.Values()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, v)
		}
		return out
	}
	ra, rb := read(a), read(b)
	if len(ra) == 0 || !reflect.DeepEqual(ra, rb) {
		t.Fatalf("ORUK readiness differs (%d rows vs %d)", len(ra), len(rb))
	}
}

// dropTimes blanks the columns of feed_health that measure the run itself
// (duration), which differ between two runs.
func dropTimes(rs [][]any) [][]any {
	for _, r := range rs {
		r[13] = nil
	}
	return rs
}

// TestMemoryTooSmallFallsBackToTheStore gives the memory room for almost
// nothing: every dataset is then read from the store, with the same results.
func TestMemoryTooSmallFallsBackToTheStore(t *testing.T) {
	sim := world(t, "")
	ctx := context.Background()
	plain, held := storetest.SQLite(t), storetest.SQLite(t)
	op, oh := options(t, plain, sim), options(t, held, sim)
	oh.Memory = pipeline.NewMemory(50)
	for week := 0; week < 2; week++ {
		T := t0.AddDate(0, 0, 7*week)
		sim.SetClock(T)
		op.T, oh.T = T, T
		s1, err := pipeline.Run(ctx, op)
		if err != nil {
			t.Fatal(err)
		}
		s2, err := pipeline.Run(ctx, oh)
		if err != nil {
			t.Fatal(err)
		}
		p := map[string]string{"limit": "100000"}
		if s1.Activities == 0 || !reflect.DeepEqual(rows(t, plain, "activities", p), rows(t, held, "activities", p)) {
			t.Fatalf("week %d: results differ when the memory is too small (%d vs %d activities)", week, s1.Activities, s2.Activities)
		}
		sameReadiness(t, plain, held)
	}
}

// TestLeanReadBackScoresTheSame: datasets read back lean (their JSON not
// kept; readiness reads each item again) give the same scores and ORUK
// readiness as datasets held in memory.
func TestLeanReadBackScoresTheSame(t *testing.T) {
	defer pipeline.SetLeanAbove(0)()
	sim := world(t, "orphans,inline-parents")
	ctx := context.Background()
	held, lean := storetest.SQLite(t), storetest.SQLite(t)
	oh, ol := options(t, held, sim), options(t, lean, sim)
	oh.Memory, ol.Memory = pipeline.NewMemory(1_000_000), pipeline.NewMemory(1)
	for week := 0; week < 2; week++ {
		T := t0.AddDate(0, 0, 7*week)
		sim.SetClock(T)
		oh.T, ol.T = T, T
		for _, o := range []pipeline.Options{oh, ol} {
			if _, err := pipeline.Run(ctx, o); err != nil {
				t.Fatal(err)
			}
		}
		p := map[string]string{"limit": "100000"}
		if a, b := rows(t, held, "activities", p), rows(t, lean, "activities", p); len(a) == 0 || !reflect.DeepEqual(a, b) {
			t.Fatalf("week %d: activities differ when read back lean (%d vs %d)", week, len(a), len(b))
		}
		sameReadiness(t, held, lean)
	}
}

// TestOffsetsSpreadDatasets: with offsets, a dataset's harvest waits for its
// slot, so the run lasts at least the largest offset; without, it does not.
func TestOffsetsSpreadDatasets(t *testing.T) {
	sim := world(t, "")
	st := storetest.SQLite(t)
	o := options(t, st, sim)
	start := time.Now()
	if _, err := pipeline.Run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	plain := time.Since(start)
	o.Offset = func(id string) time.Duration {
		if strings.HasSuffix(id, "/3/") {
			return plain + 700*time.Millisecond
		}
		return 0
	}
	start = time.Now()
	sum, err := pipeline.Run(context.Background(), o)
	if err != nil || sum.Datasets == 0 {
		t.Fatal(err, sum)
	}
	if took := time.Since(start); took < plain+700*time.Millisecond {
		t.Errorf("the spread run took %s; a dataset should have waited %s", took, plain+700*time.Millisecond)
	}
}

// TestDiskFullLosesNothing fills the embedded store during a snapshot (a
// database size limit stands in for a full disk): the snapshot fails with a
// clear error and stays incomplete, what was stored before is intact, and
// once there is room the next run stores everything, counted once.
func TestDiskFullLosesNothing(t *testing.T) {
	sim := world(t, "")
	ctx := context.Background()
	st := storetest.SQLite(t)
	o := options(t, st, sim)
	if _, err := pipeline.Run(ctx, o); err != nil {
		t.Fatal(err)
	}
	before := rows(t, st, "activities", map[string]string{"limit": "100000"})
	var pages int
	r, _ := st.Query(ctx, "PRAGMA page_count")
	r.Next()
	r.Scan(&pages)
	r.Close()
	if err := st.Exec(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", pages+3)); err != nil {
		t.Fatal(err)
	}
	T2 := t0.AddDate(0, 0, 7)
	sim.SetClock(T2)
	o.T = T2
	_, err := pipeline.Run(ctx, o)
	if !errors.Is(err, sqlite.ErrFull) || !strings.Contains(err.Error(), "free space") {
		t.Fatalf("a full store: %v; want sqlite.ErrFull with what to do", err)
	}
	if got := rows(t, st, "activities", map[string]string{"limit": "100000"}); !reflect.DeepEqual(got, before) {
		t.Error("a failed snapshot changed what the dashboard shows")
	}
	if err := st.Exec(ctx, "PRAGMA max_page_count = 1073741823"); err != nil {
		t.Fatal(err)
	}
	second, err := pipeline.Run(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if second.Activities == 0 || len(rows(t, st, "activities", map[string]string{"limit": "100000"})) != second.Activities {
		t.Errorf("after the disk was freed: %+v", second)
	}
	for _, d := range sim.Datasets() {
		if d.Preview {
			continue // preview catalogues are not harvested unless asked
		}
		for _, f := range d.Feeds {
			tr, _ := sim.Truth(f.URL, T2)
			up, del, err := store.CountItems(ctx, st, d.URL, f.URL)
			if err != nil || up != tr.Updated || del != tr.Deleted {
				t.Errorf("%s: stored %d/%d, truth %d/%d (%v)", f.URL, up, del, tr.Updated, tr.Deleted, err)
			}
		}
	}
}

// TestCancelledSnapshotResumes stops a snapshot in the middle of its
// harvest, as SIGTERM does: the run ends with the context's error and
// stays incomplete, and the next run completes with exactly the
// publisher's items and each change counted once.
func TestCancelledSnapshotResumes(t *testing.T) {
	fs, _ := simulate.ParseFaults("slow=150ms")
	sim, err := simulate.Start(context.Background(), simulate.Config{Seed: 11, Datasets: 4, Activities: 200, Clock: t0,
		PageSize: 25, Faults: fs})
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	st := storetest.SQLite(t)
	o := options(t, st, sim)
	ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
	defer cancel()
	if _, err := pipeline.Run(ctx, o); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a stopped snapshot returned %v", err)
	}
	if n := len(rows(t, st, "activities", nil)); n != 0 {
		t.Errorf("a stopped snapshot shows %d activities; it must stay incomplete", n)
	}
	// The next run is the next scheduled one (a later T), so both runs'
	// attempt rows are kept and their changes can be added up.
	o.T = t0.Add(time.Minute)
	sum, err := pipeline.Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	changed := 0
	r, err := st.Query(context.Background(), "SELECT sum(items_changed) FROM harvest_attempts")
	if err != nil {
		t.Fatal(err)
	}
	r.Next()
	r.Scan(&changed)
	r.Close()
	truth := 0
	for _, d := range sim.Datasets() {
		if d.Preview {
			continue
		}
		for _, f := range d.Feeds {
			tr, _ := sim.Truth(f.URL, t0)
			up, del, _ := store.CountItems(context.Background(), st, d.URL, f.URL)
			if up != tr.Updated || del != tr.Deleted {
				t.Errorf("%s: stored %d/%d, truth %d/%d", f.URL, up, del, tr.Updated, tr.Deleted)
			}
			truth += tr.Updated + tr.Deleted
		}
	}
	if changed != truth || sum.Activities == 0 {
		t.Errorf("changes counted %d times for %d items (activities %d)", changed, truth, sum.Activities)
	}
}

// TestUnlistedFeedsAreNotScored: a feed its dataset no longer lists (renamed,
// moved to another host, withdrawn) stops counting. Its stored items are
// kept, but scoring them beside the feed that replaced it would count every
// activity twice.
func TestUnlistedFeedsAreNotScored(t *testing.T) {
	ctx := context.Background()
	sim := world(t, "")
	for _, held := range []bool{false, true} {
		st := storetest.SQLite(t)
		o := options(t, st, sim)
		if _, err := pipeline.Run(ctx, o); err != nil {
			t.Fatal(err)
		}
		dss, err := store.Datasets(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, ds := range dss {
			feeds, err := store.Feeds(ctx, st, ds.ID)
			if err != nil || len(feeds) < 2 {
				continue
			}
			var mem *pipeline.Memory
			if held {
				mem = pipeline.NewMemory(1_000_000)
			}
			full, err := pipeline.ScoreDataset(ctx, st, o.Reference, mem, ds, feeds, t0)
			if err != nil {
				t.Fatal(err)
			}
			part, err := pipeline.ScoreDataset(ctx, st, o.Reference, mem, ds, feeds[:1], t0)
			if err != nil {
				t.Fatal(err)
			}
			tr, _ := sim.Truth(feeds[0].URL, t0)
			if part.Items != tr.Updated || part.Items >= full.Items {
				t.Errorf("held %v, %s listing only %s: %d items scored, want the feed's %d (all feeds: %d)",
					held, ds.ID, feeds[0].URL, part.Items, tr.Updated, full.Items)
			}
			checked++
		}
		if checked == 0 {
			t.Fatal("no dataset with two feeds")
		}
	}
}
