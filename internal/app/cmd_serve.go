package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/admin"
	"github.com/feedgauge/feedgauge/internal/alerts"
	"github.com/feedgauge/feedgauge/internal/lock"
	"github.com/feedgauge/feedgauge/internal/metrics"
	"github.com/feedgauge/feedgauge/internal/pipeline"
	"github.com/feedgauge/feedgauge/internal/schedule"
	"github.com/feedgauge/feedgauge/internal/spool"
	"github.com/feedgauge/feedgauge/internal/store"
)

func init() {
	register(&command{name: "serve", summary: "dashboard + API + scheduled snapshots",
		flags: []string{"store", "addr", "admin-token", "every", "source", "sources", "allow-private", "preview",
			"test-catalog", "concurrency", "spread", "host-rate", "host-concurrency", "data-dir", "spool-dir", "retention", "webhook-url", "smtp-addr", "smtp-from", "smtp-to"},
		run: runServe})
}

// serveMemoryItems bounds the items serve keeps decoded between snapshots:
// a place's worth; England's datasets above it are read back each time.
const serveMemoryItems = 1_000_000

func runServe(ctx context.Context, e *Env, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("unexpected argument %q", args[0])
	}
	if e.Cfg.Every != "" && len(e.Cfg.Sources) == 0 && e.Cfg.SourcesFile == "" {
		return fmt.Errorf("--every needs sources to snapshot: give --source URL or --sources FILE")
	}
	st, err := openStore(ctx, e, true)
	if err != nil {
		return err
	}
	defer st.Close()
	lk, err := lock.Acquire(dataDir(e), "serve")
	if err != nil {
		return err
	}
	defer lk.Release()
	m := metrics.New()
	sp, err := spool.New(st, spool.Options{Dir: e.Cfg.SpoolDir, Log: e.Log, Metrics: m})
	if err != nil {
		return err
	}
	go sp.Run(ctx)
	go spool.RunRetention(ctx, sp, e.Cfg.Retention, 24*time.Hour, e.Log)
	ns, err := channels(e, m)
	if err != nil {
		return err
	}
	disp := alerts.NewDispatcher(e.Log, m, ns...)
	go disp.Run(ctx)
	sched, err := newScheduler(ctx, e, sp, m, disp)
	if err != nil {
		return err
	}
	go sched.Run(ctx)
	res, err := loadGeo(ctx, st)
	if err != nil {
		return err
	}
	srv, err := newWeb(sp, e.Log, webDeps{AdminToken: e.Cfg.AdminToken, Geo: res, Metrics: m,
		Operations: operations(sp, sched, disp, e)})
	if err != nil {
		return err
	}
	return srv.Listen(ctx, e.Cfg.Addr)
}

// dataDir is where the lock (and by default the spool) live: --data-dir,
// else the embedded store's folder, else ./feedgauge-data.
func dataDir(e *Env) string {
	if e.Cfg.DataDir != "" {
		return e.Cfg.DataDir
	}
	if p, ok := strings.CutPrefix(e.Cfg.Store, "sqlite:"); ok {
		return filepath.Dir(p)
	}
	return "./feedgauge-data"
}

// newScheduler wires the snapshot run: sources re-read each time (so an
// edited sources file takes effect), the reference as at T, the in-process
// memory, then alerts and grant compliance.
func newScheduler(ctx context.Context, e *Env, st store.Store, m *metrics.Metrics, disp *alerts.Dispatcher) (*schedule.Scheduler, error) {
	client, err := newClient(e)
	if err != nil {
		return nil, err
	}
	mem := pipeline.NewMemory(serveMemoryItems)
	run := func(ctx context.Context, T time.Time) error {
		sources, err := loadSources(e)
		if err != nil {
			return err
		}
		opts, err := snapshotOptions(ctx, e, st, client, sources, T)
		if err != nil {
			return err
		}
		opts.Memory, opts.Metrics, opts.Offset = mem, m, spread(e)
		sum, err := pipeline.Run(ctx, opts)
		if err != nil {
			return err
		}
		e.Log.Info("snapshot done", "t", T, "datasets", sum.Datasets, "feeds", sum.Feeds, "failed", sum.FeedsFailed,
			"activities", sum.Activities, "sp_ready", sum.SPReady, "seconds", sum.Seconds)
		changes, err := pipeline.After(ctx, st, T, alerts.Options{Log: e.Log, Metrics: m})
		disp.Send(changes)
		return err
	}
	last, err := lastSnapshot(ctx, st)
	if err != nil {
		return nil, err
	}
	return schedule.New(e.Cfg.Every, run, schedule.Options{Log: e.Log, Metrics: m, LastT: last})
}

func lastSnapshot(ctx context.Context, st store.Store) (time.Time, error) {
	ss, err := store.Snapshots(ctx, st, 1)
	if err != nil || len(ss) == 0 {
		return time.Time{}, err
	}
	return ss[0].T, nil
}

// operations gives the admin pages the schedule and the alerts.
func operations(st store.Store, sched *schedule.Scheduler, disp *alerts.Dispatcher, e *Env) *admin.Operations {
	return &admin.Operations{
		Status: func() [][2]string {
			s := sched.Status()
			rows := [][2]string{{"Schedule", s.Plan}, {"Running", yesNo(s.Running)}, {"Last snapshot", stamp(s.LastT)},
				{"Next snapshot", stamp(s.Next)}}
			if s.LastError != "" {
				rows = append(rows, [2]string{"Last problem", s.LastError})
			}
			return rows
		},
		Trigger: sched.Trigger,
		Alerts: func(ctx context.Context) ([]admin.Alert, error) {
			as, err := alerts.List(ctx, st, map[string]string{"state": "active"})
			out := make([]admin.Alert, len(as))
			for i, a := range as {
				out[i] = admin.Alert{ID: a.ID, Kind: a.Kind, Severity: a.Severity, State: a.State, Subject: a.Subject,
					Message: a.Message, OpenedAt: stamp(a.OpenedAt), Note: a.Note}
			}
			return out, err
		},
		Acknowledge: func(ctx context.Context, id, who, note string) error {
			ch, err := alerts.Acknowledge(ctx, st, id, who, note, alerts.Options{Log: e.Log})
			if err != nil {
				return err
			}
			disp.Send([]alerts.Change{ch})
			return nil
		},
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return t.UTC().Format("2 Jan 2006 15:04 UTC")
}

// spread gives each dataset its stable place within the window a scheduled
// snapshot is spread over: --spread, else half of a duration --every.
func spread(e *Env) func(string) time.Duration {
	window := e.Cfg.Spread
	if window == 0 {
		if d, err := time.ParseDuration(e.Cfg.Every); err == nil {
			window = d / 2
		}
	}
	if window <= 0 {
		return nil
	}
	return func(id string) time.Duration { return schedule.Offset(id, window) }
}
