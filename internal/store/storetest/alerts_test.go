package storetest_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
	"github.com/feedgauge/feedgauge/queries"
)

// alertVersion is one stored version of an alert; resolved is zero while
// the alert is open, as internal/alerts writes it.
type alertVersion struct {
	id       string
	version  int
	severity string
	state    string
	opened   time.Time
	updated  time.Time
	resolved time.Time
}

func day(m time.Month, d int) time.Time { return time.Date(2026, m, d, 6, 0, 0, 0, time.UTC) }

// quarterAlerts are alerts around 2026Q2 (April to June): opened before it
// and resolved in it (a1), opened in it and still open (a2), opened and
// resolved before it (a3), open all through it (a4, acknowledged in May),
// opened in its last week and resolved after it (a5), opened and resolved in
// it (a6).
var quarterAlerts = []alertVersion{
	{"a1", 1, "warning", "open", day(3, 10), day(3, 10), time.Time{}},
	{"a1", 2, "warning", "resolved", day(3, 10), day(4, 20), day(4, 20)},
	{"a2", 3, "warning", "open", day(5, 5), day(5, 5), time.Time{}},
	{"a3", 4, "critical", "open", day(2, 1), day(2, 1), time.Time{}},
	{"a3", 5, "critical", "resolved", day(2, 1), day(3, 1), day(3, 1)},
	{"a4", 6, "critical", "open", day(1, 15), day(1, 15), time.Time{}},
	{"a4", 7, "critical", "acknowledged", day(1, 15), day(5, 20), time.Time{}},
	{"a5", 8, "critical", "open", day(6, 25), day(6, 25), time.Time{}},
	{"a5", 9, "critical", "resolved", day(6, 25), day(7, 10), day(7, 10)},
	{"a6", 10, "warning", "open", day(4, 2), day(4, 2), time.Time{}},
	{"a6", 11, "warning", "resolved", day(4, 2), day(5, 1), day(5, 1)},
}

// TestAlertsOfAPeriod: the alerts query with from/to (the quarterly pack's
// Alerts sheet) lists the alerts opened or resolved in the period and those
// still unresolved at its end, with their state then, identically on every
// backend; without from/to it answers as before.
func TestAlertsOfAPeriod(t *testing.T) {
	ctx := context.Background()
	cat, err := query.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	def, err := cat.Get("alerts")
	if err != nil {
		t.Fatal(err)
	}
	end := "2026-06-30T23:59:59+01:00"
	cases := []struct {
		name   string
		params map[string]string
		want   [][2]string // alert id, state
	}{
		{"quarter", map[string]string{"at": end, "from": "2026-04-01T00:00:00+01:00", "to": end, "recent_days": "3650"},
			[][2]string{{"a5", "open"}, {"a4", "acknowledged"}, {"a2", "open"}, {"a6", "resolved"}, {"a1", "resolved"}}},
		// Before from/to existed the sheet showed what was open at the end
		// and resolved within 92 days of the last snapshot (T2, 8 June).
		{"no period", map[string]string{"at": end, "recent_days": "92"},
			[][2]string{{"a5", "open"}, {"a4", "acknowledged"}, {"a2", "open"}, {"a6", "resolved"}, {"a1", "resolved"}}},
		{"only from", map[string]string{"from": "2026-06-01T00:00:00Z", "recent_days": "3650"},
			[][2]string{{"a4", "acknowledged"}, {"a2", "open"}, {"a5", "resolved"}}},
		{"only to", map[string]string{"at": end, "to": "2026-03-31T23:59:59Z", "recent_days": "3650"},
			[][2]string{{"a4", "acknowledged"}, {"a3", "resolved"}, {"a1", "resolved"}}},
		{"empty period", map[string]string{"from": "2025-01-01", "to": "2025-12-31T23:59:59Z"}, nil},
	}
	backends := storetest.All(t)
	for _, b := range backends {
		if err := storetest.LoadFixture(ctx, b.Store); err != nil {
			t.Fatal(err)
		}
		if err := putAlerts(ctx, b.Store, quarterAlerts); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range cases {
		args, err := def.Bind(c.params)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var first *query.Result
		for _, b := range backends {
			res, err := query.Run(ctx, b.Store, def, args)
			if err != nil {
				t.Fatalf("%s on %s: %v", c.name, b.Name, err)
			}
			var got [][2]string
			for _, r := range res.Rows {
				got = append(got, [2]string{r[0].(string), r[3].(string)})
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s on %s: alerts %v, want %v", c.name, b.Name, got, c.want)
			}
			if first == nil {
				first = res
				continue
			}
			compare(t, "alerts", c.params, backends[0].Name, first, b.Name, res)
		}
	}
}

func putAlerts(ctx context.Context, st store.Store, vs []alertVersion) error {
	cols := []string{"alert_id", "version", "kind", "severity", "state", "dataset_id", "feed_url", "subject", "message",
		"opened_at", "updated_at", "resolved_at", "acknowledged_by", "note", "changed_by", "changed_at"}
	var rows [][]any
	for _, v := range vs {
		resolved := time.Unix(0, 0).UTC()
		if !v.resolved.IsZero() {
			resolved = v.resolved
		}
		rows = append(rows, []any{v.id, v.version, "failing", v.severity, v.state, storetest.DatasetC, storetest.DatasetC + "feed",
			"feed " + v.id, "the feed failed", v.opened, v.updated, resolved, "", "", "feedgauge", v.updated})
	}
	return st.Insert(ctx, "alerts", cols, rows)
}
