package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// Harvest-side typed reads and writes, written once over the primitives so
// every backend behaves the same.

var datasetCols = []string{"id", "name", "publisher", "publisher_url", "publisher_ids", "catalogue_url", "license", "discovered_at", "updated_at"}

// PutDatasets upserts datasets.
func PutDatasets(ctx context.Context, st Store, ds []domain.Dataset) error {
	now := time.Now().UTC()
	rows := make([][]any, len(ds))
	for i, d := range ds {
		ids := d.PublisherIDs
		if ids == nil {
			ids = []string{}
		}
		rows[i] = []any{d.ID, d.Name, d.Publisher, d.PublisherURL, ids, d.CatalogueURL, d.License, d.DiscoveredAt, now}
	}
	return st.Insert(ctx, "datasets", datasetCols, rows)
}

// Datasets reads every known dataset.
func Datasets(ctx context.Context, st Store) ([]domain.Dataset, error) {
	rows, err := st.Query(ctx, "SELECT "+strings.Join(datasetCols[:8], ", ")+" FROM datasets"+st.Final()+" ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("read datasets: %w", err)
	}
	defer rows.Close()
	var out []domain.Dataset
	for rows.Next() {
		var d domain.Dataset
		if err := rows.Scan(&d.ID, &d.Name, &d.Publisher, &d.PublisherURL, &d.PublisherIDs, &d.CatalogueURL, &d.License, &d.DiscoveredAt); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// PutFeeds upserts feeds.
func PutFeeds(ctx context.Context, st Store, fs []domain.Feed) error {
	now := time.Now().UTC()
	rows := make([][]any, len(fs))
	for i, f := range fs {
		rows[i] = []any{f.URL, f.DatasetID, f.Kind, now}
	}
	return st.Insert(ctx, "feeds", []string{"url", "dataset_id", "kind", "updated_at"}, rows)
}

// Feeds reads the feeds of a dataset, or all feeds when datasetID is "".
func Feeds(ctx context.Context, st Store, datasetID string) ([]domain.Feed, error) {
	rows, err := st.Query(ctx, "SELECT url, dataset_id, kind FROM feeds"+st.Final()+
		" WHERE (@d = '' OR dataset_id = @d) ORDER BY dataset_id, url", A("d", datasetID))
	if err != nil {
		return nil, fmt.Errorf("read feeds: %w", err)
	}
	defer rows.Close()
	var out []domain.Feed
	for rows.Next() {
		var f domain.Feed
		if err := rows.Scan(&f.URL, &f.DatasetID, &f.Kind); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// GetFeedState returns the harvest cursor of a feed; ok is false for a feed
// never harvested.
func GetFeedState(ctx context.Context, st Store, feedURL string) (s domain.FeedState, ok bool, err error) {
	rows, err := st.Query(ctx, "SELECT feed_url, dataset_id, next_url, ordering, first_harvest_done, updated_at FROM feed_state"+
		st.Final()+" WHERE feed_url = @f ORDER BY version DESC LIMIT 1", A("f", feedURL))
	if err != nil {
		return s, false, fmt.Errorf("read harvest position of %s: %w", feedURL, err)
	}
	defer rows.Close()
	if !rows.Next() {
		return s, false, rows.Err()
	}
	var ord string
	err = rows.Scan(&s.FeedURL, &s.DatasetID, &s.NextURL, &ord, &s.FirstHarvestDone, &s.UpdatedAt)
	s.Ordering = domain.Ordering(ord)
	return s, err == nil, err
}

// PutFeedState saves a harvest cursor.
func PutFeedState(ctx context.Context, st Store, s domain.FeedState) error {
	return st.Insert(ctx, "feed_state",
		[]string{"feed_url", "dataset_id", "next_url", "ordering", "first_harvest_done", "updated_at", "version"},
		[][]any{{s.FeedURL, s.DatasetID, s.NextURL, string(s.Ordering), s.FirstHarvestDone, s.UpdatedAt.UTC(), NextSeq(1)}})
}

var itemCols = []string{"dataset_id", "feed_url", "rpde_id", "state", "kind", "modified", "data", "license", "first_seen", "first_harvest", "seq"}

// PutItems upserts item versions. Items later in the slice are stored later
// (they get greater Seq values, written back into the slice), so pass them
// in feed order.
func PutItems(ctx context.Context, st Store, items []domain.Item) error {
	if len(items) == 0 {
		return nil
	}
	base := NextSeq(len(items))
	rows := make([][]any, len(items))
	for i := range items {
		it := &items[i]
		it.Seq = base + int64(i)
		rows[i] = []any{it.DatasetID, it.FeedURL, it.RPDEID, it.State, it.Kind, it.Modified, it.Data,
			it.License, it.FirstSeen.UTC(), it.FirstHarvest, it.Seq}
	}
	return st.Insert(ctx, "items", itemCols, rows)
}

// ItemVersions returns what the store holds for the given RPDE ids of a feed.
func ItemVersions(ctx context.Context, st Store, datasetID, feedURL string, ids []string) (map[string]domain.ItemVersion, error) {
	out := make(map[string]domain.ItemVersion, len(ids))
	const chunk = 500
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		args := []Arg{A("d", datasetID), A("f", feedURL)}
		ph := make([]string, len(part))
		for i, id := range part {
			name := fmt.Sprintf("i%d", i)
			ph[i] = "@" + name
			args = append(args, A(name, id))
		}
		q := "SELECT rpde_id, modified, state, first_seen, first_harvest FROM items" + st.Final() +
			" WHERE dataset_id = @d AND feed_url = @f AND rpde_id IN (" + strings.Join(ph, ", ") + ")"
		if err := scanVersions(ctx, st, q, args, out); err != nil {
			return nil, fmt.Errorf("read stored items of %s: %w", feedURL, err)
		}
	}
	return out, nil
}

func scanVersions(ctx context.Context, st Store, q string, args []Arg, out map[string]domain.ItemVersion) error {
	rows, err := st.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v domain.ItemVersion
		if err := rows.Scan(&v.RPDEID, &v.Modified, &v.State, &v.FirstSeen, &v.FirstHarvest); err != nil {
			return err
		}
		out[v.RPDEID] = v
	}
	return rows.Err()
}

// CountItems counts stored items of a feed (or a dataset when feedURL is "")
// by state.
func CountItems(ctx context.Context, st Store, datasetID, feedURL string) (updated, deleted int, err error) {
	rows, err := st.Query(ctx, "SELECT state, count() FROM items"+st.Final()+
		" WHERE dataset_id = @d AND (@f = '' OR feed_url = @f) GROUP BY state", A("d", datasetID), A("f", feedURL))
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return 0, 0, err
		}
		if s == domain.StateDeleted {
			deleted = n
		} else {
			updated = n
		}
	}
	return updated, deleted, rows.Err()
}

