// Package schedule runs snapshots: on an interval (--every 6h) or a cron
// expression, one at a time, with a manual trigger for the admin page, a
// stable per-feed offset helper, and a graceful shutdown. The snapshot
// itself is injected. T is the wall clock at the start of a run, truncated
// to the second; a run whose T would not be after the previous snapshot's
// (the clock went back) is skipped with a clear log line.
package schedule

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/feedgauge/feedgauge/internal/metrics"
)

// Func runs one snapshot as at T. When ctx is cancelled it should stop at
// the next checkpoint and return.
type Func func(ctx context.Context, t time.Time) error

// ErrRunning is returned by Trigger while a snapshot runs: the trigger is
// coalesced into the running one.
var ErrRunning = errors.New("a snapshot is already running")

// Options configure a Scheduler.
type Options struct {
	Log     *slog.Logger
	Metrics *metrics.Metrics
	// LastT is the T of the latest stored snapshot: no run uses a T at or
	// before it, and a run missed since it is caught up at start.
	LastT time.Time
	// Grace is how long a running snapshot may go on after shutdown begins
	// before its context is cancelled (default 30 s).
	Grace time.Duration
	// Location is the zone of cron expressions (default UTC).
	Location *time.Location
	// Now is the wall clock T is read from (default time.Now).
	Now func() time.Time
	// minInterval overrides MinInterval (tests).
	minInterval time.Duration
}

// Status is what the admin page shows.
type Status struct {
	Plan      string    `json:"plan"`
	Running   bool      `json:"running"`
	RunningT  time.Time `json:"running_t,omitempty"`
	LastT     time.Time `json:"last_t,omitempty"`
	LastError string    `json:"last_error,omitempty"`
	LastTook  string    `json:"last_took,omitempty"`
	Next      time.Time `json:"next,omitempty"`
}

// Scheduler runs snapshots; see the package comment.
type Scheduler struct {
	plan    plan // nil: manual only
	run     Func
	opts    Options
	log     *slog.Logger
	trigger chan struct{}

	mu       sync.Mutex
	status   Status
	finished chan struct{} // closed when the current run returns
}

// New makes a scheduler for --every (empty: manual triggers only).
func New(every string, run Func, opts Options) (*Scheduler, error) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Grace <= 0 {
		opts.Grace = 30 * time.Second
	}
	if opts.minInterval == 0 {
		opts.minInterval = MinInterval
	}
	s := &Scheduler{run: run, opts: opts, log: opts.Log, trigger: make(chan struct{}, 1)}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s.status = Status{Plan: "manual only", LastT: opts.LastT.UTC()}
	if every != "" {
		p, err := parsePlan(every, opts.Location, opts.minInterval)
		if err != nil {
			return nil, err
		}
		s.plan, s.status.Plan = p, p.String()
	}
	return s, nil
}

// Status returns the scheduler's state.
func (s *Scheduler) Status() Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.status
}

// Trigger asks for a snapshot now (the admin page's button). It returns
// ErrRunning when one is already running; a trigger already waiting to be
// picked up absorbs this one.
func (s *Scheduler) Trigger() error {
	s.mu.Lock()
	running, t := s.status.Running, s.status.RunningT
	s.mu.Unlock()
	if running {
		s.opts.Metrics.Skipped("running")
		return fmt.Errorf("%w (T %s)", ErrRunning, t.Format(time.RFC3339))
	}
	select {
	case s.trigger <- struct{}{}:
	default:
	}
	return nil
}
