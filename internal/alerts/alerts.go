// Package alerts raises, escalates and resolves the alerts of scoring.md §6
// and §8.12 from stored data, after each snapshot, with "now" = the
// snapshot's T (so a backfilled history raises the alerts it would have at
// the time). Every state change is a new version row in the alerts table;
// an admin acknowledges an alert with a note; notifications go to a webhook
// and by e-mail without ever holding up a snapshot.
package alerts

import (
	"io"
	"log/slog"
	"time"

	"github.com/feedgauge/feedgauge/internal/metrics"
)

// Kinds (stable keys, stored and shown).
const (
	Stalled       = "stalled"
	Failing       = "failing"
	Orphans       = "orphans"
	SupplyFalling = "supply_falling"
	ScoreFalling  = "score_falling"
)

// Kinds lists every kind in display order.
var Kinds = []string{Stalled, Failing, Orphans, SupplyFalling, ScoreFalling}

// Severities and states.
const (
	Warning  = "warning"
	Critical = "critical"

	Open         = "open"
	Acknowledged = "acknowledged"
	Resolved     = "resolved"
)

// Actions of a Change.
const (
	Opened       = "opened"
	Escalated    = "escalated"
	Deescalated  = "deescalated"
	ResolvedAct  = "resolved"
	Acknowledges = "acknowledged"
)

// Alert is one alert as of one version.
type Alert struct {
	ID        string    `json:"alert_id"`
	Kind      string    `json:"kind"`
	Severity  string    `json:"severity"`
	State     string    `json:"state"`
	DatasetID string    `json:"dataset_id,omitempty"`
	FeedURL   string    `json:"feed_url,omitempty"`
	Subject   string    `json:"subject"`
	Message   string    `json:"message"`
	OpenedAt  time.Time `json:"opened_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// ResolvedAt is nil while the alert is open or acknowledged.
	ResolvedAt     *time.Time `json:"resolved_at,omitempty"`
	AcknowledgedBy string     `json:"acknowledged_by,omitempty"`
	Note           string     `json:"note,omitempty"`
}

// Change is one state change, for notifications and the admin pages.
type Change struct {
	Action string `json:"action"`
	Alert  Alert  `json:"alert"`
}

// Rules are the thresholds of §8.12; DefaultRules are the published ones.
type Rules struct {
	StalledAfter    time.Duration // no change for longer than this: stalled (5 days)
	StalledEscalate time.Duration // …longer than this: critical (7 days)
	StalledWindow   time.Duration // only feeds that changed within this (120 days)
	FailingWithin   time.Duration // a success within this, then failures (15 days)
	FailingEscalate time.Duration // failing for longer than this: critical (3 days)
	OrphansMin      int           // orphan child items in a dataset (100)
	SupplyLookback  time.Duration // compare with the latest snapshot this much older (5 days)
	SupplyMinBase   int           // only when that count is at least this (50)
	SupplyFallPct   int           // fell to ≤ (100 − this) % of it (10)
	ScoreFallTenths int64         // mean overall fell by at least this many tenths (100 = 10.0)
}

const day = 24 * time.Hour

// DefaultRules are scoring.md §6 and §8.12.
var DefaultRules = Rules{
	StalledAfter: 5 * day, StalledEscalate: 7 * day, StalledWindow: 120 * day,
	FailingWithin: 15 * day, FailingEscalate: 3 * day,
	OrphansMin:     100,
	SupplyLookback: 5 * day, SupplyMinBase: 50, SupplyFallPct: 10,
	ScoreFallTenths: 100,
}

// Options configure Evaluate and Acknowledge.
type Options struct {
	Log     *slog.Logger
	Metrics *metrics.Metrics
	// Rules default to DefaultRules.
	Rules *Rules
	// Now is the wall clock for changed_at and acknowledgements (default
	// time.Now); alert times themselves follow the snapshot's T.
	Now func() time.Time
}

func (o Options) rules() Rules {
	if o.Rules != nil {
		return *o.Rules
	}
	return DefaultRules
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now().UTC()
	}
	return time.Now().UTC()
}

func (o Options) log() *slog.Logger {
	if o.Log != nil {
		return o.Log
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}