// EachItem streams every stored item of a dataset, in (feed_url, rpde_id)
// order, without holding them all in memory.
func EachItem(ctx context.Context, st Store, datasetID string, fn func(domain.Item) error) error {
	return eachItem(ctx, st, datasetID, "", fn)
}

// EachLiveItem streams the dataset's items that are not tombstones, in
// (feed_url, rpde_id) order: all that scoring reads besides the counts.
func EachLiveItem(ctx context.Context, st Store, datasetID string, fn func(domain.Item) error) error {
	return eachItem(ctx, st, datasetID, domain.StateUpdated, fn)
}

func eachItem(ctx context.Context, st Store, datasetID, state string, fn func(domain.Item) error) error {
	return scanItems(ctx, st, " WHERE dataset_id = @d AND (@state = '' OR state = @state) ORDER BY feed_url, rpde_id",
		datasetID, fn, A("d", datasetID), A("state", state))
}

// scanItems streams the items a WHERE clause selects.
func scanItems(ctx context.Context, st Store, where, datasetID string, fn func(domain.Item) error, args ...Arg) error {
	rows, err := st.Query(ctx, "SELECT "+strings.Join(itemCols, ", ")+" FROM items"+st.Final()+where, args...)
	if err != nil {
		return fmt.Errorf("read items of %s: %w", datasetID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var it domain.Item
		var data string
		if err := rows.Scan(&it.DatasetID, &it.FeedURL, &it.RPDEID, &it.State, &it.Kind, &it.Modified, &data,
			&it.License, &it.FirstSeen, &it.FirstHarvest, &it.Seq); err != nil {
			return err
		}
		if data != "" {
			it.Data = []byte(data)
		}
		if err := fn(it); err != nil {
			return err
		}
	}
	return rows.Err()
}

var attemptCols = []string{"feed_url", "dataset_id", "kind", "started_at", "finished_at", "snapshot_t", "status",
	"error_kind", "http_status", "message", "pages", "items_updated", "items_deleted", "items_changed", "bytes",
	"duration_ms", "last_change", "reached_end", "failed_checks", "start_url", "end_url", "delay_ms"}

// PutAttempts records harvest attempts, success or failure. An attempt is
// keyed by (feed, start time), so recording it twice keeps one row.
func PutAttempts(ctx context.Context, st Store, as []domain.HarvestAttempt) error {
	rows := make([][]any, len(as))
	for i, a := range as {
		checks := a.FailedChecks
		if checks == nil {
			checks = []string{}
		}
		rows[i] = []any{a.FeedURL, a.DatasetID, a.Kind, a.StartedAt.UTC(), a.FinishedAt.UTC(), a.SnapshotT.UTC(), a.Status,
			string(a.ErrorKind), a.HTTPStatus, a.Message, a.Pages, a.ItemsUpdated, a.ItemsDeleted, a.ItemsChanged, a.Bytes,
			a.Duration.Milliseconds(), a.LastChange, a.ReachedEnd, checks, a.StartURL, a.EndURL, a.Delay.Milliseconds()}
	}
	return st.Insert(ctx, "harvest_attempts", attemptCols, rows)
}

// EachItemSince streams the items of a dataset stored with seq > since, in
// any state, oldest first; since 0 reads them all.
func EachItemSince(ctx context.Context, st Store, datasetID string, since int64, fn func(domain.Item) error) error {
	return scanItems(ctx, st, " WHERE dataset_id = @d AND seq > @s ORDER BY seq", datasetID, fn, A("d", datasetID), A("s", since))
}

// DeletedByFeed counts the tombstones of a dataset's feeds.
func DeletedByFeed(ctx context.Context, st Store, datasetID string) (map[string]int, error) {
	rows, err := st.Query(ctx, "SELECT feed_url, count() FROM items"+st.Final()+
		" WHERE dataset_id = @d AND state = 'deleted' GROUP BY feed_url", A("d", datasetID))
	if err != nil {
		return nil, fmt.Errorf("count deleted items of %s: %w", datasetID, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var f string
		var n int
		if err := rows.Scan(&f, &n); err != nil {
			return nil, err
		}
		out[f] = n
	}
	return out, rows.Err()
}
