package oruk

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// BenchmarkReadiness converts and scores one real session series: the
// cost readiness adds per OpenActive activity and snapshot.
func BenchmarkReadiness(b *testing.B) {
	ref := refScorerB(b)
	var it struct {
		Data json.RawMessage `json:"data"`
	}
	json.Unmarshal(readFixtureB(b, "openactive/sessionseries.json"), &it)
	items := []domain.Item{{FeedURL: "f", RPDEID: "1", Data: it.Data}}
	scores := []domain.ActivityScore{{FeedURL: "f", ItemID: "1", ActivityID: "https://playwaze.com/SessionSeries/jifgh8dinma", Kind: "SessionSeries"}}
	b.ReportAllocs()
	for b.Loop() {
		ref.Readiness(ItemIndex(items), scores, T0, nil)
	}
}

// TestReadinessCache: a second snapshot reuses results for unchanged items
// and converts a changed one again.
func TestReadinessCache(t *testing.T) {
	s := refScorer(t)
	var it struct {
		Data json.RawMessage `json:"data"`
	}
	json.Unmarshal(readFixture(t, "openactive/sessionseries.json"), &it)
	items := []domain.Item{{FeedURL: "f", RPDEID: "1", Modified: "1", Data: it.Data}}
	scores := []domain.ActivityScore{{DatasetID: "d", FeedURL: "f", ItemID: "1", ActivityID: "https://playwaze.com/SessionSeries/jifgh8dinma", Kind: "SessionSeries"}}
	var c ReadinessCache
	first := s.Readiness(ItemIndex(items), scores, T0, &c)
	second := s.Readiness(ItemIndex(items), scores, T0.Add(time.Hour), &c)
	if len(first) != 1 || len(second) != 1 || second[0].Score != first[0].Score || !second[0].T.Equal(T0.Add(time.Hour)) {
		t.Fatalf("%+v %+v", first, second)
	}
	items[0].Modified, items[0].Data = "2", []byte(`{"@type": "SessionSeries", "@id": "https://playwaze.com/SessionSeries/jifgh8dinma", "name": "x"}`)
	if third := s.Readiness(ItemIndex(items), scores, T0, &c); third[0].Score != 13 {
		t.Errorf("a changed item was not converted again: %+v", third)
	}
}

// TestReadinessOfAnInlineParent: a session carrying its series inline is
// scored as the series (method B.7 converts the activity, not the item
// that carries it), exactly as the series standing alone.
func TestReadinessOfAnInlineParent(t *testing.T) {
	s := refScorer(t)
	var it struct {
		Data json.RawMessage `json:"data"`
	}
	json.Unmarshal(readFixture(t, "openactive/sessionseries.json"), &it)
	const seriesID = "https://playwaze.com/SessionSeries/jifgh8dinma"
	session := []byte(`{"@type": "ScheduledSession", "@id": "https://playwaze.com/ScheduledSession/1", "superEvent": ` + string(it.Data) + `}`)
	score := func(data []byte) Readiness {
		items := []domain.Item{{FeedURL: "f", RPDEID: "1", Data: data}}
		scores := []domain.ActivityScore{{DatasetID: "d", FeedURL: "f", ItemID: "1", ActivityID: seriesID, Kind: "SessionSeries"}}
		r := s.Readiness(ItemIndex(items), scores, T0, nil)
		if len(r) != 1 {
			t.Fatalf("%d results", len(r))
		}
		return r[0]
	}
	alone, inline := score(it.Data), score(session)
	if alone.Score != inline.Score || !reflect.DeepEqual(alone.FailedChecks, inline.FailedChecks) ||
		!reflect.DeepEqual(alone.Mapped, inline.Mapped) || !reflect.DeepEqual(alone.Lost, inline.Lost) {
		t.Errorf("inline series scored %d (fails %v, lost %v), alone %d (fails %v, lost %v)",
			inline.Score, inline.FailedChecks, inline.Lost, alone.Score, alone.FailedChecks, alone.Lost)
	}
}
