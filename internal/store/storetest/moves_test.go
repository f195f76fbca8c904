package storetest_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
	"github.com/feedgauge/feedgauge/queries"
)

// A dataset that moves host gets a new id (dataset_moves). The move world:
// Old moved to New at W2 and New moved to Now at W4, a chain of two moves;
// Other never moved. Each id is still scored at the snapshot that detected
// its move, so counting both ids there would show. Every (id, snapshot) has
// its own number of activities, all scoring the id's overall, so a row of
// the trend says which ids it summed: 3 activities at W2 are Old's, 10 are
// New's, 13 would be both.
var (
	moveW = []time.Time{
		time.Date(2026, 6, 1, 6, 0, 0, 0, time.UTC), time.Date(2026, 6, 8, 6, 0, 0, 0, time.UTC),
		time.Date(2026, 6, 15, 6, 0, 0, 0, time.UTC), time.Date(2026, 6, 22, 6, 0, 0, 0, time.UTC),
		time.Date(2026, 6, 29, 6, 0, 0, 0, time.UTC), time.Date(2026, 7, 6, 6, 0, 0, 0, time.UTC),
	}
	moveOld   = "https://old.example.org/openactive/"
	moveNew   = "https://new.example.org/openactive/"
	moveNow   = "https://now.example.org/openactive/"
	moveOther = "https://other.example.org/openactive/"
	// moveActivities[id][i] is the activities of id at snapshot W_i (0: not scored).
	moveActivities = map[string][6]int{
		moveOld:   {1, 2, 3, 0, 0, 0},
		moveNew:   {0, 0, 10, 20, 30, 0},
		moveNow:   {0, 0, 0, 0, 100, 200},
		moveOther: {7, 7, 7, 7, 7, 7},
	}
	moveOverall = map[string]int{moveOld: 40, moveNew: 60, moveNow: 80, moveOther: 20}
)

const movePlace = "E08000009"

// loadMoves writes the move world; with moves set it also stores the two moves.
func loadMoves(t *testing.T, st store.Store, moves bool) {
	t.Helper()
	ctx := context.Background()
	for i, w := range moveW {
		var rollups []store.DatasetRollup
		var areas []store.AreaRollup
		for id, counts := range moveActivities {
			if counts[i] == 0 {
				continue
			}
			scores := make([]domain.ActivityScore, counts[i])
			for j := range scores {
				o := moveOverall[id]
				scores[j] = domain.ActivityScore{T: w, DatasetID: id, Freshness: o, Completeness: o, Assurance: o, Overall: o,
					Grade: domain.Grade(o), Location: domain.Location{Method: domain.LocPostcode, LAD: movePlace}}
			}
			rollups = append(rollups, store.Rollup(w, domain.Dataset{ID: id, Name: id}, 1, scores))
			areas = append(areas, store.AreaRollups(w, id, scores)...)
		}
		if err := store.PutDatasetRollups(ctx, st, rollups); err != nil {
			t.Fatal(err)
		}
		if err := store.PutAreaRollups(ctx, st, areas); err != nil {
			t.Fatal(err)
		}
		if err := store.PutSnapshot(ctx, st, domain.Snapshot{T: w, StartedAt: w, FinishedAt: w, Status: domain.SnapshotComplete}); err != nil {
			t.Fatal(err)
		}
	}
	if !moves {
		return
	}
	// Stored as discovery stores them: dated at the snapshot that found the new site.
	if err := st.Insert(ctx, "dataset_moves", []string{"from_id", "to_id", "detected_at", "feeds", "feed_count"}, [][]any{
		{moveOld, moveNew, moveW[2], `{}`, 1},
		{moveNew, moveNow, moveW[4], `{}`, 1},
	}); err != nil {
		t.Fatal(err)
	}
}

// trendPoint is the part of a trend row that tells the ids apart.
type trendPoint struct {
	T          time.Time
	Activities int64
	Datasets   int64
	Overall    any
}

