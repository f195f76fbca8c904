// Package demo builds feedgauge's quick start: simulated publishers for a
// real place (Trafford, Greater Manchester), its real geography, and a year
// of weekly snapshots backfilled with the simulator's clock, so trends and
// quarter comparisons are real history rather than invented numbers.
package demo

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/feedgauge/feedgauge/internal/alerts"
	"github.com/feedgauge/feedgauge/internal/discover"
	"github.com/feedgauge/feedgauge/internal/fetch"
	"github.com/feedgauge/feedgauge/internal/geo"
	"github.com/feedgauge/feedgauge/internal/pipeline"
	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/simulate"
	"github.com/feedgauge/feedgauge/internal/store"
)

// Options size the demo world.
type Options struct {
	Seed       int64
	Datasets   int // default 100
	Activities int // default 5,000
	Weeks      int // weekly snapshots to backfill, default 52
	// Now is the last snapshot's time (default: now).
	Now    time.Time
	Logger *slog.Logger
	// Progress is told each finished snapshot.
	Progress func(done, total int, s pipeline.Summary)
}

func (o Options) withDefaults() Options {
	if o.Datasets <= 0 {
		o.Datasets = 100
	}
	if o.Activities <= 0 {
		o.Activities = 5000
	}
	if o.Weeks <= 0 {
		o.Weeks = 52
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	o.Now = o.Now.UTC().Truncate(time.Second)
	if o.Seed == 0 {
		o.Seed = 2026
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// World is a running demo: the simulator and the store it fills.
type World struct {
	Sim *simulate.Server
}

// Close stops the simulated publishers.
func (w *World) Close() { w.Sim.Close() }

// Build loads the demo geography into st, starts the simulated publishers
// and backfills the weekly snapshots.
func Build(ctx context.Context, st store.Store, o Options) (*World, error) {
	o = o.withDefaults()
	if _, err := geo.ImportDemo(ctx, st); err != nil {
		return nil, fmt.Errorf("load the demo geography: %w", err)
	}
	places, err := Places(ctx, st, 400)
	if err != nil {
		return nil, err
	}
	first := o.Now.AddDate(0, 0, -7*(o.Weeks-1))
	// One session stream per series keeps a year of weekly history quick to
	// build (the quick start must be ready in about 30 s) and still gives every
	// series an upcoming session each week.
	sim, err := simulate.Start(ctx, simulate.Config{Seed: o.Seed, Datasets: o.Datasets, Activities: o.Activities, ChildrenPerParent: 1,
		// Two council service directories in Open Referral UK beside the
		// OpenActive publishers, so the dashboard can compare the standards.
		ORUK:   []simulate.ORUKFeed{{Version: 3, Services: 120, PageSize: 50}, {Version: 1, Services: 60, PageSize: 30}},
		Places: places, Clock: first, Epoch: first.AddDate(0, 0, -14), Logger: o.Logger})
	if err != nil {
		return nil, err
	}
	w := &World{Sim: sim}
	if err := w.backfill(ctx, st, o, first); err != nil {
		sim.Close()
		return nil, err
	}
	return w, nil
}

func (w *World) backfill(ctx context.Context, st store.Store, o Options, first time.Time) error {
	fo := fetch.DefaultOptions()
	fo.AllowCIDRs = loopback()
	fo.HostConcurrency, fo.HostRate = 16, -1 // one local host serves every dataset
	client := fetch.New(fo)
	res, err := geo.Load(ctx, st)
	if err != nil {
		return err
	}
	ref, err := score.DefaultReference()
	if err != nil {
		return err
	}
	opts := pipeline.Options{Store: st, Client: client, Reference: ref.WithLocator(res), Logger: o.Logger,
		Sources: w.sources(), Concurrency: 16,
		GeoVintages: res.Vintages(), Memory: pipeline.NewMemory(2_000_000)}
	for i := 0; i < o.Weeks; i++ {
		T := first.AddDate(0, 0, 7*i)
		w.Sim.SetClock(T)
		opts.T = T
		sum, err := pipeline.Run(ctx, opts)
		if err != nil {
			return fmt.Errorf("demo snapshot %s: %w", T.Format(time.DateOnly), err)
		}
		if _, err := pipeline.After(ctx, st, T, alerts.Options{Log: o.Logger}); err != nil {
			return fmt.Errorf("demo snapshot %s: %w", T.Format(time.DateOnly), err)
		}
		if o.Progress != nil {
			o.Progress(i+1, o.Weeks, sum)
		}
	}
	return nil
}

// sources are the demo's catalogue and its ORUK service directories.
func (w *World) sources() []discover.Source {
	out := []discover.Source{{URL: w.Sim.CatalogueURL(), Label: "demo"}}
	for _, f := range w.Sim.ORUKFeeds() {
		out = append(out, discover.Source{URL: f.URL, Label: "demo ORUK"})
	}
	return out
}
