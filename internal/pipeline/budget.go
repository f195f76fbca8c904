package pipeline

import "sync"

// scoreBudget is how many items may be held for scoring at once. A dataset
// must be in memory whole to be scored (children meet parents across its
// feeds), so large datasets are scored one or two at a time while small ones
// share the budget; this bounds a snapshot's peak memory whatever the mix.
const scoreBudget = 150_000

// budget is a counting semaphore weighted by items.
type budget struct {
	mu   sync.Mutex
	cond *sync.Cond
	free int
	max  int
}

func newBudget(n int) *budget {
	b := &budget{free: n, max: n}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// acquire waits until n items (at most the whole budget) fit, and returns
// the function that gives them back.
func (b *budget) acquire(n int) (release func()) {
	n = max(1, min(n, b.max))
	b.mu.Lock()
	for b.free < n {
		b.cond.Wait()
	}
	b.free -= n
	b.mu.Unlock()
	return func() {
		b.mu.Lock()
		b.free += n
		b.mu.Unlock()
		b.cond.Broadcast()
	}
}
