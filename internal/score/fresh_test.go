package score

import (
	"fmt"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

func sessionAt(t testing.TB, n int, parent string, start time.Time) domain.Item {
	return item(t, feedB, fmt.Sprint("s", n), obj{"@type": "ScheduledSession", "@id": fmt.Sprintf("https://example.org/sess/%d", n),
		"superEvent": parent, "startDate": start.Format(time.RFC3339)})
}

func TestUpcomingEdges(t *testing.T) {
	H := 56 * 24 * time.Hour
	series := with(fullSeries(), "eventSchedule", nil)
	cases := []struct {
		name  string
		start time.Time
		want  float64
	}{
		{"exactly T", testT, 1},
		{"exactly T+H", testT.Add(H), 1},
		{"T+H+1s", testT.Add(H + time.Second), 0.5},
		{"T-1s (started, never counts)", testT.Add(-time.Second), 0},
	}
	for _, c := range cases {
		res := scoreItems(t, testT, item(t, feedA, "1", series), sessionAt(t, 1, "https://example.org/series/1", c.start))
		if s := only(t, res); s.Upcoming != c.want {
			t.Errorf("%s: upcoming %v, want %v", c.name, s.Upcoming, c.want)
		}
	}
}

func TestRecentEdges(t *testing.T) {
	day := 24 * time.Hour
	cases := []struct {
		name     string
		modified string
		want     float64
		fresh    int
	}{
		{"exactly T-90d", fmt.Sprint(testT.Add(-90 * day).Unix()), 1, 100},
		{"T-90d-1s", fmt.Sprint(testT.Add(-90*day - time.Second).Unix()), 0.5, 85},
		{"exactly T-365d (ms)", fmt.Sprint(testT.Add(-365 * day).UnixMilli()), 0.5, 85},
		{"T-365d-1s", fmt.Sprint(testT.Add(-365*day - time.Second).Unix()), 0, 70},
		{"ISO with offset", testT.Add(-day).Format("2006-01-02T15:04:05+01:00"), 1, 100},
		{"ISO without offset is not a time", "2026-03-01T10:00:00", 0.5, 85},
		{"implausible future", fmt.Sprint(testT.Add(2 * day).Unix()), 0.5, 85},
		{"before 2010", "1262303999", 0.5, 85},
	}
	for _, c := range cases {
		it := item(t, feedA, "1", fullSeries())
		it.Modified = c.modified
		s := only(t, scoreItems(t, testT, it))
		if s.Recent != c.want || s.Freshness != c.fresh {
			t.Errorf("%s: recent %v freshness %d, want %v %d", c.name, s.Recent, s.Freshness, c.want, c.fresh)
		}
	}
}

func TestModifiedSecondsMillisBoundary(t *testing.T) {
	if got, _ := modifiedTime("99999999999", nil); !got.Equal(time.Unix(99999999999, 0)) {
		t.Errorf("10^11-1 must be seconds, got %v", got)
	}
	if got, _ := modifiedTime("100000000000", nil); !got.Equal(time.UnixMilli(100000000000)) {
		t.Errorf("10^11 must be milliseconds, got %v", got)
	}
	if _, ok := modifiedTime("12.5", nil); ok {
		t.Error("a decimal is not a time")
	}
}

func TestChangeNumberFeedUsesFirstSeen(t *testing.T) {
	it := item(t, feedB, "1", fullSeries())
	it.Modified, it.FirstHarvest, it.FirstSeen = "1700000000", false, testT.Add(-10*24*time.Hour)
	s := only(t, scoreItems(t, testT, it))
	if s.Recent != 1 || s.LastChange == nil || !s.LastChange.Equal(it.FirstSeen) {
		t.Errorf("change-number feed: recent %v last %v", s.Recent, s.LastChange)
	}
	it.FirstHarvest = true
	if s := only(t, scoreItems(t, testT, it)); s.Recent != 0.5 || s.LastChange != nil {
		t.Error("first harvest: last change must be unknown")
	}
}

func TestLastChangeIncludesChildren(t *testing.T) {
	series := item(t, feedA, "1", with(fullSeries(), "eventSchedule", nil))
	series.Modified = fmt.Sprint(testT.Add(-400 * 24 * time.Hour).Unix())
	child := sessionAt(t, 1, "https://example.org/series/1", testT.Add(-30*24*time.Hour)) // past, still counts
	child.FeedURL, child.Modified = feedA, fmt.Sprint(testT.Add(-24*time.Hour).Unix())
	if s := only(t, scoreItems(t, testT, series, child)); s.Recent != 1 {
		t.Errorf("child change must count: recent %v", s.Recent)
	}
}

func TestFreshnessArithmetic(t *testing.T) {
	p := testRef(t).Profile
	for _, c := range []struct {
		u, r half
		want int
	}{{2, 2, 100}, {2, 1, 85}, {2, 0, 70}, {1, 2, 65}, {1, 1, 50}, {0, 1, 15}, {0, 0, 0}} {
		if got := freshnessScore(p, c.u, c.r); got != c.want {
			t.Errorf("freshness(%d,%d) = %d, want %d", c.u, c.r, got, c.want)
		}
	}
}

func TestRoundingAndGrades(t *testing.T) {
	if roundDiv(845, 10) != 85 || roundDiv(844, 10) != 84 || roundDiv(5, 10) != 1 || roundDiv(4, 10) != 0 {
		t.Error("roundDiv")
	}
	p := testRef(t).Profile
	for o, g := range map[int]string{85: "A", 84: "B", 70: "B", 69: "C", 50: "C", 49: "D", 0: "D"} {
		if p.Grade(o) != g {
			t.Errorf("Grade(%d) = %s, want %s", o, p.Grade(o), g)
		}
	}
	if Mean1([]int{1, 2}) != "1.5" || Mean1([]int{1, 1, 2}) != "1.3" || Mean1([]int{2, 2, 3}) != "2.3" || Mean1(nil) != "" {
		t.Error("Mean1")
	}
	if percent(7, 18) != 39 || percent(1, 8) != 13 { // 38.9 → 39, 12.5 → 13 (half up)
		t.Error("percent")
	}
}
