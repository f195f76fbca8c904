package oruk

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // scores must not depend on the host's zone database

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// plausibleFrom is the earliest change time believed (scoring.md §8.2.4).
var plausibleFrom = time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)

func loadLondon() (*time.Location, error) {
	l, err := time.LoadLocation("Europe/London")
	if err != nil {
		return nil, fmt.Errorf("load the Europe/London time zone: %w", err)
	}
	return l, nil
}

// readLastModified reads a last_modified value: a §8.1.5 date-time (with an
// offset, or Europe/London without one) between 2010-01-01 and T + 1 day.
func readLastModified(s string, T time.Time, london *time.Location) (time.Time, bool) {
	if _, _, _, isDate := jsonld.ParseDate(s); isDate {
		return time.Time{}, false
	}
	t, _, ok := jsonld.ParseStart(s, london)
	if !ok || t.Before(plausibleFrom) || t.After(T.Add(24*time.Hour)) {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// lastModified reads a raw service's last_modified (see readLastModified).
func lastModified(data []byte, T time.Time, london *time.Location) (time.Time, bool) {
	var s struct {
		LastModified json.RawMessage `json:"last_modified"`
	}
	var v string
	if json.Unmarshal(data, &s) != nil || json.Unmarshal(s.LastModified, &v) != nil {
		return time.Time{}, false
	}
	return readLastModified(v, T, london)
}

// readDate reads an ORUK date such as assured_date: YYYY-MM-DD, or the first
// 10 characters of a §8.1.5 date-time (v1 feeds often send date-times), as
// 00:00 UTC of that date.
func readDate(s string) (time.Time, bool) {
	s = jsonld.Trim(s)
	if _, ok := jsonld.ParseDateTime(s); ok {
		s = s[:10]
	}
	y, m, d, ok := jsonld.ParseDate(s)
	if !ok {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

// monthsBefore is the date n calendar months before day (00:00 UTC), or the
// last day of that month when the day does not exist (31 May − 3 months =
// 28 or 29 February).
func monthsBefore(day time.Time, n int) time.Time {
	y, m, d := day.Date()
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).AddDate(0, -n, 0)
	if last := jsonld.DaysIn(first.Year(), int(first.Month())); d > last {
		d = last
	}
	return time.Date(first.Year(), first.Month(), d, 0, 0, 0, 0, time.UTC)
}

// dayOf is T's date at 00:00 UTC.
func dayOf(T time.Time) time.Time {
	y, m, d := T.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// stripTags removes every §8.1.8 HTML tag from s.
func stripTags(s string) string {
	for {
		tag := jsonld.FindHTMLTag(s)
		if tag == "" {
			return s
		}
		s = strings.Replace(s, tag, " ", 1)
	}
}

// half is a freshness component in halves: 0, 1 (= 0.5) or 2 (= 1).
type half int64

func (h half) float() float64 { return float64(h) / 2 }

// assured is the assured component at T: 1 when assured_date is at most
// AssuredFullMonths calendar months before T's date (and not after the day
// after it), 0.5 within AssuredHalfMonths, else 0 (absent or unreadable too).
func (p *Profile) assured(v *view, T time.Time) (half, outcome) {
	raw, _ := v.svc.Get("assured_date").Str()
	d, ok := readDate(raw)
	if !ok {
		if jsonld.Present(v.svc.Get("assured_date")) {
			return 0, fail("assured_date %q is not a date", jsonld.Trim(raw))
		}
		return 0, fail("no assured_date")
	}
	day := dayOf(T)
	switch {
	case d.After(day.AddDate(0, 0, 1)):
		return 0, fail("assured_date %s is in the future", d.Format(time.DateOnly))
	case !d.Before(monthsBefore(day, p.AssuredFullMonths)):
		return 2, pass("assured on %s, within %d months", d.Format(time.DateOnly), p.AssuredFullMonths)
	case !d.Before(monthsBefore(day, p.AssuredHalfMonths)):
		return 1, fail("assured on %s, more than %d months ago", d.Format(time.DateOnly), p.AssuredFullMonths)
	}
	return 0, fail("assured on %s, more than %d months ago", d.Format(time.DateOnly), p.AssuredHalfMonths)
}

// recent is the recent component of a last change (nil: unknown).
func (p *Profile) recent(last *time.Time, T time.Time) half {
	switch {
	case last == nil:
		return 1
	case !last.Before(T.Add(-time.Duration(p.RecentFullDays) * 24 * time.Hour)):
		return 2
	case !last.Before(T.Add(-time.Duration(p.RecentHalfDays) * 24 * time.Hour)):
		return 1
	}
	return 0
}

// freshness is round(100 × (wa × assured + wr × recent)), exactly.
func (p *Profile) freshness(a, r half) int {
	return roundDiv(100*(int64(p.wAssured)*int64(a)+int64(p.wRecent)*int64(r)), 2*int64(fixedOne))
}
