package alerts

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/queries"
)

// ErrNotFound is returned for an alert id that does not exist.
var ErrNotFound = errors.New("no such alert")

var (
	catOnce sync.Once
	catDef  *query.Def
	catErr  error
)

// alertsQuery is the `alerts` named query: the same SQL the dashboard reads,
// so Evaluate and the pages agree on an alert's state.
func alertsQuery() (*query.Def, error) {
	catOnce.Do(func() {
		cat, err := query.Load(queries.FS)
		if err != nil {
			catErr = err
			return
		}
		catDef, catErr = cat.Get("alerts")
	})
	return catDef, catErr
}

// List runs the alerts query with the given parameters (as the API takes
// them: state, kind, dataset, alert, at, recent_days, limit).
func List(ctx context.Context, st store.Store, params map[string]string) ([]Alert, error) {
	def, err := alertsQuery()
	if err != nil {
		return nil, err
	}
	args, err := def.Bind(params)
	if err != nil {
		return nil, err
	}
	var out []Alert
	err = query.Stream(ctx, st, def, args, func(r []any) error {
		out = append(out, fromRow(def, r))
		return nil
	})
	return out, err
}

func fromRow(def *query.Def, r []any) Alert {
	m := map[string]any{}
	for i, c := range def.Columns {
		m[c.Name] = r[i]
	}
	s := func(k string) string { v, _ := m[k].(string); return v }
	t := func(k string) time.Time { v, _ := m[k].(time.Time); return v }
	a := Alert{ID: s("alert_id"), Kind: s("kind"), Severity: s("severity"), State: s("state"), DatasetID: s("dataset_id"),
		FeedURL: s("feed_url"), Subject: s("subject"), Message: s("message"), OpenedAt: t("opened_at"), UpdatedAt: t("updated_at"),
		AcknowledgedBy: s("acknowledged_by"), Note: s("note")}
	if v, ok := m["resolved_at"].(time.Time); ok {
		a.ResolvedAt = &v
	}
	return a
}

// active returns the open and acknowledged alerts by key (kind + subject).
func active(ctx context.Context, st store.Store) (map[string]Alert, error) {
	list, err := List(ctx, st, map[string]string{"state": "active", "limit": "100000"})
	if err != nil {
		return nil, fmt.Errorf("read open alerts: %w", err)
	}
	out := map[string]Alert{}
	for _, a := range list {
		k := finding{kind: a.Kind, subject: a.Subject}.key()
		if cur, ok := out[k]; !ok || a.OpenedAt.After(cur.OpenedAt) {
			out[k] = a
		}
	}
	return out, nil
}

// newID names an alert episode: kind, subject and opening T decide it, so
// the same history gives the same ids on every store.
func newID(kind, subject string, t time.Time) string {
	h := sha256.Sum256([]byte(kind + "\x00" + subject + "\x00" + strconv.FormatInt(t.Unix(), 10)))
	return strings.ReplaceAll(kind, "_", "-") + "-" + hex.EncodeToString(h[:8])
}

var alertCols = []string{"alert_id", "version", "kind", "severity", "state", "dataset_id", "feed_url", "subject", "message",
	"opened_at", "updated_at", "resolved_at", "acknowledged_by", "note", "changed_by", "changed_at"}

// write stores new versions, in order.
func write(ctx context.Context, st store.Store, changes []Change, by string, now time.Time) error {
	if len(changes) == 0 {
		return nil
	}
	base := store.NextSeq(len(changes))
	rows := make([][]any, len(changes))
	for i, c := range changes {
		a := c.Alert
		resolved := time.Unix(0, 0).UTC()
		if a.ResolvedAt != nil {
			resolved = a.ResolvedAt.UTC()
		}
		rows[i] = []any{a.ID, base + int64(i), a.Kind, a.Severity, a.State, a.DatasetID, a.FeedURL, a.Subject, a.Message,
			a.OpenedAt.UTC(), a.UpdatedAt.UTC(), resolved, a.AcknowledgedBy, a.Note, by, now}
	}
	if err := st.Insert(ctx, "alerts", alertCols, rows); err != nil {
		return fmt.Errorf("store %d alert changes: %w", len(changes), err)
	}
	return nil
}

// Acknowledge records that who has seen an open alert, with a note (both
// required). Acknowledging again replaces the note. A resolved alert cannot
// be acknowledged. The returned change can be passed to Notify.
func Acknowledge(ctx context.Context, st store.Store, id, who, note string, opts ...Options) (Change, error) {
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	who, note = strings.TrimSpace(who), strings.TrimSpace(note)
	if who == "" || note == "" {
		return Change{}, fmt.Errorf("acknowledge alert %s: say who you are and add a note on what is being done", id)
	}
	list, err := List(ctx, st, map[string]string{"alert": id})
	if err != nil {
		return Change{}, err
	}
	if len(list) == 0 {
		return Change{}, fmt.Errorf("acknowledge alert %s: %w", id, ErrNotFound)
	}
	a := list[0]
	if a.State == Resolved {
		return Change{}, fmt.Errorf("alert %s was resolved at %s; there is nothing to acknowledge", id, stamp(*a.ResolvedAt))
	}
	now := o.now().Truncate(time.Second)
	a.State, a.AcknowledgedBy, a.Note = Acknowledged, who, note
	if now.After(a.UpdatedAt) {
		a.UpdatedAt = now
	}
	c := Change{Action: Acknowledges, Alert: a}
	if err := write(ctx, st, []Change{c}, who, now); err != nil {
		return Change{}, err
	}
	o.Metrics.AlertChange(a.Kind, Acknowledges)
	return c, nil
}

// History returns every version of an alert, oldest first.
func History(ctx context.Context, st store.Store, id string) ([]Alert, error) {
	rows, err := st.Query(ctx, "SELECT alert_id, kind, severity, state, dataset_id, feed_url, subject, message, opened_at, "+
		"updated_at, resolved_at, acknowledged_by, note FROM alerts"+st.Final()+" WHERE alert_id = @id ORDER BY version",
		store.A("id", id))
	if err != nil {
		return nil, fmt.Errorf("read the history of alert %s: %w", id, err)
	}
	defer rows.Close()
	var out []Alert
	for rows.Next() {
		var a Alert
		var res time.Time
		if err := rows.Scan(&a.ID, &a.Kind, &a.Severity, &a.State, &a.DatasetID, &a.FeedURL, &a.Subject, &a.Message,
			&a.OpenedAt, &a.UpdatedAt, &res, &a.AcknowledgedBy, &a.Note); err != nil {
			return nil, err
		}
		if res.Unix() > 0 {
			a.ResolvedAt = &res
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("alert %s: %w", id, ErrNotFound)
	}
	return out, nil
}
