package alerts

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// The scenario runs daily snapshots from day 0 (2026-03-20, quarter Q1) to
// day 22 (2026-04-11, Q2). Dataset A has feed a1, which stops changing after
// day 2 and changes again on day 15, and feed a2, which fails on days 10–14.
// A's upcoming count drops from 100 to 89 on day 13, its mean overall from
// 80.0 to 70.0 when Q2 starts (day 12), and its orphan items from 110 to 90
// on day 20. Dataset B stays under every threshold.
const (
	dsA = "https://a.example.org/openactive/"
	dsB = "https://b.example.org/openactive/"
	a1  = dsA + "a1"
	a2  = dsA + "a2"
	b1  = dsB + "b1"
)

var scenarioStart = time.Date(2026, 3, 20, 6, 0, 0, 0, time.UTC)

func dayT(d int) time.Time { return scenarioStart.Add(time.Duration(d) * day) }

func writeDay(ctx context.Context, st store.Store, d int) error {
	t := dayT(d)
	att := func(feed, ds string, ok bool, changed int) domain.HarvestAttempt {
		a := domain.HarvestAttempt{FeedURL: feed, DatasetID: ds, StartedAt: t, FinishedAt: t.Add(time.Minute), SnapshotT: t,
			Status: domain.StatusOK, ErrorKind: domain.KindOK, HTTPStatus: 200, ItemsChanged: changed}
		if !ok {
			a.Status, a.ErrorKind, a.HTTPStatus, a.Message = domain.StatusFailed, domain.KindHTTP5xx, 503, "The feed answered 503 three times."
		}
		return a
	}
	a1Changes := 0
	if d <= 2 || d >= 15 {
		a1Changes = 3
	}
	as := []domain.HarvestAttempt{att(a1, dsA, true, a1Changes), att(a2, dsA, d < 10 || d >= 15, 5), att(b1, dsB, true, 1)}
	if d >= 10 && d < 15 {
		as[1].ItemsChanged = 0
	}
	orph := 60
	if d >= 20 {
		orph = 40
	}
	up, sumA, upB, sumB := 100, int64(8000), 40, int64(800)
	if d >= 13 {
		up, upB = 89, 10
	}
	if d >= 12 {
		sumA, sumB = 7000, 701
	}
	steps := []func() error{
		func() error { return store.PutAttempts(ctx, st, as) },
		func() error {
			return store.PutFeedStats(ctx, st, []store.FeedStats{{T: t, FeedURL: a1, DatasetID: dsA, Orphans: orph},
				{T: t, FeedURL: a2, DatasetID: dsA, Orphans: 50}, {T: t, FeedURL: b1, DatasetID: dsB, Orphans: 99}})
		},
		func() error {
			return store.PutDatasetRollups(ctx, st, []store.DatasetRollup{
				{T: t, DatasetID: dsA, Name: "Active A", Feeds: 2, Sums: store.Sums{Activities: 100, Upcoming: up, SumOverall: sumA}},
				{T: t, DatasetID: dsB, Name: "Club B", Feeds: 1, Sums: store.Sums{Activities: 10, Upcoming: upB, SumOverall: sumB}}})
		},
		func() error {
			return store.PutSnapshot(ctx, st, domain.Snapshot{T: t, StartedAt: t, FinishedAt: t.Add(time.Hour), Status: domain.SnapshotComplete})
		},
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	return nil
}

type event struct {
	day                        int
	action, kind, subject, sev string
}

func TestScenario(t *testing.T) {
	want := []event{
		{0, Opened, Orphans, dsA, Warning},
		{8, Opened, Stalled, a1, Warning},
		{10, Opened, Failing, a2, Warning},
		{10, Escalated, Stalled, a1, Critical},
		{12, Opened, ScoreFalling, dsA, Warning},
		{13, Opened, SupplyFalling, dsA, Warning},
		{14, Escalated, Failing, a2, Critical},
		{15, ResolvedAct, Failing, a2, Critical},
		{15, ResolvedAct, Stalled, a1, Critical},
		{18, ResolvedAct, SupplyFalling, dsA, Warning},
		{20, ResolvedAct, Orphans, dsA, Warning},
	}
	ctx := context.Background()
	var results [][]Alert
	for _, b := range storetest.All(t) {
		t.Run(b.Name, func(t *testing.T) {
			got := runScenario(t, ctx, b.Store)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("events:\n got %v\nwant %v", got, want)
			}
			checkAfter(t, ctx, b.Store)
			all, err := List(ctx, b.Store, map[string]string{"recent_days": "3650"})
			if err != nil {
				t.Fatal(err)
			}
			results = append(results, all)
		})
	}
	if len(results) == 2 && !reflect.DeepEqual(results[0], results[1]) {
		t.Errorf("the stores disagree on the alerts:\nsqlite     %+v\nclickhouse %+v", results[0], results[1])
	}
}

