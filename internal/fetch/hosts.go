package fetch

import (
	"context"
	"sync"

	"golang.org/x/time/rate"
)

// hostState is the politeness state of one host: a concurrency semaphore, a
// rate limiter, and whether it has answered well before (a later 403 is then
// read as a rate limit, as some publishers use it).
type hostState struct {
	sem     chan struct{}
	limiter *rate.Limiter
	good    bool
}

// hosts holds the per-host state of one Client.
type hosts struct {
	mu    sync.Mutex
	m     map[string]*hostState
	conc  int
	limit rate.Limit
	burst int
}

func newHosts(o Options) *hosts {
	lim := rate.Limit(o.HostRate)
	if o.HostRate < 0 {
		lim = rate.Inf
	}
	return &hosts{m: map[string]*hostState{}, conc: o.HostConcurrency, limit: lim, burst: o.HostBurst}
}

func (h *hosts) get(host string) *hostState {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := h.m[host]
	if s == nil {
		s = &hostState{sem: make(chan struct{}, h.conc), limiter: rate.NewLimiter(h.limit, h.burst)}
		h.m[host] = s
	}
	return s
}

// acquire waits for a free slot and a rate token for host; release must be
// called when the request is done.
func (h *hosts) acquire(ctx context.Context, host string) (release func(), err error) {
	s := h.get(host)
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if err := s.limiter.Wait(ctx); err != nil {
		<-s.sem
		return nil, err
	}
	return func() { <-s.sem }, nil
}

func (h *hosts) markGood(host string) {
	s := h.get(host)
	h.mu.Lock()
	s.good = true
	h.mu.Unlock()
}

func (h *hosts) isGood(host string) bool {
	s := h.get(host)
	h.mu.Lock()
	defer h.mu.Unlock()
	return s.good
}
