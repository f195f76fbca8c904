package spool

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/feedgauge/feedgauge/internal/store"
)

// outage is a hand-written fake of a store going away: while down, every
// call fails with store.ErrUnavailable the way the ClickHouse backend
// reports a refused connection. Otherwise it is the real store it wraps.
// It counts inserts per table so tests can tell a delivery from a re-send.
type outage struct {
	store.Store
	down    atomic.Bool
	mu      sync.Mutex
	inserts map[string]int
}

func newOutage(st store.Store) *outage { return &outage{Store: st, inserts: map[string]int{}} }

func (o *outage) err() error {
	if o.down.Load() {
		return fmt.Errorf("%w: test outage: connection refused", store.ErrUnavailable)
	}
	return nil
}

func (o *outage) Ping(ctx context.Context) error {
	if err := o.err(); err != nil {
		return err
	}
	return o.Store.Ping(ctx)
}

func (o *outage) Insert(ctx context.Context, table string, cols []string, rows [][]any) error {
	if err := o.err(); err != nil {
		return err
	}
	o.mu.Lock()
	o.inserts[table]++
	o.mu.Unlock()
	return o.Store.Insert(ctx, table, cols, rows)
}

func (o *outage) Query(ctx context.Context, sql string, args ...store.Arg) (store.Rows, error) {
	if err := o.err(); err != nil {
		return nil, err
	}
	return o.Store.Query(ctx, sql, args...)
}

func (o *outage) count(table string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.inserts[table]
}
