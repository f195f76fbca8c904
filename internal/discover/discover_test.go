package discover

import (
	"context"
	"net/netip"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/fetch"
	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/simulate"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/sqlite"
	"github.com/feedgauge/feedgauge/queries"
)

func simClient() *fetch.Client {
	return fetch.New(fetch.Options{AllowCIDRs: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}, HostRate: -1,
		MaxAttempts: 1, Timeout: 5 * time.Second})
}

func TestDiscoverSimulatedCatalogue(t *testing.T) {
	faults, _ := simulate.ParseFaults("no-jsonld@1,not-dataset@2,generic-name@3,moved-host@4,redirect-private@5")
	s, err := simulate.Start(context.Background(), simulate.Config{Seed: 9, Datasets: 35, Faults: faults, Clock: now, Epoch: now.AddDate(0, 0, -100)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	cases := []struct {
		name     string
		opts     Options
		datasets int
		failures int
	}{
		{"live only", Options{}, 33, 2},
		{"with preview", Options{IncludePreview: true}, 34, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Client, tc.opts.Now = simClient(), now
			sources := []Source{{URL: s.CatalogueURL()}, {URL: s.PreviewCatalogueURL()}}
			res := Discover(ctx, sources, tc.opts)
			if len(res.Datasets) != tc.datasets || len(res.Failures) != tc.failures {
				t.Fatalf("%d datasets and %d failures, want %d and %d: %+v", len(res.Datasets), len(res.Failures), tc.datasets, tc.failures, res.Failures)
			}
			for _, f := range res.Failures {
				if f.ErrorKind != domain.KindInvalidDatasetSite || f.Status != domain.StatusFailed {
					t.Errorf("failure %+v", f)
				}
			}
			for _, d := range res.Datasets {
				if d.ID == s.URL()+"/datasets/3/" && d.Name != "127.0.0.1" {
					t.Errorf("generic name kept: %q", d.Name)
				}
			}
		})
	}
}

func TestMovedHostIsDetected(t *testing.T) {
	faults, _ := simulate.ParseFaults("moved-host@0")
	epoch := now.AddDate(0, 0, -150)
	s, err := simulate.Start(context.Background(), simulate.Config{Seed: 4, Datasets: 3, Faults: faults, Clock: now, Epoch: epoch})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "fg.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Migrate(context.Background())
	ctx := context.Background()
	run := func() ([]Move, Result) {
		res := Discover(ctx, []Source{{URL: s.CatalogueURL()}}, Options{Client: simClient(), Now: s.Clock()})
		moves, err := Record(ctx, db, res)
		if err != nil {
			t.Fatal(err)
		}
		return moves, res
	}
	if moves, _ := run(); len(moves) != 0 {
		t.Fatalf("moves before the move: %+v", moves)
	}
	s.SetClock(epoch.AddDate(0, 0, 201))
	moves, res := run()
	if len(moves) != 1 || !strings.Contains(moves[0].To, "localhost") || moves[0].From != s.URL()+"/datasets/0/" || len(moves[0].Feeds) == 0 {
		t.Fatalf("moves %+v", moves)
	}
	ds, _ := store.Datasets(ctx, db)
	if len(ds) != 4 || len(res.Datasets) != 3 {
		t.Errorf("%d datasets stored, %d found", len(ds), len(res.Datasets))
	}
	// The move is stored, dated by the snapshot, and found from either end;
	// seen again it is not a new move.
	s.SetClock(epoch.AddDate(0, 0, 202))
	if again, _ := run(); len(again) != 0 {
		t.Errorf("the move was detected again: %+v", again)
	}
	cat, err := query.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	def, _ := cat.Get("dataset_moves")
	for _, id := range []string{moves[0].From, moves[0].To, ""} {
		args, err := def.Bind(map[string]string{"dataset": id})
		if err != nil {
			t.Fatal(err)
		}
		r, err := query.Run(ctx, db, def, args)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Rows) != 1 || r.Rows[0][0] != moves[0].From || r.Rows[0][1] != moves[0].To ||
			!r.Rows[0][2].(time.Time).Equal(epoch.AddDate(0, 0, 201).Truncate(time.Second)) || r.Rows[0][3] != int64(len(moves[0].Feeds)) {
			t.Errorf("dataset_moves for %q: %v", id, r.Rows)
		}
	}
}
