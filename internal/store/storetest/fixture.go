package storetest

import (
	"context"
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
)

// Fixture times: two complete snapshots a week apart and one still running.
var (
	T1 = time.Date(2026, 6, 1, 6, 0, 0, 0, time.UTC)
	T2 = time.Date(2026, 6, 8, 6, 0, 0, 0, time.UTC)
	T3 = time.Date(2026, 6, 15, 6, 0, 0, 0, time.UTC) // running: never visible to queries
)

// Fixture dataset ids.
const (
	DatasetA = "https://a.example.org/openactive/"
	DatasetB = "https://b.example.org/openactive/"
	DatasetC = "https://c.example.org/openactive/" // no activities: means are "no data"
)

// LoadFixture writes the same small, hand-countable world into a store
// through the typed writers, for the conformance suite and for tests of the
// packages that read named queries.
func LoadFixture(ctx context.Context, st store.Store) error {
	steps := []func(context.Context, store.Store) error{fixtureCatalogue, fixtureAttempts, fixtureScores}
	for _, s := range steps {
		if err := s(ctx, st); err != nil {
			return fmt.Errorf("load fixture into %s: %w", st.Backend(), err)
		}
	}
	return nil
}

func fixtureCatalogue(ctx context.Context, st store.Store) error {
	ds := []domain.Dataset{
		{ID: DatasetA, Name: "Active Trafford", Publisher: "Trafford Leisure", PublisherURL: "https://a.example.org", DiscoveredAt: T1},
		{ID: DatasetB, Name: "Club Sessions", Publisher: "Club Co", PublisherIDs: []string{"GB-CHC-1234567"}, DiscoveredAt: T1},
		{ID: DatasetC, Name: "Empty Feeds", Publisher: "", DiscoveredAt: T1},
	}
	if err := store.PutDatasets(ctx, st, ds); err != nil {
		return err
	}
	// Dataset B moved here from another host at T1 (dataset_moves).
	if err := st.Insert(ctx, "dataset_moves", []string{"from_id", "to_id", "detected_at", "feeds", "feed_count"},
		[][]any{{"https://old.example.org/datasets/b/", DatasetB, T1, `{"https://old.example.org/datasets/b/events":"` + DatasetB + `events"}`, 1}}); err != nil {
		return err
	}
	return store.PutFeeds(ctx, st, []domain.Feed{
		{URL: DatasetA + "session-series", DatasetID: DatasetA, Kind: "SessionSeries"},
		{URL: DatasetA + "scheduled-sessions", DatasetID: DatasetA, Kind: "ScheduledSession"},
		{URL: DatasetB + "events", DatasetID: DatasetB, Kind: "Event"},
		{URL: DatasetC + "feed", DatasetID: DatasetC, Kind: "SessionSeries"},
	})
}

func fixtureAttempts(ctx context.Context, st store.Store) error {
	ch := T1.Add(-48 * time.Hour)
	var as []domain.HarvestAttempt
	for _, t := range []time.Time{T1, T2} {
		as = append(as,
			attempt(DatasetA+"session-series", DatasetA, t, domain.StatusOK, domain.KindOK, 3, 120, 1, &ch),
			attempt(DatasetA+"scheduled-sessions", DatasetA, t, domain.StatusOK, domain.KindOK, 0, 900, 40, nil),
			attempt(DatasetB+"events", DatasetB, t, domain.StatusOK, domain.KindOK, 2, 30, 0, nil),
		)
	}
	as = append(as,
		attempt(DatasetC+"feed", DatasetC, T1, domain.StatusOK, domain.KindOK, 0, 0, 0, nil),
		attempt(DatasetC+"feed", DatasetC, T2, domain.StatusFailed, domain.KindHTTP5xx, 0, 0, 0, nil))
	if err := store.PutAttempts(ctx, st, as); err != nil {
		return err
	}
	var stats []store.FeedStats
	for _, t := range []time.Time{T1, T2} {
		stats = append(stats,
			store.FeedStats{T: t, FeedURL: DatasetA + "session-series", DatasetID: DatasetA, Items: 120, Deleted: 1, Activities: 3},
			store.FeedStats{T: t, FeedURL: DatasetA + "scheduled-sessions", DatasetID: DatasetA, Items: 900, Deleted: 40, Orphans: 12, Activities: 1},
			store.FeedStats{T: t, FeedURL: DatasetB + "events", DatasetID: DatasetB, Items: 30, Activities: 2},
			store.FeedStats{T: t, FeedURL: DatasetC + "feed", DatasetID: DatasetC})
	}
	return store.PutFeedStats(ctx, st, stats)
}

func attempt(feed, ds string, t time.Time, status string, kind domain.ErrorKind, changed, upd, del int, last *time.Time) domain.HarvestAttempt {
	a := domain.HarvestAttempt{FeedURL: feed, DatasetID: ds, Kind: "SessionSeries", StartedAt: t, FinishedAt: t.Add(2 * time.Second),
		SnapshotT: t, Status: status, ErrorKind: kind, HTTPStatus: 200, Pages: 3, ItemsUpdated: upd, ItemsDeleted: del,
		ItemsChanged: changed, Bytes: 1000, Duration: 2 * time.Second, LastChange: last, ReachedEnd: status == domain.StatusOK,
		StartURL: feed, EndURL: feed + "?afterTimestamp=1"}
	if status == domain.StatusFailed {
		a.HTTPStatus, a.Message, a.FailedChecks = 503, "the feed answered 503 three times", []string{domain.CheckLastPage}
	}
	return a
}

