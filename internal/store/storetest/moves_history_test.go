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

// The activities of the move world (moves_test.go). A dataset that moves
// keeps its feeds' item ids, so the same activity id is scored under Old,
// then New, then Now; each id scores its moveOverall, so a row's overall
// says which id it came from. Other scores the moving activity's id too
// (it never moved to anything), and one activity of its own. Four more
// sites merged into Merged at W3: more old ids than the three the
// ClickHouse query names for its key.
var (
	moveActivity = "https://booking.example.org/session-series/42"
	moveOnlyOld  = "https://booking.example.org/session-series/7"
	moveOnlyNow  = "https://booking.example.org/session-series/99"
	moveOnlyElse = "https://booking.example.org/session-series/13"
	moveMerged   = "https://merged.example.org/openactive/"
	moveMergers  = []string{"https://m1.example.org/openactive/", "https://m2.example.org/openactive/",
		"https://m3.example.org/openactive/", "https://m4.example.org/openactive/"}
	// moveScored[activity][id] lists the snapshots W_i that scored it. Each
	// id still scores at the snapshot that detected its move (W2, W4).
	moveScored = map[string]map[string][]int{
		moveActivity: {moveOld: {0, 1, 2}, moveNew: {2, 3, 4}, moveNow: {4, 5}, moveOther: {0, 1, 2, 3, 4, 5},
			moveMergers[0]: {0}, moveMergers[1]: {1}, moveMergers[2]: {2}, moveMergers[3]: {3}, moveMerged: {3, 4}},
		moveOnlyOld:  {moveOld: {0, 1, 2}},
		moveOnlyNow:  {moveNow: {4, 5}},
		moveOnlyElse: {moveOther: {0, 1, 2, 3, 4, 5}},
	}
)

// historyOverall is the overall every activity of id scores.
func historyOverall(id string) int {
	for i, m := range moveMergers {
		if id == m {
			return 11 + i
		}
	}
	if id == moveMerged {
		return 90
	}
	return moveOverall[id]
}

// loadMoveScores writes the move world (with or without its moves, and the
// merge) and the activity scores of moveScored.
func loadMoveScores(t *testing.T, st store.Store, moves bool) {
	t.Helper()
	ctx := context.Background()
	loadMoves(t, st, moves)
	if moves {
		var merges [][]any
		for _, m := range moveMergers {
			merges = append(merges, []any{m, moveMerged, moveW[3], `{}`, 1})
		}
		if err := st.Insert(ctx, "dataset_moves", []string{"from_id", "to_id", "detected_at", "feeds", "feed_count"}, merges); err != nil {
			t.Fatal(err)
		}
	}
	var scores []domain.ActivityScore
	for activity, ids := range moveScored {
		for id, ws := range ids {
			o := historyOverall(id)
			for _, i := range ws {
				scores = append(scores, domain.ActivityScore{T: moveW[i], DatasetID: id, ActivityID: activity,
					FeedURL: id + "session-series", ItemID: activity, Kind: "SessionSeries",
					Freshness: o, Completeness: o, Assurance: o, Overall: o, Grade: domain.Grade(o)})
			}
		}
	}
	if err := store.PutScores(ctx, st, scores); err != nil {
		t.Fatal(err)
	}
}

// historyPoint is the part of an activity_history row that tells the ids apart.
type historyPoint struct {
	T       time.Time
	Overall int64
}

// ownHistory is the history of activity under dataset alone, at or before
// at: what activity_history returns without moves.
func ownHistory(dataset, activity string, at time.Time) []historyPoint {
	var out []historyPoint
	for _, i := range moveScored[activity][dataset] {
		if !moveW[i].After(at) {
			out = append(out, historyPoint{moveW[i], int64(historyOverall(dataset))})
		}
	}
	return out
}