// TestTrendFollowsMoves checks that a dataset's trend carries the history
// of the datasets that moved to it, before each move only, and that the
// trend of everything is the same with or without the moves.
func TestTrendFollowsMoves(t *testing.T) {
	ctx := context.Background()
	cat, err := query.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	w := moveW
	cases := []struct {
		name   string
		params map[string]string
		want   []trendPoint
	}{
		// Now: Old before W2, New from W2 to before W4, Now from W4. At W2
		// Old's 3 are left out (10, not 13), at W4 New's 30 (100, not 130).
		{"chain of two moves", map[string]string{"dataset": moveNow}, []trendPoint{
			{w[0], 1, 1, 40.0}, {w[1], 2, 1, 40.0}, {w[2], 10, 1, 60.0}, {w[3], 20, 1, 60.0}, {w[4], 100, 1, 80.0}, {w[5], 200, 1, 80.0}}},
		{"one move", map[string]string{"dataset": moveNew}, []trendPoint{
			{w[0], 1, 1, 40.0}, {w[1], 2, 1, 40.0}, {w[2], 10, 1, 60.0}, {w[3], 20, 1, 60.0}, {w[4], 30, 1, 60.0}}},
		{"the old id keeps its own history only", map[string]string{"dataset": moveOld}, []trendPoint{
			{w[0], 1, 1, 40.0}, {w[1], 2, 1, 40.0}, {w[2], 3, 1, 40.0}}},
		{"a dataset that never moved", map[string]string{"dataset": moveOther}, []trendPoint{
			{w[0], 7, 1, 20.0}, {w[1], 7, 1, 20.0}, {w[2], 7, 1, 20.0}, {w[3], 7, 1, 20.0}, {w[4], 7, 1, 20.0}, {w[5], 7, 1, 20.0}}},
		{"as at a time before the move", map[string]string{"dataset": moveNow, "at": w[1].Format(time.RFC3339)}, []trendPoint{
			{w[0], 1, 1, 40.0}, {w[1], 2, 1, 40.0}}},
		// In a place the area roll-ups follow the same moves.
		{"chain of two moves in a place", map[string]string{"dataset": moveNow, "place": movePlace}, []trendPoint{
			{w[0], 1, 1, 40.0}, {w[1], 2, 1, 40.0}, {w[2], 10, 1, 60.0}, {w[3], 20, 1, 60.0}, {w[4], 100, 1, 80.0}, {w[5], 200, 1, 80.0}}},
		// Everything: every id scored at T counts, moved or not. W0: Old 1 at
		// 40, Other 7 at 20 → 180/8 = 22.5. W2: Old 3
		// at 40, New 10 at 60, Other 7 at 20 → (120+600+140)/20 = 43.0.
		// W4: New 30 at 60, Now 100 at 80, Other 7 at 20 → 9940/137 =
		// 72.55… → 72.6.
		{"everything", map[string]string{}, []trendPoint{
			{w[0], 8, 2, 22.5}, {w[1], 9, 2, 24.4}, {w[2], 20, 3, 43.0}, {w[3], 27, 2, 49.6}, {w[4], 137, 3, 72.6}, {w[5], 207, 2, 78.0}}},
	}
	for _, b := range storetest.All(t) {
		t.Run(b.Name, func(t *testing.T) {
			before := storetest.SQLite(t)
			if b.Name == "clickhouse" {
				before = storetest.ClickHouse(t)
			}
			loadMoves(t, b.Store, true)
			loadMoves(t, before, false)
			for _, c := range cases {
				params := map[string]string{"period": "day"}
				for k, v := range c.params {
					params[k] = v
				}
				got := trendPoints(rows(t, ctx, b.Store, cat, "trend", params))
				if !reflect.DeepEqual(got, c.want) {
					t.Errorf("%s: trend %v\n got %v\nwant %v", c.name, params, got, c.want)
				}
				if c.params["dataset"] != "" {
					continue
				}
				// Without a dataset the moves change nothing, in any period.
				for _, period := range []string{"day", "week", "month", "quarter"} {
					p := map[string]string{"period": period}
					with := rows(t, ctx, b.Store, cat, "trend", p)
					without := rows(t, ctx, before, cat, "trend", p)
					if !reflect.DeepEqual(with, without) {
						t.Errorf("%s: trend %v with moves\n%v\nwithout\n%v", c.name, p, with, without)
					}
				}
			}
		})
	}
}

func trendPoints(rs []map[string]any) []trendPoint {
	var out []trendPoint
	for _, r := range rs {
		out = append(out, trendPoint{r["t"].(time.Time), r["activities"].(int64), r["datasets"].(int64), r["overall"]})
	}
	return out
}
