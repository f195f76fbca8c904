package app

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/feedgauge/feedgauge/internal/simulate"
)

func init() {
	register(&command{name: "simulate", summary: "run simulated RPDE publishers (catalogue, dataset sites, feeds) and ORUK directories with faults",
		flags: []string{"addr", "seed", "datasets", "items", "oruk", "faults"}, run: runSimulate})
}

func runSimulate(ctx context.Context, e *Env, args []string) error {
	faults, orukFaults, err := simulateFaults(e.Cfg.Faults)
	if err != nil {
		return fmt.Errorf("--faults: %w", err)
	}
	if e.Cfg.ORUK < 0 {
		return fmt.Errorf("--oruk %d: the number of ORUK directories cannot be negative", e.Cfg.ORUK)
	}
	addr := e.Cfg.Addr
	if addr == "127.0.0.1:8080" {
		addr = "127.0.0.1:8081" // leave the dashboard's port free
	}
	cfg := simulate.Config{Seed: e.Cfg.Seed, Datasets: e.Cfg.Datasets, ItemsPerFeed: e.Cfg.Items,
		Faults: faults, Addr: addr, Logger: e.Log}
	for i := range e.Cfg.ORUK {
		cfg.ORUK = append(cfg.ORUK, simulate.ORUKFeed{Version: 3 - 2*(i%2), Services: max(e.Cfg.Items, 1), Faults: orukFaults})
	}
	srv, err := simulate.Start(ctx, cfg)
	if err != nil {
		return err
	}
	defer srv.Close()
	fmt.Fprintf(e.Stdout, "simulated publishers on %s\n  catalogue collection: %s\n  set the clock: POST %s/_control/clock?t=2026-06-01T00:00:00Z\n",
		srv.URL(), srv.CatalogueURL(), srv.URL())
	sources := []string{"--source " + srv.CatalogueURL()}
	for _, f := range srv.ORUKFeeds() {
		fmt.Fprintf(e.Stdout, "  ORUK v%d directory: %s\n", f.Version, f.URL)
		sources = append(sources, "--source "+f.URL)
	}
	fmt.Fprintln(e.Stdout, "harvest them with: feedgauge snapshot --allow-private=127.0.0.1", strings.Join(sources, " "))
	<-ctx.Done()
	return nil
}

// simulateFaults splits --faults into OpenActive faults and ORUK ones
// (simulate.ORUKFaultNames), which every simulated directory gets.
func simulateFaults(s string) ([]simulate.Fault, []string, error) {
	oruk := simulate.ORUKFaultNames()
	var oa, or []string
	for _, part := range strings.Split(s, ",") {
		if _, ok := oruk[strings.TrimSpace(part)]; ok {
			or = append(or, strings.TrimSpace(part))
		} else {
			oa = append(oa, part)
		}
	}
	faults, err := simulate.ParseFaults(strings.Join(oa, ","))
	if err != nil {
		names := make([]string, 0, len(oruk))
		for n := range oruk {
			names = append(names, n)
		}
		sort.Strings(names)
		return nil, nil, fmt.Errorf("%w; ORUK faults (with --oruk): %s", err, strings.Join(names, ", "))
	}
	return faults, or, nil
}
