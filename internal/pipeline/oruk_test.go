package pipeline_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/feedgauge/feedgauge/internal/discover"
	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/oruk"
	"github.com/feedgauge/feedgauge/internal/pipeline"
	"github.com/feedgauge/feedgauge/internal/simulate"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// orukFeeds are one clean feed of each version and one feed per real-world
// fault, with what the attempt must record.
var orukFeeds = []struct {
	feed   simulate.ORUKFeed
	status string
	kind   domain.ErrorKind
	checks []string
}{
	{simulate.ORUKFeed{Version: 3, Services: 23, PageSize: 7}, domain.StatusOK, domain.KindOK, []string{oruk.CheckHTTPS}},
	{simulate.ORUKFeed{Version: 1, Services: 12, PageSize: 5}, domain.StatusOK, domain.KindOK, []string{oruk.CheckHTTPS, oruk.CheckCORS}},
	{simulate.ORUKFeed{Faults: []string{"empty"}}, domain.StatusOK, domain.KindOK, []string{oruk.CheckEmpty, oruk.CheckHTTPS}},
	{simulate.ORUKFeed{Version: 1, Services: 9, PageSize: 4, Faults: []string{"claims-v3"}}, domain.StatusOK, domain.KindOK,
		[]string{oruk.CheckVersion, oruk.CheckHTTPS, oruk.CheckCORS}},
	{simulate.ORUKFeed{Services: 15, Faults: []string{"bad-pagination"}}, domain.StatusFailed, domain.KindInvalidPage, []string{oruk.CheckHTTPS}},
	{simulate.ORUKFeed{Services: 40, PageSize: 8, Faults: []string{"total-pages-lie"}}, domain.StatusOK, domain.KindOK,
		[]string{oruk.CheckTotalPages, oruk.CheckHTTPS}},
	{simulate.ORUKFeed{Services: 21, Faults: []string{"no-ids"}}, domain.StatusOK, domain.KindOK, []string{oruk.CheckServiceIDs, oruk.CheckHTTPS}},
	{simulate.ORUKFeed{Services: 25, PageSize: 10, Faults: []string{"html-error"}}, domain.StatusFailed, domain.KindNotJSON, []string{oruk.CheckHTTPS}},
	{simulate.ORUKFeed{Services: 5, Faults: []string{"blocked-ua"}}, domain.StatusFailed, domain.KindAuthRequired, nil},
}

func orukWorld(t *testing.T) *simulate.Server {
	t.Helper()
	cfg := simulate.Config{Seed: 5, Datasets: 2, Activities: 30, Clock: t0}
	for _, f := range orukFeeds {
		cfg.ORUK = append(cfg.ORUK, f.feed)
	}
	sim, err := simulate.Start(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	return sim
}

// TestORUKFeedsMatchTruth harvests simulated ORUK feeds with every fault
// beside an OpenActive catalogue, on every backend: stored services equal
// the simulator's truth, every fault is an attempt row with a clear error
// kind or check, and the rest carries on.
func TestORUKFeedsMatchTruth(t *testing.T) {
	sim := orukWorld(t)
	infos := sim.ORUKFeeds()
	for _, b := range storetest.All(t) {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			o := options(t, b.Store, sim)
			for _, fi := range infos {
				o.Sources = append(o.Sources, discover.Source{URL: fi.URL})
			}
			sum, err := pipeline.Run(ctx, o)
			if err != nil {
				t.Fatal(err)
			}
			attempts := latestAttempts(t, b.Store)
			scored := 0
			for i, fi := range infos {
				want := orukFeeds[i]
				a, ok := attempts[fi.URL]
				if !ok {
					t.Fatalf("feed %d (%v): no attempt row", i, fi.Faults)
				}
				if a.Status != want.status || a.ErrorKind != want.kind || !reflect.DeepEqual(a.FailedChecks, want.checks) {
					t.Errorf("feed %d (%v): %s %s %v, want %s %s %v — %s", i, fi.Faults, a.Status, a.ErrorKind, a.FailedChecks,
						want.status, want.kind, want.checks, a.Message)
				}
				if fi.Blocked == "blocked-ua" {
					continue // discovery failed: no dataset, nothing stored
				}
				live, _, err := store.CountItems(ctx, b.Store, fi.URL, fi.URL)
				if err != nil {
					t.Fatal(err)
				}
				if live != fi.Readable {
					t.Errorf("feed %d (%v): stored %d services, truth %d", i, fi.Faults, live, fi.Readable)
				}
				scored += fi.Readable
			}
			if n := countScores(t, b.Store, oruk.KindService); n != scored {
				t.Errorf("%d ORUK services scored, want %d", n, scored)
			}
			if sum.Activities <= scored {
				t.Errorf("OpenActive activities were not scored beside the services: %d in all", sum.Activities)
			}
		})
	}
}

func latestAttempts(t *testing.T, st store.Store) map[string]domain.HarvestAttempt {
	t.Helper()
	out := map[string]domain.HarvestAttempt{}
	for _, r := range rows(t, st, "feed_health", map[string]string{"limit": "1000"}) {
		msg, _ := r[11].(string)
		a := domain.HarvestAttempt{FeedURL: r[0].(string), Status: r[4].(string), ErrorKind: domain.ErrorKind(r[5].(string)), Message: msg}
		if l, ok := r[14].([]string); ok && len(l) > 0 {
			a.FailedChecks = l
		}
		out[a.FeedURL] = a
	}
	return out
}

func countScores(t *testing.T, st store.Store, kind string) int {
	t.Helper()
	n := 0
	for _, r := range rows(t, st, "activities", map[string]string{"kind": kind, "limit": "100000"}) {
		_ = r
		n++
	}
	return n
}
