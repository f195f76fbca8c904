package app

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/feedgauge/feedgauge/internal/alerts"
	"github.com/feedgauge/feedgauge/internal/discover"
	"github.com/feedgauge/feedgauge/internal/fetch"
	"github.com/feedgauge/feedgauge/internal/pipeline"
	"github.com/feedgauge/feedgauge/internal/store"
)

func init() {
	register(&command{name: "snapshot", summary: "one harvest + score + store run over the sources, then exit",
		flags: []string{"store", "source", "sources", "allow-private", "at", "json", "preview", "test-catalog", "concurrency", "host-rate", "host-concurrency", "webhook-url", "smtp-addr", "smtp-from", "smtp-to"},
		run:   runSnapshot})
}

func runSnapshot(ctx context.Context, e *Env, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("unexpected argument %q: give sources with --source URL or --sources FILE", args[0])
	}
	sources, err := loadSources(e)
	if err != nil {
		return err
	}
	T, err := asAt(e.Cfg.At)
	if err != nil {
		return err
	}
	client, err := newClient(e)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, e, true)
	if err != nil {
		return err
	}
	defer st.Close()
	opts, err := snapshotOptions(ctx, e, st, client, sources, T)
	if err != nil {
		return err
	}
	bar := newProgressBar(e.Stderr)
	opts.Progress = bar.update
	sum, err := pipeline.Run(ctx, opts)
	bar.done()
	if err != nil {
		return err
	}
	changes, err := pipeline.After(ctx, st, T, alerts.Options{Log: e.Log})
	if err != nil {
		return err
	}
	if err := notify(ctx, e, changes); err != nil {
		e.Log.Warn("alert notification failed; the alerts are stored and shown on the dashboard", "err", err)
	}
	if e.Cfg.JSON {
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	}
	fmt.Fprintf(e.Stdout, "snapshot %s: %d datasets, %d feeds (%d failed), %d items, %d activities, %d SP-ready, %.1f s\n",
		sum.T.Format("2006-01-02T15:04:05Z"), sum.Datasets, sum.Feeds, sum.FeedsFailed, sum.Items, sum.Activities, sum.SPReady, sum.Seconds)
	for _, f := range sum.Failures {
		fmt.Fprintf(e.Stdout, "  failed %s: %s (%s)\n", f.URL, f.Message, f.Kind)
	}
	return nil
}

// snapshotOptions builds the pipeline's options from the store's reference
// data as at T: the geography resolver, the scoring reference and the
// assurance register.
func snapshotOptions(ctx context.Context, e *Env, st store.Store, client *fetch.Client, sources []discover.Source, T time.Time) (pipeline.Options, error) {
	res, err := loadGeo(ctx, st)
	if err != nil {
		return pipeline.Options{}, err
	}
	ref, err := referenceAt(ctx, st, res, T)
	if err != nil {
		return pipeline.Options{}, err
	}
	return pipeline.Options{Store: st, Client: client, Reference: ref.Ref, Logger: e.Log, Sources: sources, T: T,
		IncludePreview: e.Cfg.Preview, IncludeTest: e.Cfg.TestCatalog, Concurrency: e.Cfg.Concurrency,
		GeoVintages: ref.GeoVintages, RegisterRevision: ref.RegisterRevision}, nil
}

func loadSources(e *Env) ([]discover.Source, error) {
	var out []discover.Source
	for _, u := range e.Cfg.Sources {
		out = append(out, discover.Source{URL: u})
	}
	if e.Cfg.SourcesFile != "" {
		f, err := os.Open(e.Cfg.SourcesFile)
		if err != nil {
			return nil, fmt.Errorf("cannot read the sources file: %w", err)
		}
		defer f.Close()
		more, err := discover.LoadSources(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.Cfg.SourcesFile, err)
		}
		out = append(out, more...)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no sources: give --source URL (a catalogue, dataset site or feed) or --sources FILE")
	}
	return out, nil
}

// newClient builds the shared HTTP client with the address guard set from
// --allow-private.
func newClient(e *Env) (*fetch.Client, error) {
	o := fetch.DefaultOptions()
	o.Version = Version
	o.Logger = e.Log
	if e.Cfg.HostRate != 0 {
		o.HostRate = e.Cfg.HostRate
	}
	if e.Cfg.HostConcurrency > 0 {
		o.HostConcurrency = e.Cfg.HostConcurrency
	}
	if e.Cfg.AllowPrivate != "" {
		all, cidrs, err := fetch.ParseAllow(e.Cfg.AllowPrivate)
		if err != nil {
			return nil, fmt.Errorf("--allow-private: %w", err)
		}
		o.AllowPrivate, o.AllowCIDRs = all, cidrs
	}
	return fetch.New(o), nil
}
