// Package metrics is feedgauge's Prometheus registry. Other packages get a
// *Metrics passed in and call its small methods; a nil *Metrics is a no-op,
// so tests and one-shot commands need no registry. Nothing here is global:
// each Metrics owns its registry.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

const ns = "feedgauge"

// Metrics holds every collector.
type Metrics struct {
	reg *prometheus.Registry

	attempts      *prometheus.CounterVec
	items         *prometheus.CounterVec
	harvestTime   *prometheus.HistogramVec
	writeTime     *prometheus.HistogramVec
	writeErrors   *prometheus.CounterVec
	spoolDepth    prometheus.Gauge
	spoolBytes    prometheus.Gauge
	spoolBatches  *prometheus.CounterVec
	snapshots     *prometheus.CounterVec
	snapshotTime  prometheus.Histogram
	lastSnapshot  prometheus.Gauge
	skipped       *prometheus.CounterVec
	alerts        *prometheus.GaugeVec
	alertChanges  *prometheus.CounterVec
	notifications *prometheus.CounterVec
}

// New builds a registry with feedgauge's collectors plus the Go runtime and
// process collectors.
func New() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.attempts = m.counterVec("harvest_attempts_total", "Harvest attempts by status (ok, failed) and error kind (scoring.md §6).", "status", "error_kind")
	m.items = m.counterVec("harvest_items_total", "RPDE items fetched, by state (updated, deleted).", "state")
	m.harvestTime = m.histogramVec("harvest_duration_seconds", "Duration of one feed's harvest attempt.",
		[]float64{0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900, 1800}, "status")
	m.writeTime = m.histogramVec("store_write_duration_seconds", "Latency of one write to the store, by table.",
		prometheus.DefBuckets, "table")
	m.writeErrors = m.counterVec("store_write_errors_total", "Failed writes to the store, by table and whether the store was unreachable.", "table", "unavailable")
	m.spoolDepth = m.gauge("spool_batches", "Batches waiting in the local spool for the store to come back.")
	m.spoolBytes = m.gauge("spool_bytes", "Bytes waiting in the local spool.")
	m.spoolBatches = m.counterVec("spool_events_total", "Spool events: queued, delivered, quarantined.", "event")
	m.snapshots = m.counterVec("snapshots_total", "Snapshots run, by outcome (complete, failed, skipped, cancelled).", "outcome")
	m.snapshotTime = m.histogram("snapshot_duration_seconds", "Duration of a whole snapshot.",
		[]float64{1, 10, 30, 60, 300, 600, 1800, 3600, 7200, 14400})
	m.lastSnapshot = m.gauge("snapshot_last_t_seconds", "T of the latest snapshot that completed, as Unix seconds.")
	m.skipped = m.counterVec("schedule_skipped_total", "Scheduled or manual triggers not run, by reason (running, clock).", "reason")
	m.alerts = m.gaugeVec("alerts", "Alerts not resolved, by kind, severity and state.", "kind", "severity", "state")
	m.alertChanges = m.counterVec("alert_changes_total", "Alert state changes, by kind and action (opened, escalated, resolved, acknowledged).", "kind", "action")
	m.notifications = m.counterVec("notifications_total", "Alert notifications, by channel (webhook, email) and outcome (sent, failed, dropped).", "channel", "outcome")
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the registry in the Prometheus text format; mount it at
// /metrics (Fiber: adaptor.HTTPHandler(m.Handler())).
func (m *Metrics) Handler() http.Handler {
	if m == nil {
		return http.NotFoundHandler()
	}
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Registry gives access to the registry, e.g. to add collectors.
func (m *Metrics) Registry() *prometheus.Registry {
	if m == nil {
		return nil
	}
	return m.reg
}

func (m *Metrics) counterVec(name, help string, labels ...string) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: name, Help: help}, labels)
	m.reg.MustRegister(c)
	return c
}

func (m *Metrics) gaugeVec(name, help string, labels ...string) *prometheus.GaugeVec {
	g := prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: ns, Name: name, Help: help}, labels)
	m.reg.MustRegister(g)
	return g
}

func (m *Metrics) gauge(name, help string) prometheus.Gauge {
	g := prometheus.NewGauge(prometheus.GaugeOpts{Namespace: ns, Name: name, Help: help})
	m.reg.MustRegister(g)
	return g
}

func (m *Metrics) histogramVec(name, help string, buckets []float64, labels ...string) *prometheus.HistogramVec {
	h := prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: ns, Name: name, Help: help, Buckets: buckets}, labels)
	m.reg.MustRegister(h)
	return h
}

func (m *Metrics) histogram(name, help string, buckets []float64) prometheus.Histogram {
	h := prometheus.NewHistogram(prometheus.HistogramOpts{Namespace: ns, Name: name, Help: help, Buckets: buckets})
	m.reg.MustRegister(h)
	return h
}

func seconds(d time.Duration) float64 { return d.Seconds() }
