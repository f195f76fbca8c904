package schedule

import (
	"context"
	"hash/fnv"
	"sort"
	"time"
)

// Offset is a feed's stable place within a window, Prometheus style:
// FNV-1a of the feed URL modulo the window. The same feed gets the same
// offset on every run and every restart, so load spreads evenly and each
// publisher sees a steady rhythm.
func Offset(feedURL string, window time.Duration) time.Duration {
	if window <= 0 {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(feedURL))
	return time.Duration(h.Sum64() % uint64(window))
}

// Slot is when a feed starts within a snapshot, from its start.
type Slot struct {
	FeedURL string
	Offset  time.Duration
}

// Spread orders feeds by their offset within window (ties by URL). A
// snapshot runner that wants to spread its feeds over, say, half the
// interval passes that as window and waits for each slot with Wait; with a
// zero window it gets a stable order and no waiting.
func Spread(feedURLs []string, window time.Duration) []Slot {
	out := make([]Slot, len(feedURLs))
	for i, u := range feedURLs {
		out[i] = Slot{FeedURL: u, Offset: Offset(u, window)}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Offset != out[j].Offset {
			return out[i].Offset < out[j].Offset
		}
		return out[i].FeedURL < out[j].FeedURL
	})
	return out
}

// Wait blocks until start + the slot's offset (measured on the monotonic
// clock when start came from time.Now) or until ctx ends.
func Wait(ctx context.Context, start time.Time, s Slot) error {
	d := time.Until(start.Add(s.Offset))
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
