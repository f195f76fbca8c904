package alerts

import (
	"testing"
	"time"
)

var t0 = time.Date(2026, 6, 10, 6, 0, 0, 0, time.UTC)

func ago(d time.Duration) *time.Time { t := t0.Add(-d); return &t }

func TestStalledBoundaries(t *testing.T) {
	r := DefaultRules
	cases := []struct {
		name string
		last *time.Time
		want string // "" = no alert, else severity
	}{
		{"never changed", nil, ""},
		{"changed 4 days ago", ago(4 * day), ""},
		{"exactly 5 days", ago(5 * day), ""},
		{"5 days and a second", ago(5*day + time.Second), Warning},
		{"exactly 7 days", ago(7 * day), Warning},
		{"7 days and a second", ago(7*day + time.Second), Critical},
		{"exactly 120 days", ago(120 * day), Critical},
		{"120 days and a second", ago(120*day + time.Second), ""},
	}
	for _, c := range cases {
		f, ok := stalled(feedHistory{URL: "u", LastChange: c.last}, t0, r)
		got := ""
		if ok {
			got = f.severity
		}
		if got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestFailingBoundaries(t *testing.T) {
	r := DefaultRules
	at := func(d time.Duration, status string) attempt {
		return attempt{At: t0.Add(-d), Status: status, ErrorKind: "http_5xx"}
	}
	cases := []struct {
		name     string
		attempts []attempt
		want     string
	}{
		{"no attempts", nil, ""},
		{"last ok", []attempt{at(2*day, "failed"), at(0, "ok")}, ""},
		{"never ok in 15 days", []attempt{at(2*day, "failed"), at(0, "failed")}, ""},
		{"failing a day", []attempt{at(2*day, "ok"), at(day, "failed"), at(0, "failed")}, Warning},
		{"failing exactly 3 days", []attempt{at(4*day, "ok"), at(3*day, "failed"), at(0, "failed")}, Warning},
		{"failing over 3 days", []attempt{at(4*day, "ok"), at(3*day+time.Second, "failed"), at(0, "failed")}, Critical},
		{"ok exactly 15 days ago", []attempt{at(15*day, "ok"), at(14*day, "failed"), at(0, "failed")}, Critical},
	}
	for _, c := range cases {
		f, ok := failing(feedHistory{URL: "u", Attempts: c.attempts}, t0, r)
		got := ""
		if ok {
			got = f.severity
		}
		if got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestDatasetRules(t *testing.T) {
	r := DefaultRules
	ds := func(n, up int, sum int64, orph int) datasetFigures {
		return datasetFigures{ID: "d", Name: "D", Activities: n, Upcoming: up, SumOverall: sum, Orphans: orph}
	}
	if _, ok := orphans(ds(1, 0, 0, 99), r); ok {
		t.Error("99 orphans alerted")
	}
	if _, ok := orphans(ds(1, 0, 0, 100), r); !ok {
		t.Error("100 orphans did not alert")
	}
	supply := []struct {
		now, ref int
		want     bool
	}{{45, 50, true}, {46, 50, false}, {44, 49, false}, {90, 100, true}, {91, 100, false}, {0, 50, true}}
	for _, c := range supply {
		if _, ok := supplyFalling(ds(1, c.now, 0, 0), ds(1, c.ref, 0, 0), t0, r); ok != c.want {
			t.Errorf("supply %d after %d: %v, want %v", c.now, c.ref, ok, c.want)
		}
	}
	// Means in tenths, rounded half up: 7995/100 = 79.95 → 80.0; 6996/100 = 69.96 → 70.0.
	score := []struct {
		prevSum, nowSum int64
		want            bool
	}{{8000, 7000, true}, {8000, 7001, true}, {8000, 7005, false}, {7995, 6996, true}, {7995, 6995, true}, {8000, 7010, false}}
	for _, c := range score {
		f, ok := scoreFalling(ds(100, 0, c.nowSum, 0), ds(100, 0, c.prevSum, 0), t0, "2026Q1", r)
		if ok != c.want {
			t.Errorf("score %d → %d: %v, want %v (%s)", c.prevSum, c.nowSum, ok, c.want, f.message)
		}
	}
	if _, ok := scoreFalling(ds(0, 0, 0, 0), ds(100, 0, 8000, 0), t0, "2026Q1", r); ok {
		t.Error("a dataset with no activities (no data) alerted")
	}
}
