package grants

import (
	"context"
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
)

// inputs is everything one quarter's compliance needs, read once.
type inputs struct {
	grants      []Grant
	obligations []Obligation
	links       map[string][]LinkRecord // subject kind + "\x00" + subject id
	snapshot    *time.Time
	aggs        map[[2]string]orgAgg // (dataset, organiser key) → activity sums
	byDataset   map[string][][2]string
}

// orgAgg sums one organiser's activities in a snapshot.
type orgAgg struct {
	n, upcoming, sp int
	f, c, a, o      int64
}

func loadInputs(ctx context.Context, st store.Store, q query.Quarter) (*inputs, error) {
	in := &inputs{links: map[string][]LinkRecord{}, aggs: map[[2]string]orgAgg{}, byDataset: map[string][][2]string{}}
	var err error
	if in.grants, err = complianceGrants(ctx, st); err != nil {
		return nil, err
	}
	if in.obligations, err = Obligations(ctx, st); err != nil {
		return nil, err
	}
	ls, err := Links(ctx, st, LinkFilter{})
	if err != nil {
		return nil, err
	}
	for _, l := range ls {
		k := l.SubjectKind + "\x00" + l.SubjectID
		in.links[k] = append(in.links[k], l)
	}
	if in.snapshot, err = lastSnapshotIn(ctx, st, q); err != nil {
		return nil, err
	}
	if in.snapshot != nil {
		if err := in.loadAggs(ctx, st, *in.snapshot); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// complianceGrants reads the fields compliance needs of every grant.
func complianceGrants(ctx context.Context, st store.Store) ([]Grant, error) {
	rows, err := st.Query(ctx, "SELECT funder_id, grant_id, award_date, recipient_key, programme_code, programme_title FROM grants"+
		st.Final()+" ORDER BY funder_id, grant_id")
	if err != nil {
		return nil, fmt.Errorf("read grants: %w", err)
	}
	defer rows.Close()
	var out []Grant
	for rows.Next() {
		var g Grant
		if err := rows.Scan(&g.FunderID, &g.ID, &g.AwardDate, &g.RecipientKey, &g.ProgrammeCode, &g.ProgrammeTitle); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// lastSnapshotIn is the T of the last complete snapshot in the quarter, nil
// when there is none (ClickHouse's max of nothing is 1970, read as none).
func lastSnapshotIn(ctx context.Context, st store.Store, q query.Quarter) (*time.Time, error) {
	rows, err := st.Query(ctx, "SELECT max(t) FROM snapshots"+st.Final()+" WHERE status = 'complete' AND t >= @s AND t <= @e",
		store.A("s", q.Start()), store.A("e", q.End()))
	if err != nil {
		return nil, fmt.Errorf("find the last snapshot of %s: %w", q, err)
	}
	defer rows.Close()
	var t *time.Time
	if rows.Next() {
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
	}
	if t != nil && t.Unix() <= 0 {
		t = nil
	}
	return t, rows.Err()
}

// firstSnapshot is the T of the first complete snapshot, nil when none.
func firstSnapshot(ctx context.Context, st store.Store) (*time.Time, error) {
	rows, err := st.Query(ctx, "SELECT min(t) FROM snapshots"+st.Final()+" WHERE status = 'complete'")
	if err != nil {
		return nil, fmt.Errorf("find the first snapshot: %w", err)
	}
	defer rows.Close()
	var t *time.Time
	if rows.Next() {
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
	}
	if t != nil && t.Unix() <= 0 {
		t = nil
	}
	return t, rows.Err()
}

// loadAggs sums each organiser's activities in the snapshot: counts of
// activities, of those with an upcoming occurrence (upcoming = 1) and of
// SP-ready ones, and the score sums behind the means.
func (in *inputs) loadAggs(ctx context.Context, st store.Store, t time.Time) error {
	rows, err := st.Query(ctx, "SELECT dataset_id, organiser_key, count(*), sum(CASE WHEN upcoming = 1 THEN 1 ELSE 0 END), "+
		"sum(sp_ready), sum(freshness), sum(completeness), sum(assurance), sum(overall) FROM activity_scores"+st.Final()+
		" WHERE t = @t GROUP BY dataset_id, organiser_key", store.A("t", t))
	if err != nil {
		return fmt.Errorf("sum activities of the snapshot at %s: %w", t.Format(time.RFC3339), err)
	}
	defer rows.Close()
	for rows.Next() {
		var k [2]string
		var a orgAgg
		if err := rows.Scan(&k[0], &k[1], &a.n, &a.upcoming, &a.sp, &a.f, &a.c, &a.a, &a.o); err != nil {
			return err
		}
		in.aggs[k] = a
		in.byDataset[k[0]] = append(in.byDataset[k[0]], k)
	}
	return rows.Err()
}

var statusCols = []string{"quarter", "funder_id", "grant_id", "quarter_end", "snapshot_t", "due_on", "rule", "status",
	"linked_organisers", "linked_organiser_keys", "linked_datasets", "link_methods", "suggestions", "activities",
	"upcoming", "sp_ready", "sum_freshness", "sum_completeness", "sum_assurance", "sum_overall", "computed_at", "version"}

func putStatuses(ctx context.Context, st store.Store, ss []Status) error {
	if len(ss) == 0 {
		return nil
	}
	v := store.NextSeq(len(ss))
	now := time.Now().UTC().Truncate(time.Second)
	rows := make([][]any, len(ss))
	for i, s := range ss {
		rows[i] = []any{s.Quarter, s.FunderID, s.GrantID, s.QuarterEnd.UTC(), s.SnapshotT, s.DueOn, s.Rule, s.Status,
			nonNil(s.Organisers), nonNil(s.OrganiserKeys), nonNil(s.Datasets), nonNil(s.Methods), s.Suggestions,
			s.Activities, s.Upcoming, s.SPReady, s.SumFreshness, s.SumCompleteness, s.SumAssurance, s.SumOverall,
			now, v + int64(i)}
	}
	if err := st.Insert(ctx, "grant_status", statusCols, rows); err != nil {
		return fmt.Errorf("store %d grant statuses: %w", len(ss), err)
	}
	return nil
}
