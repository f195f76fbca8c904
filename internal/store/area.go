package store

import (
	"context"
	"sort"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// AreaRollup sums one dataset's activities located in one area (a PCN,
// Sub-ICB, local authority, ICB or region) in one snapshot. Trend lines
// for a place read these instead of every activity of every snapshot.
type AreaRollup struct {
	T                          time.Time
	AreaCode, Level, DatasetID string
	Feeds                      int
	Sums
}

// AreaRollups sums a dataset's scores per area it has activities in.
func AreaRollups(t time.Time, datasetID string, scores []domain.ActivityScore) []AreaRollup {
	type key struct{ level, code string }
	sums := map[key]*AreaRollup{}
	feeds := map[key]map[string]bool{}
	for i := range scores {
		s := &scores[i]
		for _, a := range []key{{"pcn", s.PCN}, {"sub_icb", s.SubICB}, {"lad", s.LAD}, {"icb", s.ICB}, {"region", s.Region}} {
			if a.code == "" {
				continue
			}
			r := sums[a]
			if r == nil {
				r = &AreaRollup{T: t, AreaCode: a.code, Level: a.level, DatasetID: datasetID}
				sums[a], feeds[a] = r, map[string]bool{}
			}
			r.Add(s)
			feeds[a][s.FeedURL] = true
		}
	}
	out := make([]AreaRollup, 0, len(sums))
	for k, r := range sums {
		r.Feeds = len(feeds[k])
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].AreaCode < out[j].AreaCode })
	return out
}

// PutAreaRollups writes area roll-ups of a snapshot.
func PutAreaRollups(ctx context.Context, st Store, rs []AreaRollup) error {
	rows := make([][]any, len(rs))
	for i, r := range rs {
		rows[i] = []any{r.T.UTC(), r.AreaCode, r.DatasetID, r.Level, r.Feeds, r.Activities, r.Upcoming, r.SPReady,
			r.SumFreshness, r.SumCompleteness, r.SumAssurance, r.SumOverall, r.GradeA, r.GradeB, r.GradeC, r.GradeD}
	}
	return st.Insert(ctx, "area_rollups", []string{"t", "area_code", "dataset_id", "level", "feeds", "activities",
		"upcoming", "sp_ready", "sum_freshness", "sum_completeness", "sum_assurance", "sum_overall",
		"grade_a", "grade_b", "grade_c", "grade_d"}, rows)
}
