package metrics

import (
	"strconv"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// Every method below is safe on a nil *Metrics (it does nothing), so domain
// code never checks.

// HarvestAttempt records one feed attempt, success or failure: its status
// and error kind, the items it fetched and how long it took.
func (m *Metrics) HarvestAttempt(a domain.HarvestAttempt) {
	if m == nil {
		return
	}
	kind := string(a.ErrorKind)
	if kind == "" {
		kind = string(domain.KindOK)
	}
	m.attempts.WithLabelValues(a.Status, kind).Inc()
	m.items.WithLabelValues(domain.StateUpdated).Add(float64(a.ItemsUpdated))
	m.items.WithLabelValues(domain.StateDeleted).Add(float64(a.ItemsDeleted))
	m.harvestTime.WithLabelValues(a.Status).Observe(seconds(a.Duration))
}

// StoreWrite records the latency of one write to a table and whether it
// failed (and if so, whether the store was unreachable).
func (m *Metrics) StoreWrite(table string, d time.Duration, err error, unavailable bool) {
	if m == nil {
		return
	}
	m.writeTime.WithLabelValues(table).Observe(seconds(d))
	if err != nil {
		m.writeErrors.WithLabelValues(table, strconv.FormatBool(unavailable)).Inc()
	}
}

// SpoolDepth sets how many batches and bytes wait in the spool.
func (m *Metrics) SpoolDepth(batches int, bytes int64) {
	if m == nil {
		return
	}
	m.spoolDepth.Set(float64(batches))
	m.spoolBytes.Set(float64(bytes))
}

// SpoolEvent counts a spool event: "queued", "delivered" or "quarantined".
func (m *Metrics) SpoolEvent(event string) {
	if m == nil {
		return
	}
	m.spoolBatches.WithLabelValues(event).Inc()
}

// Snapshot records a finished snapshot run: outcome is "complete",
// "failed" or "cancelled"; t is its T (set as the last complete T).
func (m *Metrics) Snapshot(outcome string, t time.Time, d time.Duration) {
	if m == nil {
		return
	}
	m.snapshots.WithLabelValues(outcome).Inc()
	m.snapshotTime.Observe(seconds(d))
	if outcome == "complete" {
		m.lastSnapshot.Set(float64(t.Unix()))
	}
}

// Skipped counts a trigger that did not run a snapshot: reason is
// "running" (one was already running) or "clock" (T would not increase).
func (m *Metrics) Skipped(reason string) {
	if m == nil {
		return
	}
	m.snapshots.WithLabelValues("skipped").Inc()
	m.skipped.WithLabelValues(reason).Inc()
}

// AlertCount is the number of unresolved alerts of one kind, severity and
// state.
type AlertCount struct {
	Kind, Severity, State string
	N                     int
}

// Alerts replaces the unresolved-alert gauges with the given counts.
func (m *Metrics) Alerts(counts []AlertCount) {
	if m == nil {
		return
	}
	m.alerts.Reset()
	for _, c := range counts {
		m.alerts.WithLabelValues(c.Kind, c.Severity, c.State).Set(float64(c.N))
	}
}

// AlertChange counts one alert state change.
func (m *Metrics) AlertChange(kind, action string) {
	if m == nil {
		return
	}
	m.alertChanges.WithLabelValues(kind, action).Inc()
}

// Notification counts one notification: channel "webhook" or "email",
// outcome "sent", "failed" or "dropped".
func (m *Metrics) Notification(channel, outcome string) {
	if m == nil {
		return
	}
	m.notifications.WithLabelValues(channel, outcome).Inc()
}