// runScenario writes each day, evaluates it (twice: the second run must
// change nothing) and acknowledges the stalled alert on day 9.
func runScenario(t *testing.T, ctx context.Context, st store.Store) []event {
	var got []event
	for d := 0; d <= 22; d++ {
		if err := writeDay(ctx, st, d); err != nil {
			t.Fatal(err)
		}
		opts := Options{Now: func() time.Time { return dayT(d).Add(time.Hour) }}
		changes, err := Evaluate(ctx, st, dayT(d), opts)
		if err != nil {
			t.Fatalf("day %d: %v", d, err)
		}
		for _, c := range changes {
			got = append(got, event{d, c.Action, c.Alert.Kind, c.Alert.Subject, c.Alert.Severity})
		}
		if again, err := Evaluate(ctx, st, dayT(d), opts); err != nil || len(again) != 0 {
			t.Fatalf("day %d evaluated twice: %v, %v", d, again, err)
		}
		if d == 9 {
			acknowledge(t, ctx, st, opts)
		}
	}
	return got
}

func acknowledge(t *testing.T, ctx context.Context, st store.Store, opts Options) {
	t.Helper()
	open, err := List(ctx, st, map[string]string{"kind": Stalled, "state": "active"})
	if err != nil || len(open) != 1 {
		t.Fatalf("open stalled alerts: %v, %v", open, err)
	}
	if _, err := Acknowledge(ctx, st, open[0].ID, "", "x", opts); err == nil {
		t.Error("acknowledged without a name")
	}
	c, err := Acknowledge(ctx, st, open[0].ID, "place.lead@example.org", "Publisher says their export job is broken; fix due Monday.", opts)
	if err != nil || c.Alert.State != Acknowledged {
		t.Fatalf("acknowledge: %+v, %v", c, err)
	}
}

// checkAfter checks the stored states and one alert's full history.
func checkAfter(t *testing.T, ctx context.Context, st store.Store) {
	active, err := List(ctx, st, map[string]string{"state": "active"})
	if err != nil {
		t.Fatal(err)
	}
	if len(active) != 1 || active[0].Kind != ScoreFalling || active[0].ResolvedAt != nil {
		t.Fatalf("active at the end: %+v", active)
	}
	stall, _ := List(ctx, st, map[string]string{"kind": Stalled, "recent_days": "3650"})
	if len(stall) != 1 {
		t.Fatalf("stalled alerts: %+v", stall)
	}
	h, err := History(ctx, st, stall[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var states []string
	for _, v := range h {
		states = append(states, v.State+"/"+v.Severity)
	}
	want := []string{"open/warning", "acknowledged/warning", "acknowledged/critical", "resolved/critical"}
	if !reflect.DeepEqual(states, want) {
		t.Errorf("history %v, want %v", states, want)
	}
	last := h[len(h)-1]
	if last.Note == "" || last.AcknowledgedBy != "place.lead@example.org" || last.ResolvedAt == nil || !last.ResolvedAt.Equal(dayT(15)) {
		t.Errorf("resolved version %+v", last)
	}
	if _, err := Acknowledge(ctx, st, stall[0].ID, "a", "b"); err == nil {
		t.Error("a resolved alert was acknowledged")
	}
	// As at day 12 the stalled alert was acknowledged and critical.
	then, _ := List(ctx, st, map[string]string{"kind": Stalled, "at": dayT(12).Format(time.RFC3339)})
	if len(then) != 1 || then[0].State != Acknowledged || then[0].Severity != Critical {
		t.Errorf("stalled as at day 12: %+v", then)
	}
	// Resolved alerts drop out of the default list after 30 days.
	recent, _ := List(ctx, st, map[string]string{"recent_days": "4"})
	for _, a := range recent {
		if a.State == Resolved && a.ResolvedAt.Before(dayT(18)) {
			t.Errorf("an alert resolved on %s is listed as recent at day 22", a.ResolvedAt)
		}
	}
}
