package spool

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// Run drains the spool whenever batches wait and the store answers, until
// ctx ends. Start it once per process next to the snapshot scheduler.
func (s *Spool) Run(ctx context.Context) {
	wait := s.opts.RetryEvery
	for {
		left, err := s.Drain(ctx)
		switch {
		case left == 0:
			wait = s.opts.RetryEvery
		case err != nil:
			s.log.Info("spool waiting for the store", "batches", left, "retry_in", wait.String(), "error", err)
			wait = min(2*wait, s.opts.MaxRetryEvery)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-s.kick:
			t.Stop()
		case <-t.C:
		}
	}
}

// Drain delivers queued batches in order until none is left or the store
// cannot take one, and returns how many are left. Each batch is removed from
// disk (acknowledged) only after the store accepted it.
func (s *Spool) Drain(ctx context.Context) (left int, err error) {
	for {
		names, _, err := s.q.list()
		if err != nil || len(names) == 0 {
			return len(names), err
		}
		if err := s.ping(ctx); err != nil {
			return len(names), err
		}
		_, err = s.deliverHead(ctx)
		s.observeDepth()
		if err != nil {
			n, _ := s.Depth()
			return n, err
		}
	}
}

// ping asks the store whether it is back. A failure that comes at once may
// be a pooled connection that died with the old server, so a few quick
// failures are retried before the store counts as down.
func (s *Spool) ping(ctx context.Context) error {
	var err error
	for i := 0; i < 8; i++ {
		start := time.Now()
		if err = s.inner.Ping(ctx); err == nil {
			return nil
		}
		if time.Since(start) > 200*time.Millisecond || ctx.Err() != nil {
			break
		}
	}
	s.mu.Lock()
	s.lastDown = time.Now()
	s.mu.Unlock()
	return err
}

// recentlyDown reports whether the store failed a Ping within RetryEvery,
// so writes queue at once instead of each waiting for a Ping.
func (s *Spool) recentlyDown() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return time.Since(s.lastDown) < s.opts.RetryEvery
}

// deliverHead delivers the oldest batch under the folder lock, so two
// processes never send the same batch. done is false when another process
// took it first.
func (s *Spool) deliverHead(ctx context.Context) (done bool, err error) {
	unlock, err := s.q.lock()
	if err != nil {
		return false, err
	}
	defer unlock()
	names, _, err := s.q.list()
	if err != nil || len(names) == 0 {
		return false, err
	}
	name := names[0]
	b, err := s.q.read(name)
	if err != nil {
		return false, s.refused(name, err)
	}
	start := s.opts.Now()
	rows := withDelay(b, start)
	err = insert(ctx, s.inner, b, rows)
	s.opts.Metrics.StoreWrite(b.Table, s.opts.Now().Sub(start), err, errors.Is(err, store.ErrUnavailable))
	if errors.Is(err, store.ErrUnavailable) || errors.Is(err, context.Canceled) {
		return false, err
	}
	if err != nil {
		return false, s.refused(name, err)
	}
	if s.afterDeliver != nil {
		if err := s.afterDeliver(name); err != nil {
			return false, err
		}
	}
	if err := s.q.ack(name); err != nil {
		return false, err
	}
	s.opts.Metrics.SpoolEvent("delivered")
	s.log.Info("spooled write delivered", "table", b.Table, "rows", len(b.Rows), "waited", start.Sub(b.QueuedAt).Round(time.Millisecond).String())
	return true, nil
}

// refused counts a batch the store rejected for a reason other than an
// outage; after MaxAttempts it moves to failed/ so later batches can go.
func (s *Spool) refused(name string, cause error) error {
	s.mu.Lock()
	s.failures[name]++
	n := s.failures[name]
	s.mu.Unlock()
	if n < s.opts.MaxAttempts {
		return fmt.Errorf("spooled write %s was refused (attempt %d of %d): %w", name, n, s.opts.MaxAttempts, cause)
	}
	if err := s.q.quarantine(name); err != nil {
		return fmt.Errorf("spooled write %s was refused %d times and could not be set aside: %w", name, n, err)
	}
	s.opts.Metrics.SpoolEvent("quarantined")
	s.log.Error("spooled write refused by the store; moved aside for an operator (move it back to retry)",
		"file", s.q.dir+"/"+failedDir+"/"+name, "attempts", n, "error", cause)
	return nil
}

// withDelay adds to delay_ms of harvest_attempts rows how long the batch
// waited, so feed health shows rows that reached the store late.
func withDelay(b *Batch, now time.Time) [][]any {
	if b.Table != "harvest_attempts" {
		return b.Rows
	}
	col := -1
	for i, c := range b.Cols {
		if c == "delay_ms" {
			col = i
		}
	}
	if col < 0 {
		return b.Rows
	}
	waited := now.Sub(b.QueuedAt).Milliseconds()
	out := make([][]any, len(b.Rows))
	for i, r := range b.Rows {
		row := append([]any(nil), r...)
		row[col] = asInt64(r[col]) + waited
		out[i] = row
	}
	return out
}

func asInt64(v any) int64 {
	switch x := v.(type) {
	case int:
		return int64(x)
	case int64:
		return x
	case uint64:
		return int64(x)
	case uint32:
		return int64(x)
	}
	return 0
}
