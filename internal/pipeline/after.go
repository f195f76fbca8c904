package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/alerts"
	"github.com/feedgauge/feedgauge/internal/grants"
	"github.com/feedgauge/feedgauge/internal/store"
)

// After runs what follows every snapshot: alerts are evaluated with T as
// now, and grants are re-linked and their compliance recomputed. It returns
// the alert changes so the caller can notify people.
func After(ctx context.Context, st store.Store, T time.Time, ao alerts.Options) ([]alerts.Change, error) {
	changes, err := alerts.Evaluate(ctx, st, T, ao)
	if err != nil {
		return nil, fmt.Errorf("evaluate alerts: %w", err)
	}
	n, err := grants.Count(ctx, st, "")
	if err != nil {
		return changes, err
	}
	if n == 0 {
		return changes, nil // no grants imported: nothing to link
	}
	if _, _, err := grants.Recompute(ctx, st, T, grants.LinkOptions{}); err != nil {
		return changes, fmt.Errorf("recompute grant compliance: %w", err)
	}
	return changes, nil
}
