package webtest

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
)

// writeItems stores the latest raw item of every activity, so the activity
// page can show its JSON (items.rpde_id = activity_scores.rpde_id).
func (w *World) writeItems(ctx context.Context, st store.Store) error {
	var items []domain.Item
	end := w.Snapshots[len(w.Snapshots)-1]
	for _, a := range w.activities {
		data := map[string]any{
			"@context": "https://openactive.io/", "@type": a.kind, "@id": a.id, "name": a.name,
			"description": "A friendly session for all abilities. </script><script>alert(2)</script>",
			"organizer":   map[string]any{"@type": "Organization", "name": a.organiser, "url": a.key},
			"activity":    []map[string]any{{"@type": "Concept", "@id": a.types[0], "prefLabel": ActivityTypes[a.types[0]]}},
		}
		if a.lsoa != nil {
			data["location"] = map[string]any{"@type": "Place", "address": map[string]any{"postalCode": "M32 0JG"},
				"geo": map[string]any{"latitude": a.lsoa.MinLat + 0.005, "longitude": a.lsoa.MinLng + 0.005}}
		}
		raw, err := json.Marshal(data)
		if err != nil {
			return err
		}
		items = append(items, domain.Item{DatasetID: a.dataset, FeedURL: a.feed, RPDEID: fmt.Sprintf("%05d", a.i), State: domain.StateUpdated,
			Kind: a.kind, Modified: fmt.Sprint(1_700_000_000 + a.i), Data: raw, License: "https://creativecommons.org/licenses/by/4.0/",
			FirstSeen: end.AddDate(0, 0, -7*(w.Weeks-1-a.start))})
	}
	return store.PutItems(ctx, st, items)
}

// writeHarvest writes one attempt and one stats row per feed for a
// snapshot. Every 17th feed fails now and then, so feed health has history.
func (w *World) writeHarvest(ctx context.Context, st store.Store, t time.Time, week int, scores []domain.ActivityScore) error {
	perFeed := map[string]int{}
	for _, s := range scores {
		perFeed[s.FeedURL]++
	}
	var attempts []domain.HarvestAttempt
	var stats []store.FeedStats
	for i, f := range w.Feeds {
		n := perFeed[f.URL]
		a := domain.HarvestAttempt{FeedURL: f.URL, DatasetID: f.DatasetID, Kind: f.Kind, StartedAt: t, FinishedAt: t.Add(3 * time.Second),
			SnapshotT: t, Status: domain.StatusOK, ErrorKind: domain.KindOK, HTTPStatus: 200, Pages: 1 + n/100,
			ItemsUpdated: n, ItemsDeleted: i % 4, ItemsChanged: n / 10, Bytes: int64(3300 * n), Duration: time.Duration(200+n) * time.Millisecond,
			ReachedEnd: true, StartURL: f.URL, EndURL: f.URL + "?afterTimestamp=1"}
		if i%17 == 5 && week%4 == 3 {
			a.Status, a.ErrorKind, a.HTTPStatus, a.ReachedEnd = domain.StatusFailed, domain.KindHTTP5xx, 503, false
			a.Message, a.FailedChecks = "the feed answered 503 three times; will retry at the next snapshot", []string{domain.CheckLastPage}
			a.ItemsUpdated, a.ItemsChanged = 0, 0
		}
		attempts = append(attempts, a)
		stats = append(stats, store.FeedStats{T: t, FeedURL: f.URL, DatasetID: f.DatasetID, Items: n + n/3, Deleted: i % 4, Activities: n})
	}
	if err := store.PutAttempts(ctx, st, attempts); err != nil {
		return fmt.Errorf("webtest: attempts: %w", err)
	}
	return store.PutFeedStats(ctx, st, stats)
}
