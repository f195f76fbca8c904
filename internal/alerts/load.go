package alerts

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// Reads of the stored data the rules need, in SQL both backends run alike
// (FINAL comes from the store; times bind as time.Time).

// feedHistories reads, per feed, the last change within the stalled window
// and the attempts within the failing window, up to T.
func feedHistories(ctx context.Context, st store.Store, t time.Time, r Rules) (map[string]*feedHistory, error) {
	out := map[string]*feedHistory{}
	get := func(url, ds string) *feedHistory {
		f := out[url]
		if f == nil {
			f = &feedHistory{URL: url, DatasetID: ds}
			out[url] = f
		}
		return f
	}
	rows, err := st.Query(ctx, "SELECT feed_url, dataset_id, max(started_at) FROM harvest_attempts"+st.Final()+
		" WHERE started_at <= @t AND started_at >= @from AND items_changed > 0 GROUP BY feed_url, dataset_id",
		store.A("t", t), store.A("from", t.Add(-r.StalledWindow)))
	if err != nil {
		return nil, fmt.Errorf("read feed changes: %w", err)
	}
	for rows.Next() {
		var url, ds string
		var lc time.Time
		if err := rows.Scan(&url, &ds, &lc); err != nil {
			rows.Close()
			return nil, err
		}
		if f := get(url, ds); f.LastChange == nil || lc.After(*f.LastChange) {
			f.LastChange, f.DatasetID = &lc, ds
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, readAttempts(ctx, st, t, r, get)
}

func readAttempts(ctx context.Context, st store.Store, t time.Time, r Rules, get func(url, ds string) *feedHistory) error {
	rows, err := st.Query(ctx, "SELECT feed_url, dataset_id, started_at, status, error_kind, http_status, message FROM harvest_attempts"+
		st.Final()+" WHERE started_at <= @t AND started_at >= @from ORDER BY feed_url, started_at",
		store.A("t", t), store.A("from", t.Add(-r.FailingWithin)))
	if err != nil {
		return fmt.Errorf("read harvest attempts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var url, ds string
		var a attempt
		if err := rows.Scan(&url, &ds, &a.At, &a.Status, &a.ErrorKind, &a.HTTPStatus, &a.Message); err != nil {
			return err
		}
		f := get(url, ds)
		f.Attempts = append(f.Attempts, a)
		f.DatasetID = ds
	}
	return rows.Err()
}

// datasetsAt reads the datasets of the snapshot at t with their orphan
// item counts; nil when the snapshot stored no roll-ups.
func datasetsAt(ctx context.Context, st store.Store, t time.Time) (map[string]datasetFigures, error) {
	rows, err := st.Query(ctx, "SELECT dataset_id, name, activities, upcoming, sum_overall FROM dataset_rollups"+st.Final()+
		" WHERE t = @t", store.A("t", t))
	if err != nil {
		return nil, fmt.Errorf("read dataset roll-ups at %s: %w", stamp(t), err)
	}
	out := map[string]datasetFigures{}
	for rows.Next() {
		var d datasetFigures
		if err := rows.Scan(&d.ID, &d.Name, &d.Activities, &d.Upcoming, &d.SumOverall); err != nil {
			rows.Close()
			return nil, err
		}
		out[d.ID] = d
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return nil, err
	}
	return out, addOrphans(ctx, st, t, out)
}

func addOrphans(ctx context.Context, st store.Store, t time.Time, ds map[string]datasetFigures) error {
	rows, err := st.Query(ctx, "SELECT dataset_id, sum(orphans) FROM feed_stats"+st.Final()+" WHERE t = @t GROUP BY dataset_id",
		store.A("t", t))
	if err != nil {
		return fmt.Errorf("read feed counts at %s: %w", stamp(t), err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		if d, ok := ds[id]; ok {
			d.Orphans = n
			ds[id] = d
		}
	}
	return rows.Err()
}

// latestComplete returns the T of the latest complete snapshot in
// [from, to]; ok is false when there is none.
func latestComplete(ctx context.Context, st store.Store, from, to time.Time) (time.Time, bool, error) {
	rows, err := st.Query(ctx, "SELECT max(t) FROM snapshots"+st.Final()+" WHERE status = 'complete' AND t >= @from AND t <= @to",
		store.A("from", from), store.A("to", to))
	if err != nil {
		return time.Time{}, false, fmt.Errorf("read snapshots: %w", err)
	}
	defer rows.Close()
	var t *time.Time
	if rows.Next() {
		if err := rows.Scan(&t); err != nil {
			return time.Time{}, false, err
		}
	}
	// SQLite gives NULL for the max of nothing, ClickHouse 1970-01-01.
	if t == nil || t.Unix() <= 0 {
		return time.Time{}, false, rows.Err()
	}
	return *t, true, rows.Err()
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
