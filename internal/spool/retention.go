package spool

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// Purger is a store that removes old tombstones its own way (ClickHouse:
// ALTER TABLE … DELETE mutations on every server).
type Purger interface {
	PurgeDeletedItems(ctx context.Context, cutoff time.Time) (int, error)
}

// PurgeDeletedItems applies --retention: it removes items deleted (their
// latest version a tombstone) more than keep before now, with their stored
// versions and raw JSON. keep <= 0 keeps everything (the default): history
// is never dropped unless asked. Scores, attempts and snapshots are never
// touched. It returns how many items went.
func PurgeDeletedItems(ctx context.Context, st store.Store, keep time.Duration, now time.Time) (int, error) {
	if keep <= 0 {
		return 0, nil
	}
	if s, ok := st.(*Spool); ok {
		st = s.Inner()
	}
	cutoff := now.Add(-keep).UTC()
	if p, ok := st.(Purger); ok {
		return p.PurgeDeletedItems(ctx, cutoff)
	}
	var n int
	rows, err := st.Query(ctx, "SELECT count(*) FROM items WHERE state = 'deleted' AND first_seen < @cutoff", store.A("cutoff", cutoff))
	if err != nil {
		return 0, fmt.Errorf("count old tombstones: %w", err)
	}
	if rows.Next() {
		err = rows.Scan(&n)
	}
	rows.Close()
	if err != nil || n == 0 {
		return 0, err
	}
	if err := st.Exec(ctx, "DELETE FROM items WHERE state = 'deleted' AND first_seen < @cutoff", store.A("cutoff", cutoff)); err != nil {
		return 0, fmt.Errorf("delete old tombstones: %w", err)
	}
	return n, nil
}

// RunRetention purges every interval (default daily) until ctx ends. It
// does nothing when keep <= 0.
func RunRetention(ctx context.Context, st store.Store, keep, every time.Duration, log *slog.Logger) {
	if keep <= 0 {
		return
	}
	if every <= 0 {
		every = 24 * time.Hour
	}
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	for {
		n, err := PurgeDeletedItems(ctx, st, keep, time.Now())
		if err != nil {
			log.Warn("retention: could not remove old deleted items; will try again", "error", err, "retry_in", every.String())
		} else if n > 0 {
			log.Info("retention: removed deleted items", "items", n, "older_than", keep.String())
		}
		t := time.NewTimer(every)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}
