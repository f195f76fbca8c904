package pool

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestEach(t *testing.T) {
	for _, tc := range []struct {
		n, jobs, failing int
		wantMax          int
	}{
		{n: 1, jobs: 5, wantMax: 1},
		{n: 3, jobs: 10, failing: 2, wantMax: 3},
		{n: 8, jobs: 2, wantMax: 2},
		{n: 0, jobs: 3, wantMax: 1},
		{n: 4, jobs: 0},
	} {
		t.Run(fmt.Sprintf("%d at a time, %d jobs", tc.n, tc.jobs), func(t *testing.T) {
			jobs := make([]int, tc.jobs)
			for i := range jobs {
				jobs[i] = i
			}
			var running, peak atomic.Int32
			var mu sync.Mutex
			done := map[int]bool{}
			// Jobs hold until as many run at once as the pool should allow,
			// so reaching that peak does not depend on scheduling.
			full := make(chan struct{})
			var once sync.Once
			err := Each(tc.n, jobs, func(j int) error {
				now := running.Add(1)
				for p := peak.Load(); now > p && !peak.CompareAndSwap(p, now); p = peak.Load() {
				}
				if int(now) >= tc.wantMax {
					once.Do(func() { close(full) })
				}
				select {
				case <-full:
				case <-time.After(5 * time.Second):
				}
				// Linger so that a pool allowing more than n shows it; a
				// correct one never can, however slow the machine.
				time.Sleep(2 * time.Millisecond)
				running.Add(-1)
				mu.Lock()
				done[j] = true
				mu.Unlock()
				if j < tc.failing {
					return fmt.Errorf("job %d: %w", j, errBoom)
				}
				return nil
			})
			if len(done) != tc.jobs {
				t.Errorf("%d of %d jobs ran", len(done), tc.jobs)
			}
			if int(peak.Load()) != tc.wantMax {
				t.Errorf("at most %d ran at once, want %d", peak.Load(), tc.wantMax)
			}
			if n := countBoom(err); n != tc.failing {
				t.Errorf("%d failures reported, want %d: %v", n, tc.failing, err)
			}
		})
	}
}

var errBoom = errors.New("boom")

func countBoom(err error) int {
	if err == nil {
		return 0
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		n := 0
		for _, e := range j.Unwrap() {
			n += countBoom(e)
		}
		return n
	}
	if errors.Is(err, errBoom) {
		return 1
	}
	return 0
}
