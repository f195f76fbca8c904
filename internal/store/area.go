package store

import (
	"context"
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// AreaRollup sums one dataset's activities located in one area (a PCN,
// Sub-ICB, local authority, ICB or region) in one snapshot. Trend lines
// for a place read these instead of every activity of every snapshot; on
// ClickHouse the coverage query and the quarterly pack read their Coverage.
// One roll-up of each dataset has Level LevelDataset and covers all of its
// activities.
type AreaRollup struct {
	T                          time.Time
	AreaCode, Level, DatasetID string
	Feeds                      int
	Sums
	// Coverage splits the same activities by standard, OpenActive first.
	Coverage []AreaCoverage
}

// AreaRollups sums a dataset's scores per area it has activities in, plus
// one roll-up of the whole dataset when it has any.
func AreaRollups(t time.Time, datasetID string, scores []domain.ActivityScore) []AreaRollup {
	b := newRollupBuilder(t, datasetID)
	for i := range scores {
		b.add(&scores[i])
	}
	return b.rollups()
}

// PutAreaRollups writes area roll-ups of a snapshot: their coverage and
// overlaps (ClickHouse only, see putCoverage), then the sums a place's trend
// reads.
func PutAreaRollups(ctx context.Context, st Store, rs []AreaRollup) error {
	if err := putCoverage(ctx, st, rs); err != nil {
		return err
	}
	rows := make([][]any, 0, len(rs))
	for _, r := range rs {
		if r.Level == LevelDataset {
			continue
		}
		rows = append(rows, []any{r.T.UTC(), r.AreaCode, r.DatasetID, r.Level, r.Feeds, r.Activities, r.Upcoming, r.SPReady,
			r.SumFreshness, r.SumCompleteness, r.SumAssurance, r.SumOverall, r.GradeA, r.GradeB, r.GradeC, r.GradeD})
	}
	if err := st.Insert(ctx, "area_rollups", []string{"t", "area_code", "dataset_id", "level", "feeds", "activities",
		"upcoming", "sp_ready", "sum_freshness", "sum_completeness", "sum_assurance", "sum_overall",
		"grade_a", "grade_b", "grade_c", "grade_d"}, rows); err != nil {
		return fmt.Errorf("store %d area roll-ups: %w", len(rows), err)
	}
	return nil
}
