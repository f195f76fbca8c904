package metrics

import (
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

func TestNilIsNoOp(t *testing.T) {
	var m *Metrics
	m.HarvestAttempt(domain.HarvestAttempt{Status: "ok"})
	m.StoreWrite("items", time.Second, errors.New("x"), true)
	m.SpoolDepth(3, 10)
	m.SpoolEvent("queued")
	m.Snapshot("complete", time.Now(), time.Second)
	m.Skipped("running")
	m.Alerts([]AlertCount{{"stalled", "warning", "open", 1}})
	m.AlertChange("stalled", "opened")
	m.Notification("webhook", "sent")
	if m.Registry() != nil {
		t.Fatal("nil Metrics has a registry")
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 404 {
		t.Fatalf("nil handler answered %d", rec.Code)
	}
}

func TestExposition(t *testing.T) {
	m := New()
	m.HarvestAttempt(domain.HarvestAttempt{Status: domain.StatusFailed, ErrorKind: domain.KindHTTP5xx, Duration: 2 * time.Second})
	m.HarvestAttempt(domain.HarvestAttempt{Status: domain.StatusOK, ItemsUpdated: 120, ItemsDeleted: 3, Duration: time.Second})
	m.StoreWrite("activity_scores", 30*time.Millisecond, nil, false)
	m.StoreWrite("items", time.Millisecond, errors.New("down"), true)
	m.SpoolDepth(2, 4096)
	m.Snapshot("complete", time.Unix(1780000000, 0), time.Minute)
	m.Skipped("running")
	m.Alerts([]AlertCount{{"stalled", "critical", "open", 2}})
	m.AlertChange("failing", "opened")
	m.Notification("email", "sent")
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	body := string(b)
	for _, want := range []string{
		`feedgauge_harvest_attempts_total{error_kind="http_5xx",status="failed"} 1`,
		`feedgauge_harvest_attempts_total{error_kind="ok",status="ok"} 1`,
		`feedgauge_harvest_items_total{state="updated"} 120`,
		`feedgauge_harvest_duration_seconds_count{status="failed"} 1`,
		`feedgauge_store_write_duration_seconds_count{table="activity_scores"} 1`,
		`feedgauge_store_write_errors_total{table="items",unavailable="true"} 1`,
		`feedgauge_spool_batches 2`,
		`feedgauge_spool_bytes 4096`,
		`feedgauge_snapshots_total{outcome="complete"} 1`,
		`feedgauge_snapshots_total{outcome="skipped"} 1`,
		`feedgauge_snapshot_last_t_seconds 1.78e+09`,
		`feedgauge_alerts{kind="stalled",severity="critical",state="open"} 2`,
		`feedgauge_alert_changes_total{action="opened",kind="failing"} 1`,
		`feedgauge_notifications_total{channel="email",outcome="sent"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("exposition lacks %s", want)
		}
	}
}
