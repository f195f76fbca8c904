package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

var scoreCols = []string{"t", "dataset_id", "activity_id", "feed_url", "rpde_id", "kind", "name", "organiser", "organiser_key",
	"postcode", "lsoa", "lad", "sub_icb", "icb", "region", "pcn", "location_method", "pcn_method", "lat", "lng",
	"next_occurrence", "last_change", "upcoming", "recent", "freshness", "completeness", "completeness_openactive",
	"assurance", "overall", "grade", "sp_ready", "orphan", "online", "failed_checks", "missing_openactive",
	"activity_types", "occurrences", "method_version", "profile_hash"}

// ScoreRow flattens a score into the activity_scores column order.
func ScoreRow(s *domain.ActivityScore) []any {
	var lat, lng *float64
	if s.HasPoint {
		lat, lng = &s.Lat, &s.Lng
	}
	return []any{s.T.UTC(), s.DatasetID, s.ActivityID, s.FeedURL, s.ItemID, s.Kind, s.Name, s.Organiser, s.OrganiserKey,
		s.Postcode, s.LSOA, s.LAD, s.SubICB, s.ICB, s.Region, s.PCN, s.Method, s.PCNMethod, lat, lng,
		s.NextOccurrence, s.LastChange, s.Upcoming, s.Recent, s.Freshness, s.Completeness, s.CompletenessOpenActive,
		s.Assurance, s.Overall, s.Grade, s.SPReady, s.Orphan, s.Online, nonNil(s.FailedChecks), nonNil(s.MissingOpenActive),
		nonNil(s.ActivityTypes), s.Occurrences, s.MethodVersion, s.ProfileHash}
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// PutScores writes activity scores. Scores are keyed by (T, dataset,
// activity), so writing a snapshot again replaces its rows.
func PutScores(ctx context.Context, st Store, scores []domain.ActivityScore) error {
	var err error
	if ci, ok := st.(ColumnInserter); ok {
		err = ci.InsertColumns(ctx, "activity_scores", scoreCols, scoreColumns(keyOrder(scores)))
	} else {
		// Rows built directly: transposing the columns costs a tenth of
		// the embedded store's write.
		order := keyOrder(scores)
		rows := make([][]any, len(order))
		for i, s := range order {
			rows[i] = ScoreRow(s)
		}
		err = st.Insert(ctx, "activity_scores", scoreCols, rows)
	}
	if err != nil {
		return fmt.Errorf("store %d activity scores: %w", len(scores), err)
	}
	return nil
}

// keyOrder lists the scores in the order of their key (T, dataset,
// activity). Written in that order, the embedded store appends to its
// index instead of splitting pages all over it, which made a snapshot's
// score writes about a fifth slower; the caller's slice is left as it is.
func keyOrder(scores []domain.ActivityScore) []*domain.ActivityScore {
	out := make([]*domain.ActivityScore, len(scores))
	for i := range scores {
		out[i] = &scores[i]
	}
	slices.SortFunc(out, func(a, b *domain.ActivityScore) int {
		return cmp.Or(a.T.Compare(b.T), strings.Compare(a.DatasetID, b.DatasetID), strings.Compare(a.ActivityID, b.ActivityID))
	})
	return out
}

// scoreColumns lays scores out column by column, in scoreCols order.
func scoreColumns(scores []*domain.ActivityScore) []any {
	n := len(scores)
	str := func(f func(*domain.ActivityScore) string) []string {
		out := make([]string, n)
		for i := range scores {
			out[i] = f(scores[i])
		}
		return out
	}
	num := func(f func(*domain.ActivityScore) int) []int {
		out := make([]int, n)
		for i := range scores {
			out[i] = f(scores[i])
		}
		return out
	}
	flt := func(f func(*domain.ActivityScore) float64) []float64 {
		out := make([]float64, n)
		for i := range scores {
			out[i] = f(scores[i])
		}
		return out
	}
	flag := func(f func(*domain.ActivityScore) bool) []bool {
		out := make([]bool, n)
		for i := range scores {
			out[i] = f(scores[i])
		}
		return out
	}
	lst := func(f func(*domain.ActivityScore) []string) [][]string {
		out := make([][]string, n)
		for i := range scores {
			out[i] = nonNil(f(scores[i]))
		}
		return out
	}
	ts := make([]time.Time, n)
	lat, lng := make([]*float64, n), make([]*float64, n)
	next, last := make([]*time.Time, n), make([]*time.Time, n)
	coa := make([]*int, n)
	for i, s := range scores {
		ts[i] = s.T.UTC()
		if s.HasPoint {
			lat[i], lng[i] = &s.Lat, &s.Lng
		}
		next[i], last[i], coa[i] = s.NextOccurrence, s.LastChange, s.CompletenessOpenActive
	}
	return []any{ts,
		str(func(s *domain.ActivityScore) string { return s.DatasetID }),
		str(func(s *domain.ActivityScore) string { return s.ActivityID }),
		str(func(s *domain.ActivityScore) string { return s.FeedURL }),
		str(func(s *domain.ActivityScore) string { return s.ItemID }),
		str(func(s *domain.ActivityScore) string { return s.Kind }),
		str(func(s *domain.ActivityScore) string { return s.Name }),
		str(func(s *domain.ActivityScore) string { return s.Organiser }),
		str(func(s *domain.ActivityScore) string { return s.OrganiserKey }),
		str(func(s *domain.ActivityScore) string { return s.Postcode }),
		str(func(s *domain.ActivityScore) string { return s.LSOA }),
		str(func(s *domain.ActivityScore) string { return s.LAD }),
		str(func(s *domain.ActivityScore) string { return s.SubICB }),
		str(func(s *domain.ActivityScore) string { return s.ICB }),
		str(func(s *domain.ActivityScore) string { return s.Region }),
		str(func(s *domain.ActivityScore) string { return s.PCN }),
		str(func(s *domain.ActivityScore) string { return s.Method }),
		str(func(s *domain.ActivityScore) string { return s.PCNMethod }),
		lat, lng, next, last,
		flt(func(s *domain.ActivityScore) float64 { return s.Upcoming }),
		flt(func(s *domain.ActivityScore) float64 { return s.Recent }),
		num(func(s *domain.ActivityScore) int { return s.Freshness }),
		num(func(s *domain.ActivityScore) int { return s.Completeness }),
		coa,
		num(func(s *domain.ActivityScore) int { return s.Assurance }),
		num(func(s *domain.ActivityScore) int { return s.Overall }),
		str(func(s *domain.ActivityScore) string { return s.Grade }),
		flag(func(s *domain.ActivityScore) bool { return s.SPReady }),
		flag(func(s *domain.ActivityScore) bool { return s.Orphan }),
		flag(func(s *domain.ActivityScore) bool { return s.Online }),
		lst(func(s *domain.ActivityScore) []string { return s.FailedChecks }),
		lst(func(s *domain.ActivityScore) []string { return s.MissingOpenActive }),
		lst(func(s *domain.ActivityScore) []string { return s.ActivityTypes }),
		num(func(s *domain.ActivityScore) int { return s.Occurrences }),
		num(func(s *domain.ActivityScore) int { return s.MethodVersion }),
		str(func(s *domain.ActivityScore) string { return s.ProfileHash }),
	}
}

// ScoreColumns lists the activity_scores columns written by PutScores.
func ScoreColumns() []string { return append([]string(nil), scoreCols...) }

// FeedStats is the per-feed count of one snapshot.
type FeedStats struct {
	T          time.Time
	FeedURL    string
	DatasetID  string
	Items      int
	Deleted    int
	Orphans    int
	Activities int
}

// PutFeedStats writes per-feed counts of a snapshot.
func PutFeedStats(ctx context.Context, st Store, fs []FeedStats) error {
	rows := make([][]any, len(fs))
	for i, f := range fs {
		rows[i] = []any{f.T.UTC(), f.FeedURL, f.DatasetID, f.Items, f.Deleted, f.Orphans, f.Activities}
	}
	return st.Insert(ctx, "feed_stats", []string{"t", "feed_url", "dataset_id", "items", "deleted", "orphans", "activities"}, rows)
}

// FeedsScoredAt lists the feeds of a dataset scored in the snapshot at T:
// those its dataset site listed then (scoring.md §1). It is empty for a
// snapshot that wrote no feed counts.
func FeedsScoredAt(ctx context.Context, st Store, datasetID string, T time.Time) (map[string]bool, error) {
	rows, err := st.Query(ctx, "SELECT feed_url FROM feed_stats"+st.Final()+" WHERE dataset_id = @d AND t = @t",
		A("d", datasetID), A("t", T.UTC()))
	if err != nil {
		return nil, fmt.Errorf("read the feeds of %s scored at %s: %w", datasetID, T.UTC().Format(time.RFC3339), err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var f string
		if err := rows.Scan(&f); err != nil {
			return nil, err
		}
		out[f] = true
	}
	return out, rows.Err()
}

// Sums are the counts and score sums behind means, grades and SP-ready
// counts; means are computed by the named queries so they round the same on
// every backend.
type Sums struct {
	Activities, Upcoming, SPReady, Orphans                  int
	SumFreshness, SumCompleteness, SumAssurance, SumOverall int64
	GradeA, GradeB, GradeC, GradeD                          int
}

// Add counts one activity's score.
func (r *Sums) Add(s *domain.ActivityScore) {
	r.Activities++
	if s.Upcoming == 1 {
		r.Upcoming++
	}
	if s.SPReady {
		r.SPReady++
	}
	if s.Orphan {
		r.Orphans++
	}
	r.SumFreshness += int64(s.Freshness)
	r.SumCompleteness += int64(s.Completeness)
	r.SumAssurance += int64(s.Assurance)
	r.SumOverall += int64(s.Overall)
	switch s.Grade {
	case "A":
		r.GradeA++
	case "B":
		r.GradeB++
	case "C":
		r.GradeC++
	default:
		r.GradeD++
	}
}

// Merge adds another set of sums, for roll-ups built in parts.
func (r *Sums) Merge(o Sums) {
	r.Activities += o.Activities
	r.Upcoming += o.Upcoming
	r.SPReady += o.SPReady
	r.Orphans += o.Orphans
	r.SumFreshness += o.SumFreshness
	r.SumCompleteness += o.SumCompleteness
	r.SumAssurance += o.SumAssurance
	r.SumOverall += o.SumOverall
	r.GradeA, r.GradeB, r.GradeC, r.GradeD = r.GradeA+o.GradeA, r.GradeB+o.GradeB, r.GradeC+o.GradeC, r.GradeD+o.GradeD
}

// DatasetRollup sums a dataset's scores in one snapshot.
type DatasetRollup struct {
	T                          time.Time
	DatasetID, Name, Publisher string
	Feeds                      int
	Sums
}

// Rollup sums a dataset's scores.
func Rollup(t time.Time, d domain.Dataset, feeds int, scores []domain.ActivityScore) DatasetRollup {
	r := DatasetRollup{T: t, DatasetID: d.ID, Name: d.Name, Publisher: d.Publisher, Feeds: feeds}
	for i := range scores {
		r.Add(&scores[i])
	}
	return r
}

// PutDatasetRollups writes dataset roll-ups of a snapshot.
func PutDatasetRollups(ctx context.Context, st Store, rs []DatasetRollup) error {
	rows := make([][]any, len(rs))
	for i, r := range rs {
		rows[i] = []any{r.T.UTC(), r.DatasetID, r.Name, r.Publisher, r.Feeds, r.Activities, r.Upcoming, r.SPReady, r.Orphans,
			r.SumFreshness, r.SumCompleteness, r.SumAssurance, r.SumOverall, r.GradeA, r.GradeB, r.GradeC, r.GradeD}
	}
	return st.Insert(ctx, "dataset_rollups", []string{"t", "dataset_id", "name", "publisher", "feeds", "activities",
		"upcoming", "sp_ready", "orphans", "sum_freshness", "sum_completeness", "sum_assurance", "sum_overall",
		"grade_a", "grade_b", "grade_c", "grade_d"}, rows)
}

var snapshotCols = []string{"t", "started_at", "finished_at", "status", "method_version", "profile_hash",
	"activity_list_hash", "facility_types_hash", "models_hash", "geo_vintages", "register_revision",
	"datasets", "feeds", "activities", "version"}

// PutSnapshot records a snapshot's state; the latest write wins.
func PutSnapshot(ctx context.Context, st Store, s domain.Snapshot) error {
	return st.Insert(ctx, "snapshots", snapshotCols, [][]any{{s.T.UTC(), s.StartedAt.UTC(), s.FinishedAt.UTC(), s.Status,
		s.MethodVersion, s.ProfileHash, s.ActivityListHash, s.FacilityTypesHash, s.ModelsHash, s.GeoVintages,
		s.RegisterRevision, s.Datasets, s.Feeds, s.Activities, NextSeq(1)}})
}

// Snapshots lists snapshots, newest first.
func Snapshots(ctx context.Context, st Store, limit int) ([]domain.Snapshot, error) {
	rows, err := st.Query(ctx, "SELECT t, started_at, finished_at, status, method_version, profile_hash, activity_list_hash, "+
		"facility_types_hash, models_hash, geo_vintages, register_revision, datasets, feeds, activities FROM snapshots"+
		st.Final()+" ORDER BY t DESC LIMIT @n", A("n", limit))
	if err != nil {
		return nil, fmt.Errorf("read snapshots: %w", err)
	}
	defer rows.Close()
	var out []domain.Snapshot
	for rows.Next() {
		var s domain.Snapshot
		if err := rows.Scan(&s.T, &s.StartedAt, &s.FinishedAt, &s.Status, &s.MethodVersion, &s.ProfileHash,
			&s.ActivityListHash, &s.FacilityTypesHash, &s.ModelsHash, &s.GeoVintages, &s.RegisterRevision,
			&s.Datasets, &s.Feeds, &s.Activities); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// PutOrganisers writes the organisers seen in a snapshot.
func PutOrganisers(ctx context.Context, st Store, os []domain.Organiser) error {
	rows := make([][]any, len(os))
	for i, o := range os {
		rows[i] = []any{o.T.UTC(), o.DatasetID, o.Key, o.Name, o.URL, o.Email, o.Telephone, nonNil(o.Identifiers),
			o.LAD, o.Activities, o.SPReady, o.Upcoming}
	}
	return st.Insert(ctx, "organisers", []string{"t", "dataset_id", "organiser_key", "name", "url", "email", "telephone",
		"identifiers", "lad", "activities", "sp_ready", "upcoming"}, rows)
}