func fixtureScores(ctx context.Context, st store.Store) error {
	for i, t := range []time.Time{T1, T2, T3} {
		scores := FixtureScores(t, i)
		if err := store.PutScores(ctx, st, scores); err != nil {
			return err
		}
		byDS := map[string][]domain.ActivityScore{}
		for _, s := range scores {
			byDS[s.DatasetID] = append(byDS[s.DatasetID], s)
		}
		rollups := []store.DatasetRollup{
			store.Rollup(t, domain.Dataset{ID: DatasetA, Name: "Active Trafford", Publisher: "Trafford Leisure"}, 2, byDS[DatasetA]),
			store.Rollup(t, domain.Dataset{ID: DatasetB, Name: "Club Sessions", Publisher: "Club Co"}, 1, byDS[DatasetB]),
			store.Rollup(t, domain.Dataset{ID: DatasetC, Name: "Empty Feeds"}, 1, nil),
		}
		if err := store.PutDatasetRollups(ctx, st, rollups); err != nil {
			return err
		}
		var areas []store.AreaRollup
		for _, id := range []string{DatasetA, DatasetB} {
			areas = append(areas, store.AreaRollups(t, id, byDS[id])...)
		}
		if err := store.PutAreaRollups(ctx, st, areas); err != nil {
			return err
		}
		status := domain.SnapshotComplete
		if t.Equal(T3) {
			status = domain.SnapshotRunning
		}
		if err := store.PutSnapshot(ctx, st, domain.Snapshot{T: t, StartedAt: t, FinishedAt: t.Add(time.Minute), Status: status,
			MethodVersion: 1, ProfileHash: "p1", Datasets: 3, Feeds: 4, Activities: len(scores)}); err != nil {
			return err
		}
	}
	return nil
}

// FixtureScores returns the activity scores of snapshot i at t. Snapshot 1
// (T2) changes one activity so "as at" queries can tell snapshots apart.
func FixtureScores(t time.Time, i int) []domain.ActivityScore {
	next := t.Add(72 * time.Hour)
	seven := 70
	mk := func(ds, id, name, pcn string, f, c, a int, sp bool, fails ...string) domain.ActivityScore {
		o := (4*f + 4*c + 2*a + 5) / 10
		s := domain.ActivityScore{T: t, DatasetID: ds, ActivityID: id, FeedURL: ds + "session-series", ItemID: id[len(id)-1:],
			Kind: "SessionSeries", Name: name, Organiser: "Org " + name, OrganiserKey: "https://org.example/" + name,
			Location: domain.Location{Method: domain.LocPostcode, Postcode: "M32 0JG", LSOA: "E01006148", LAD: "E08000009",
				SubICB: "E38000187", ICB: "E54000057", Region: "E12000002", PCN: pcn, PCNMethod: domain.PCNFromLSOA,
				Lat: 53.45, Lng: -2.31, HasPoint: true},
			NextOccurrence: &next, Upcoming: 1, Recent: 0.5, Freshness: f, Completeness: c, CompletenessOpenActive: &seven,
			Assurance: a, Overall: o, Grade: domain.Grade(o), SPReady: sp, FailedChecks: fails,
			MissingOpenActive: []string{"image"}, ActivityTypes: []string{"https://openactive.io/activity-list#c07d63a0-8eb9-4602-8bcc-43243ba0bd14"},
			Occurrences: 8, MethodVersion: 1, ProfileHash: "p1"}
		return s
	}
	out := []domain.ActivityScore{
		mk(DatasetA, DatasetA+"ss/1", "Walking Football", "U12345", 85, 90, 50, true, "as.3"),
		mk(DatasetA, DatasetA+"ss/2", "Chair Yoga", "U12345", 85, 65, 50, false, "sp.9", "sp.10", "as.3"),
		mk(DatasetA, DatasetA+"ss/3", "<script>alert(1)</script>", "U67890", 35, 40, 17, false, "sp.2", "sp.4", "sp.6", "as.2", "as.3"),
		mk(DatasetB, DatasetB+"ev/1", "=HYPERLINK(\"http://x\")", "U67890", 100, 100, 100, true),
		mk(DatasetB, DatasetB+"ev/2", "Netball Now", "", 15, 20, 0, false, "sp.1"),
	}
	// The last activity is unlocated, past and has no OpenActive model.
	u := &out[4]
	u.Location = domain.Location{Method: domain.LocUnlocated}
	u.NextOccurrence, u.Upcoming, u.CompletenessOpenActive, u.Kind = nil, 0, nil, "Event"
	if i >= 1 {
		out[1].Completeness, out[1].SPReady = 80, true
		out[1].Overall = (4*85 + 4*80 + 2*50 + 5) / 10
		out[1].Grade = domain.Grade(out[1].Overall)
		out[1].FailedChecks = []string{"as.3"}
	}
	return out
}
