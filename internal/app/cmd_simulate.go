package app

import (
	"context"
	"fmt"

	"github.com/feedgauge/feedgauge/internal/simulate"
)

func init() {
	register(&command{name: "simulate", summary: "run simulated RPDE publishers (catalogue, dataset sites, feeds) with faults",
		flags: []string{"addr", "seed", "datasets", "items", "faults"}, run: runSimulate})
}

func runSimulate(ctx context.Context, e *Env, args []string) error {
	faults, err := simulate.ParseFaults(e.Cfg.Faults)
	if err != nil {
		return fmt.Errorf("--faults: %w", err)
	}
	addr := e.Cfg.Addr
	if addr == "127.0.0.1:8080" {
		addr = "127.0.0.1:8081" // leave the dashboard's port free
	}
	srv, err := simulate.Start(ctx, simulate.Config{Seed: e.Cfg.Seed, Datasets: e.Cfg.Datasets, ItemsPerFeed: e.Cfg.Items,
		Faults: faults, Addr: addr, Logger: e.Log})
	if err != nil {
		return err
	}
	defer srv.Close()
	fmt.Fprintf(e.Stdout, "simulated publishers on %s\n  catalogue collection: %s\n  set the clock: POST %s/_control/clock?t=2026-06-01T00:00:00Z\n",
		srv.URL(), srv.CatalogueURL(), srv.URL())
	fmt.Fprintln(e.Stdout, "harvest them with: feedgauge snapshot --allow-private=127.0.0.1 --source", srv.CatalogueURL())
	<-ctx.Done()
	return nil
}
