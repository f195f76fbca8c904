package harvest

import (
	"context"
	"net/netip"
	"path/filepath"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/fetch"
	"github.com/feedgauge/feedgauge/internal/simulate"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/sqlite"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func mustStore(tb testing.TB, dir string) store.Store {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, "fg.db"))
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := db.Migrate(context.Background()); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func testClient() *fetch.Client {
	return fetch.New(fetch.Options{
		AllowCIDRs:      []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")},
		MaxAttempts:     3,
		BackoffBase:     time.Millisecond,
		BackoffMax:      5 * time.Millisecond,
		RetryAfterCap:   3 * time.Second,
		Timeout:         10 * time.Second,
		HostConcurrency: 16,
		HostRate:        -1,
		MaxPageBytes:    16 << 20,
		MaxDecodedBytes: 32 << 20,
	})
}

func mustSim(tb testing.TB, cfg simulate.Config) *simulate.Server {
	tb.Helper()
	if cfg.Clock.IsZero() {
		cfg.Clock = t0
	}
	if cfg.Epoch.IsZero() {
		cfg.Epoch = t0.AddDate(0, 0, -120)
	}
	s, err := simulate.Start(context.Background(), cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// simFeeds lists the simulator's live feeds as domain feeds.
func simFeeds(s *simulate.Server) []domain.Feed {
	var out []domain.Feed
	for _, d := range s.Datasets() {
		if d.Preview {
			continue
		}
		for _, f := range d.Feeds {
			out = append(out, domain.Feed{URL: f.URL, DatasetID: d.URL, Kind: f.Kind})
		}
	}
	return out
}

func opts(st store.Store, at time.Time) Options {
	return Options{Store: st, Client: testClient(), At: at, Concurrency: 4}
}

// assertTruth checks stored counts of a feed against the simulator.
func assertTruth(tb testing.TB, st store.Store, s *simulate.Server, f domain.Feed, at time.Time) {
	tb.Helper()
	tr, err := s.Truth(f.URL, at)
	if err != nil {
		tb.Fatal(err)
	}
	up, del, err := store.CountItems(context.Background(), st, f.DatasetID, f.URL)
	if err != nil {
		tb.Fatal(err)
	}
	if up != tr.Updated || del != tr.Deleted {
		tb.Errorf("%s at %s: stored %d updated / %d deleted, truth %d / %d", f.URL, at.Format(time.DateOnly), up, del, tr.Updated, tr.Deleted)
	}
}
