package schedule

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestParsePlan(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	base := time.Date(2026, 6, 1, 7, 30, 0, 0, time.UTC) // 08:30 in London
	cases := []struct {
		every string
		next  time.Time
		err   bool
	}{
		{"6h", time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC), false},
		{"45m", time.Date(2026, 6, 1, 8, 15, 0, 0, time.UTC), false},
		{"0 */6 * * *", time.Date(2026, 6, 1, 11, 0, 0, 0, time.UTC), false}, // 12:00 London
		{"@daily", time.Date(2026, 6, 1, 23, 0, 0, 0, time.UTC), false},      // midnight London
		{"30s", time.Time{}, true},
		{"every now and then", time.Time{}, true},
		{"61 * * * *", time.Time{}, true},
	}
	for _, c := range cases {
		p, err := parsePlan(c.every, london, MinInterval)
		if c.err {
			if err == nil {
				t.Errorf("%q accepted", c.every)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.every, err)
			continue
		}
		if got := p.next(base); !got.Equal(c.next) {
			t.Errorf("%q: next after %s = %s, want %s", c.every, base, got, c.next)
		}
	}
}

func TestOverdue(t *testing.T) {
	p := interval(6 * time.Hour)
	now := time.Date(2026, 6, 1, 13, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		last time.Time
		want bool
	}{{time.Time{}, true}, {now.Add(-30 * time.Minute), false}, {now.Add(-90 * time.Minute), true}} {
		if got := overdue(p, c.last, now); got != c.want {
			t.Errorf("last %s: overdue %v, want %v", c.last, got, c.want)
		}
	}
}

// recorder is a snapshot function that records its Ts and can be held.
type recorder struct {
	mu    sync.Mutex
	ts    []time.Time
	hold  chan struct{}
	ended chan error
}

func (r *recorder) run(ctx context.Context, t time.Time) error {
	r.mu.Lock()
	r.ts = append(r.ts, t)
	r.mu.Unlock()
	if r.hold != nil {
		select {
		case <-r.hold:
		case <-ctx.Done():
			if r.ended != nil {
				r.ended <- ctx.Err()
			}
			return ctx.Err()
		}
	}
	return nil
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.ts)
}

// clock is a wall clock the test can move, one second per reading so Ts
// increase.
type clock struct{ t atomic.Int64 }

func (c *clock) now() time.Time  { return time.Unix(c.t.Add(1), 0).UTC() }
func (c *clock) set(t time.Time) { c.t.Store(t.Unix()) }

func newSched(t *testing.T, every string, r *recorder, opts Options) (*Scheduler, context.CancelFunc, chan error) {
	t.Helper()
	opts.minInterval = 10 * time.Millisecond
	s, err := New(every, r.run, opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	return s, cancel, done
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestIntervalRunsOneAtATime(t *testing.T) {
	// T has whole seconds, so the test clock moves a second per reading.
	c := &clock{}
	c.set(time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC))
	r := &recorder{}
	_, cancel, done := newSched(t, "50ms", r, Options{Now: c.now, LastT: time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)})
	time.Sleep(330 * time.Millisecond)
	cancel()
	<-done
	if n := r.count(); n < 3 || n > 8 {
		t.Fatalf("%d runs in 330 ms at 50 ms intervals", n)
	}
	for i := 1; i < len(r.ts); i++ {
		if !r.ts[i].After(r.ts[i-1]) {
			t.Fatalf("T did not increase: %v", r.ts)
		}
	}
}

func TestCatchUpAtStart(t *testing.T) {
	r := &recorder{}
	_, cancel, done := newSched(t, "1h", r, Options{})
	waitFor(t, "the catch-up run", func() bool { return r.count() == 1 })
	cancel()
	<-done
}

// TestTriggerCoalesces: triggers while a snapshot runs do not start or
// queue another.
func TestTriggerCoalesces(t *testing.T) {
	r := &recorder{hold: make(chan struct{})}
	s, cancel, done := newSched(t, "", r, Options{})
	defer func() { cancel(); <-done }()
	if err := s.Trigger(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the first run", func() bool { return s.Status().Running })
	for i := 0; i < 3; i++ {
		if err := s.Trigger(); !errors.Is(err, ErrRunning) {
			t.Fatalf("trigger while running: %v", err)
		}
	}
	close(r.hold)
	waitFor(t, "the run to end", func() bool { return !s.Status().Running })
	time.Sleep(50 * time.Millisecond)
	if n := r.count(); n != 1 {
		t.Fatalf("%d runs, want 1", n)
	}
	if st := s.Status(); st.LastT.IsZero() || st.LastError != "" || st.Plan != "manual only" {
		t.Fatalf("status %+v", st)
	}
}

// TestClockGoesBack: a T not after the last snapshot's is skipped.
func TestClockGoesBack(t *testing.T) {
	c := &clock{}
	c.set(time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC))
	r := &recorder{}
	s, cancel, done := newSched(t, "", r, Options{Now: c.now, LastT: time.Date(2026, 6, 1, 11, 0, 0, 0, time.UTC)})
	defer func() { cancel(); <-done }()
	s.Trigger()
	waitFor(t, "the first run", func() bool { return r.count() == 1 && !s.Status().Running })
	c.set(time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)) // an hour before the last T
	s.Trigger()
	time.Sleep(50 * time.Millisecond)
	if n := r.count(); n != 1 {
		t.Fatalf("a snapshot ran with a T before the last one: %v", r.ts)
	}
	c.set(time.Date(2026, 6, 1, 13, 0, 0, 0, time.UTC))
	s.Trigger()
	waitFor(t, "a run after the clock is right", func() bool { return r.count() == 2 })
}

// TestShutdownGrace: a running snapshot gets Grace to finish, then its
// context is cancelled, and Run returns only after it has returned.
func TestShutdownGrace(t *testing.T) {
	for _, finishes := range []bool{true, false} {
		t.Run(fmt.Sprint("finishes=", finishes), func(t *testing.T) {
			r := &recorder{hold: make(chan struct{}), ended: make(chan error, 1)}
			s, cancel, done := newSched(t, "", r, Options{Grace: 100 * time.Millisecond})
			s.Trigger()
			waitFor(t, "the run", func() bool { return s.Status().Running })
			cancel()
			if finishes {
				time.Sleep(20 * time.Millisecond)
				close(r.hold)
			}
			select {
			case <-done:
			case <-time.After(3 * time.Second):
				t.Fatal("Run did not return")
			}
			select {
			case err := <-r.ended:
				if finishes {
					t.Fatalf("a snapshot that finished within the grace was cancelled: %v", err)
				}
			default:
				if !finishes {
					t.Fatal("the snapshot was not asked to stop")
				}
			}
			if s.Status().Running {
				t.Fatal("Run returned while the snapshot was running")
			}
		})
	}
}
