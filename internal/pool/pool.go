// Package pool runs a list of jobs a few at a time: feeds are harvested,
// and datasets scored, with bounded concurrency, every job run whatever the
// others do, and every failure reported.
package pool

import (
	"errors"
	"sync"
)

// Each calls do for every job, in order, at most n at a time (at least
// one), and returns when all have returned, with their errors joined. A
// failing job never stops the others.
func Each[J any](n int, jobs []J, do func(J) error) error {
	ch := make(chan J)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for range max(1, min(n, len(jobs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				if err := do(j); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
	return errors.Join(errs...)
}
