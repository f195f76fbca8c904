// Package spool keeps snapshot writes safe through store outages. A Spool
// is a store.Store: writes go straight to the store, and when the store
// cannot be reached (store.ErrUnavailable) the batch is appended to a
// durable on-disk queue instead and the write succeeds. A drainer delivers
// queued batches in order, exactly once per acknowledgement, when the store
// answers Ping again. Reads always go to the store and fail clearly while it
// is down. Writes are upserts by key, so a batch re-sent after a crash in
// the instant between the store's acknowledgement and the spool's (the only
// such window) changes nothing.
package spool

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/feedgauge/feedgauge/internal/metrics"
	"github.com/feedgauge/feedgauge/internal/store"
)

// Options configure a Spool.
type Options struct {
	// Dir is the spool folder (--spool-dir).
	Dir string
	Log *slog.Logger
	// Metrics records queue depth, events and write latency; nil for none.
	Metrics *metrics.Metrics
	// RetryEvery is the drainer's first wait between Pings while batches
	// wait (default 2 s); it doubles up to MaxRetryEvery (default 1 min).
	RetryEvery    time.Duration
	MaxRetryEvery time.Duration
	// MaxAttempts is how often a batch may be refused for a reason other
	// than an outage before it is moved to failed/ (default 3).
	MaxAttempts int
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Spool wraps a store; see the package comment.
type Spool struct {
	inner store.Store
	q     *queue
	opts  Options
	log   *slog.Logger
	kick  chan struct{}

	mu       sync.Mutex
	failures map[string]int
	lastDown time.Time
	// afterDeliver, if set (tests), runs between delivery and ack; an error
	// stops the drain there, as a crash would.
	afterDeliver func(name string) error
}

var (
	_ store.Store          = (*Spool)(nil)
	_ store.ColumnInserter = (*Spool)(nil)
)

// New wraps a store with a spool in opts.Dir, creating the folder.
func New(inner store.Store, opts Options) (*Spool, error) {
	q, err := openQueue(opts.Dir)
	if err != nil {
		return nil, err
	}
	if opts.RetryEvery <= 0 {
		opts.RetryEvery = 2 * time.Second
	}
	if opts.MaxRetryEvery < opts.RetryEvery {
		opts.MaxRetryEvery = max(time.Minute, opts.RetryEvery)
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = 3
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	log := opts.Log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Spool{inner: inner, q: q, opts: opts, log: log, kick: make(chan struct{}, 1), failures: map[string]int{}}
	s.observeDepth()
	return s, nil
}

// Inner is the wrapped store.
func (s *Spool) Inner() store.Store { return s.inner }

// Dir is the spool folder.
func (s *Spool) Dir() string { return s.q.dir }

// Depth is the number of batches waiting and their size in bytes.
func (s *Spool) Depth() (batches int, bytes int64) {
	names, size, err := s.q.list()
	if err != nil {
		return 0, 0
	}
	return len(names), size
}

func (s *Spool) observeDepth() {
	n, b := s.Depth()
	s.opts.Metrics.SpoolDepth(n, b)
}

func (s *Spool) Backend() string                               { return s.inner.Backend() }
func (s *Spool) Final() string                                 { return s.inner.Final() }
func (s *Spool) Close() error                                  { return s.inner.Close() }
func (s *Spool) Ping(ctx context.Context) error                { return s.inner.Ping(ctx) }
func (s *Spool) Migrate(ctx context.Context) ([]string, error) { return s.inner.Migrate(ctx) }

// Exec is not spooled: DDL and deletes need the store now.
func (s *Spool) Exec(ctx context.Context, sql string, args ...store.Arg) error {
	return s.explain(s.inner.Exec(ctx, sql, args...))
}

// Query reads from the store; while it is down the error says what waits.
func (s *Spool) Query(ctx context.Context, sql string, args ...store.Arg) (store.Rows, error) {
	rows, err := s.inner.Query(ctx, sql, args...)
	return rows, s.explain(err)
}

func (s *Spool) explain(err error) error {
	if err == nil || !errors.Is(err, store.ErrUnavailable) {
		return err
	}
	if n, _ := s.Depth(); n > 0 {
		return fmt.Errorf("%w (%d writes wait in the spool %s and will be stored when it is back)", err, n, s.q.dir)
	}
	return err
}

// Insert upserts rows, or spools them while the store is unreachable.
func (s *Spool) Insert(ctx context.Context, table string, cols []string, rows [][]any) error {
	return s.write(ctx, table, cols, false,
		func() error { return s.inner.Insert(ctx, table, cols, rows) },
		func() [][]any { return rows })
}

// InsertColumns keeps the store's column fast path; spooled, the columns
// are kept as rows.
func (s *Spool) InsertColumns(ctx context.Context, table string, cols []string, data []any) error {
	return s.write(ctx, table, cols, true,
		func() error { return store.InsertColumns(ctx, s.inner, table, cols, data) },
		func() [][]any { return store.Transpose(data) })
}

// write keeps order: while batches wait, it first tries to deliver them, and
// queues behind them if it cannot.
func (s *Spool) write(ctx context.Context, table string, cols []string, columnar bool, direct func() error, rows func() [][]any) error {
	if n, _ := s.Depth(); n > 0 {
		if s.recentlyDown() {
			return s.enqueue(table, cols, columnar, rows())
		}
		if left, _ := s.Drain(ctx); left > 0 {
			return s.enqueue(table, cols, columnar, rows())
		}
	}
	start := s.opts.Now()
	err := direct()
	unavailable := errors.Is(err, store.ErrUnavailable)
	s.opts.Metrics.StoreWrite(table, s.opts.Now().Sub(start), err, unavailable)
	if err == nil || !unavailable {
		return err
	}
	s.log.Warn("store unreachable; keeping the write in the spool", "table", table, "spool_dir", s.q.dir, "error", err)
	return s.enqueue(table, cols, columnar, rows())
}

func (s *Spool) enqueue(table string, cols []string, columnar bool, rows [][]any) error {
	b := &Batch{Table: table, Cols: cols, Rows: rows, QueuedAt: s.opts.Now().UTC(), Columnar: columnar}
	unlock, err := s.q.lock()
	if err != nil {
		return err
	}
	name, err := s.q.append(b)
	unlock()
	if err != nil {
		return fmt.Errorf("the store is unreachable and the spool could not keep the write to %s: %w", table, err)
	}
	s.opts.Metrics.SpoolEvent("queued")
	s.observeDepth()
	s.log.Info("write spooled", "table", table, "rows", len(rows), "file", name)
	select {
	case s.kick <- struct{}{}:
	default:
	}
	return nil
}