// TestActivityHistoryFollowsMoves checks that an activity's history under a
// dataset carries the same activity id's rows under the datasets that moved
// to it, before each move only (trend's rule, TestTrendFollowsMoves), so no
// T appears twice, and that without moves it is the dataset's own rows.
func TestActivityHistoryFollowsMoves(t *testing.T) {
	ctx := context.Background()
	cat, err := query.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	w := moveW
	end := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name              string
		dataset, activity string
		at                time.Time
		want              []historyPoint
	}{
		// Old before W2, New from W2 to before W4, Now from W4: at W2 the
		// row is New's (60, not Old's 40 as well), at W4 Now's (80, not 60).
		{"chain of two moves", moveNow, moveActivity, end, []historyPoint{
			{w[0], 40}, {w[1], 40}, {w[2], 60}, {w[3], 60}, {w[4], 80}, {w[5], 80}}},
		{"one move", moveNew, moveActivity, end, []historyPoint{
			{w[0], 40}, {w[1], 40}, {w[2], 60}, {w[3], 60}, {w[4], 60}}},
		{"the old id keeps its own history only", moveOld, moveActivity, end, []historyPoint{
			{w[0], 40}, {w[1], 40}, {w[2], 40}}},
		{"as at a time before the move", moveNow, moveActivity, w[1], []historyPoint{{w[0], 40}, {w[1], 40}}},
		{"as at the move", moveNow, moveActivity, w[2], []historyPoint{{w[0], 40}, {w[1], 40}, {w[2], 60}}},
		// Other scores the same activity id but never moved to Now: its 20s
		// are in neither history.
		{"a dataset that never moved keeps its own", moveOther, moveActivity, end, []historyPoint{
			{w[0], 20}, {w[1], 20}, {w[2], 20}, {w[3], 20}, {w[4], 20}, {w[5], 20}}},
		{"an activity only under the other id", moveNow, moveOnlyElse, end, nil},
		{"an activity the old id dropped before the move", moveNow, moveOnlyOld, end, []historyPoint{
			{w[0], 40}, {w[1], 40}}},
		{"an activity new since the move", moveNow, moveOnlyNow, end, []historyPoint{{w[4], 80}, {w[5], 80}}},
		// M4's row at W3 is left out, as it was detected there.
		{"four sites merged", moveMerged, moveActivity, end, []historyPoint{
			{w[0], 11}, {w[1], 12}, {w[2], 13}, {w[3], 90}, {w[4], 90}}},
		{"an unknown activity", moveNow, "https://booking.example.org/session-series/0", end, nil},
	}
	for _, b := range storetest.All(t) {
		t.Run(b.Name, func(t *testing.T) {
			before := storetest.SQLite(t)
			if b.Name == "clickhouse" {
				before = storetest.ClickHouse(t)
			}
			loadMoveScores(t, b.Store, true)
			loadMoveScores(t, before, false)
			for _, c := range cases {
				params := map[string]string{"dataset": c.dataset, "activity": c.activity, "at": c.at.Format(time.RFC3339)}
				got := historyPoints(t, rows(t, ctx, b.Store, cat, "activity_history", params))
				if !reflect.DeepEqual(got, c.want) {
					t.Errorf("%s: activity_history %v\n got %v\nwant %v", c.name, params, got, c.want)
				}
				// Without moves, the dataset's own rows, as before moves were followed.
				own := ownHistory(c.dataset, c.activity, c.at)
				if got := historyPoints(t, rows(t, ctx, before, cat, "activity_history", params)); !reflect.DeepEqual(got, own) {
					t.Errorf("%s: activity_history %v without moves\n got %v\nwant %v", c.name, params, got, own)
				}
			}
		})
	}
}

// historyPoints reads the rows, failing when a T appears twice or out of order.
func historyPoints(t *testing.T, rs []map[string]any) []historyPoint {
	t.Helper()
	var out []historyPoint
	for _, r := range rs {
		p := historyPoint{r["t"].(time.Time), r["overall"].(int64)}
		if n := len(out); n > 0 && !out[n-1].T.Before(p.T) {
			t.Errorf("activity_history: T %v after %v: a T twice or out of order", p.T, out[n-1].T)
		}
		out = append(out, p)
	}
	return out
}
