package alerts

import (
	"context"
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/metrics"
	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
)

// Evaluate checks every alert condition at T (the snapshot just stored) and
// records what changed: new alerts open, alerts whose severity changes get
// a new version, and alerts whose condition no longer holds are resolved.
// Running it twice for the same T changes nothing the second time. The
// dataset kinds are only judged when the snapshot at T stored its dataset
// roll-ups, so a failed snapshot never resolves them by mistake.
func Evaluate(ctx context.Context, st store.Store, t time.Time, opts Options) ([]Change, error) {
	t = t.UTC().Truncate(time.Second)
	found, judged, err := findings(ctx, st, t, opts.rules())
	if err != nil {
		return nil, fmt.Errorf("alerts at %s: %w", stamp(t), err)
	}
	cur, err := active(ctx, st)
	if err != nil {
		return nil, err
	}
	changes := transitions(found, judged, cur, t)
	if err := write(ctx, st, changes, "feedgauge", opts.now()); err != nil {
		return nil, err
	}
	for _, c := range changes {
		opts.Metrics.AlertChange(c.Alert.Kind, c.Action)
		opts.log().Info("alert "+c.Action, "alert_id", c.Alert.ID, "kind", c.Alert.Kind, "severity", c.Alert.Severity,
			"subject", c.Alert.Subject, "snapshot_t", t.Format(time.RFC3339))
	}
	if opts.Metrics != nil {
		if err := observe(ctx, st, opts.Metrics); err != nil {
			opts.log().Warn("could not count alerts for metrics", "error", err)
		}
	}
	return changes, nil
}

// findings evaluates every rule at t; judged lists the kinds evaluated.
func findings(ctx context.Context, st store.Store, t time.Time, r Rules) (map[string]finding, map[string]bool, error) {
	found, judged := map[string]finding{}, map[string]bool{Stalled: true, Failing: true}
	add := func(f finding, ok bool) {
		if ok {
			found[f.key()] = f
		}
	}
	feeds, err := feedHistories(ctx, st, t, r)
	if err != nil {
		return nil, nil, err
	}
	for _, url := range sortedKeys(feeds) {
		add(stalled(*feeds[url], t, r))
		add(failing(*feeds[url], t, r))
	}
	now, err := datasetsAt(ctx, st, t)
	if err != nil || now == nil {
		return found, judged, err
	}
	judged[Orphans], judged[SupplyFalling], judged[ScoreFalling] = true, true, true
	for _, id := range sortedKeys(now) {
		add(orphans(now[id], r))
	}
	if err := supplyFindings(ctx, st, t, r, now, add); err != nil {
		return nil, nil, err
	}
	return found, judged, scoreFindings(ctx, st, t, r, now, add)
}

func supplyFindings(ctx context.Context, st store.Store, t time.Time, r Rules, now map[string]datasetFigures, add func(finding, bool)) error {
	refT, ok, err := latestComplete(ctx, st, time.Unix(0, 0), t.Add(-r.SupplyLookback))
	if err != nil || !ok {
		return err
	}
	ref, err := datasetsAt(ctx, st, refT)
	if err != nil {
		return err
	}
	for _, id := range sortedKeys(now) {
		if old, ok := ref[id]; ok {
			add(supplyFalling(now[id], old, refT, r))
		}
	}
	return nil
}

func scoreFindings(ctx context.Context, st store.Store, t time.Time, r Rules, now map[string]datasetFigures, add func(finding, bool)) error {
	prev := query.QuarterOf(t).Prev()
	prevT, ok, err := latestComplete(ctx, st, prev.Start(), prev.End())
	if err != nil || !ok {
		return err
	}
	old, err := datasetsAt(ctx, st, prevT)
	if err != nil {
		return err
	}
	for _, id := range sortedKeys(now) {
		if p, ok := old[id]; ok {
			add(scoreFalling(now[id], p, prevT, prev.String(), r))
		}
	}
	return nil
}

// transitions turns findings and the current alerts into changes: open,
// escalate or de-escalate, resolve.
func transitions(found map[string]finding, judged map[string]bool, cur map[string]Alert, t time.Time) []Change {
	var out []Change
	for _, k := range sortedKeys(found) {
		f := found[k]
		a, ok := cur[k]
		if !ok {
			out = append(out, Change{Action: Opened, Alert: Alert{ID: newID(f.kind, f.subject, t), Kind: f.kind, Severity: f.severity,
				State: Open, DatasetID: f.datasetID, FeedURL: f.feedURL, Subject: f.subject, Message: f.message, OpenedAt: t, UpdatedAt: t}})
			continue
		}
		if a.Severity == f.severity {
			continue
		}
		action := Escalated
		if f.severity == Warning {
			action = Deescalated
		}
		a.Severity, a.Message, a.UpdatedAt = f.severity, f.message, t
		out = append(out, Change{Action: action, Alert: a})
	}
	for _, k := range sortedKeys(cur) {
		a := cur[k]
		if _, still := found[k]; still || !judged[a.Kind] {
			continue
		}
		res := t
		a.State, a.ResolvedAt, a.UpdatedAt = Resolved, &res, t
		a.Message = "Cleared at " + stamp(t) + ". Was: " + a.Message
		out = append(out, Change{Action: ResolvedAct, Alert: a})
	}
	return out
}

// observe sets the unresolved-alert gauges.
func observe(ctx context.Context, st store.Store, m *metrics.Metrics) error {
	list, err := List(ctx, st, map[string]string{"state": "active", "limit": "100000"})
	if err != nil {
		return err
	}
	counts := map[[3]string]int{}
	for _, a := range list {
		counts[[3]string{a.Kind, a.Severity, a.State}]++
	}
	var out []metrics.AlertCount
	for k, n := range counts {
		out = append(out, metrics.AlertCount{Kind: k[0], Severity: k[1], State: k[2], N: n})
	}
	m.Alerts(out)
	return nil
}
