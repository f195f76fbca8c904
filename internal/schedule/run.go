package schedule

import (
	"context"
	"errors"
	"time"
)

// Run schedules snapshots until ctx ends; then it lets a running snapshot
// finish, cancels it after Grace (it stops at its next checkpoint) and
// returns once it has.
func (s *Scheduler) Run(ctx context.Context) error {
	runCtx, cancelRuns := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelRuns()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var target time.Time // next run, on the monotonic clock
	aligned := false
	if s.plan != nil {
		if overdue(s.plan, s.opts.LastT, s.opts.Now()) {
			target = time.Now()
			s.log.Info("a scheduled snapshot was missed since the last one; running one now", "last_t", s.opts.LastT)
		} else {
			target, aligned = s.fromWall(), true
		}
		s.arm(timer, target)
	}
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return s.shutdown(cancelRuns)
		case <-timer.C:
			s.start(runCtx, "schedule")
			if s.plan.monotonic() && aligned {
				step := time.Duration(s.plan.(interval))
				for !target.After(time.Now()) {
					target = target.Add(step)
				}
			} else {
				target, aligned = s.fromWall(), true
			}
			s.arm(timer, target)
		case <-s.trigger:
			s.start(runCtx, "manual")
		}
	}
}

// fromWall turns the plan's next wall-clock time into a monotonic target.
func (s *Scheduler) fromWall() time.Time {
	wall := s.opts.Now()
	return time.Now().Add(s.plan.next(wall).Sub(wall))
}

func (s *Scheduler) arm(timer *time.Timer, target time.Time) {
	d := time.Until(target)
	timer.Reset(max(d, 0))
	s.mu.Lock()
	s.status.Next = s.opts.Now().Add(d).UTC().Truncate(time.Second)
	s.mu.Unlock()
}

// start begins a snapshot unless one runs or T would not move forward.
func (s *Scheduler) start(ctx context.Context, why string) {
	s.mu.Lock()
	if s.status.Running {
		running := s.status.RunningT
		s.mu.Unlock()
		s.opts.Metrics.Skipped("running")
		s.log.Warn("snapshot not started: the previous one is still running", "trigger", why, "running_t", running)
		return
	}
	t := s.opts.Now().UTC().Truncate(time.Second)
	last := s.status.LastT
	if !last.IsZero() && !t.After(last) {
		s.mu.Unlock()
		s.opts.Metrics.Skipped("clock")
		s.log.Error("snapshot skipped: the clock says "+t.Format(time.RFC3339)+", which is not after the last snapshot "+
			last.Format(time.RFC3339)+"; check the system clock (NTP)", "trigger", why)
		return
	}
	s.status.Running, s.status.RunningT = true, t
	finished := make(chan struct{})
	s.finished = finished
	s.mu.Unlock()
	s.log.Info("snapshot starting", "t", t.Format(time.RFC3339), "trigger", why)
	go func() {
		defer close(finished)
		s.execute(ctx, t)
	}()
}

func (s *Scheduler) execute(ctx context.Context, t time.Time) {
	began := time.Now()
	err := s.run(ctx, t)
	took := time.Since(began)
	outcome := "complete"
	switch {
	case errors.Is(err, context.Canceled) || (err != nil && ctx.Err() != nil):
		outcome = "cancelled"
	case err != nil:
		outcome = "failed"
	}
	s.mu.Lock()
	s.status.Running, s.status.RunningT, s.status.LastT = false, time.Time{}, t
	s.status.LastTook, s.status.LastError = took.Round(time.Millisecond).String(), ""
	if err != nil {
		s.status.LastError = err.Error()
	}
	s.mu.Unlock()
	s.opts.Metrics.Snapshot(outcome, t, took)
	if err != nil {
		s.log.Error("snapshot "+outcome, "t", t.Format(time.RFC3339), "took", took.Round(time.Millisecond).String(), "error", err)
	} else {
		s.log.Info("snapshot complete", "t", t.Format(time.RFC3339), "took", took.Round(time.Millisecond).String())
	}
}

// shutdown waits for a running snapshot: Grace to finish, then cancelled.
func (s *Scheduler) shutdown(cancelRuns context.CancelFunc) error {
	s.mu.Lock()
	running, finished := s.status.Running, s.finished
	s.mu.Unlock()
	if !running {
		return nil
	}
	s.log.Info("shutting down: waiting for the running snapshot", "grace", s.opts.Grace.String())
	select {
	case <-finished:
		return nil
	case <-time.After(s.opts.Grace):
	}
	s.log.Warn("shutting down: asking the running snapshot to stop at its next checkpoint")
	cancelRuns()
	<-finished
	return nil
}
