package schedule

import (
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

func london(t testing.TB) *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func zones(name string) *time.Location {
	if name == "" || name == "Local" {
		return nil
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	return l
}

func rule(t testing.TB, js string) (*Rule, string) {
	t.Helper()
	v, err := jsonld.Parse([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return Parse(v, zones, london(t))
}

func dates(ts []time.Time) string {
	var s []string
	for _, t := range ts {
		s = append(s, t.UTC().Format("2006-01-02T15:04Z"))
	}
	return strings.Join(s, " ")
}

func TestFirstDates(t *testing.T) {
	cases := []struct{ name, js, want string }{
		{"weekly byDay, BST", `{"@type":"Schedule","repeatFrequency":"P1W","byDay":["https://schema.org/Thursday"],"startDate":"2020-01-02","startTime":"11:00"}`,
			"2020-01-02T11:00Z 2020-01-09T11:00Z 2020-01-16T11:00Z"},
		{"P7D with byDay is W", `{"@type":"Schedule","repeatFrequency":"P14D","byDay":["MO","WE"],"startDate":"2026-03-04","startTime":"09:00"}`,
			"2026-03-04T09:00Z 2026-03-16T09:00Z 2026-03-18T09:00Z"},
		{"D no byDay", `{"@type":"Schedule","repeatFrequency":"P3D","startDate":"2026-01-30","startTime":"09:00:30"}`,
			"2026-01-30T09:00Z 2026-02-02T09:00Z 2026-02-05T09:00Z"},
		{"D with byDay filter", `{"@type":"Schedule","repeatFrequency":"P2D","byDay":["SA"],"startDate":"2026-01-01","startTime":"09:00"}`,
			"2026-01-03T09:00Z 2026-01-17T09:00Z 2026-01-31T09:00Z"},
		{"absent frequency + byDay = P1W, http IRI", `{"@type":"Schedule","byDay":["http://schema.org/Friday"],"startDate":"2026-01-01","startTime":"09:00"}`,
			"2026-01-02T09:00Z 2026-01-09T09:00Z 2026-01-16T09:00Z"},
		{"W default weekday is startDate's", `{"@type":"Schedule","repeatFrequency":"P2W","startDate":"2026-01-01","startTime":"09:00"}`,
			"2026-01-01T09:00Z 2026-01-15T09:00Z 2026-01-29T09:00Z"},
		{"M default day; 31st skips short months", `{"@type":"Schedule","repeatFrequency":"P1M","startDate":"2026-01-31","startTime":"09:00"}`,
			"2026-01-31T09:00Z 2026-03-31T08:00Z 2026-05-31T08:00Z"},
		{"M byMonthDay", `{"@type":"Schedule","repeatFrequency":"P2M","byMonthDay":[1,15],"startDate":"2026-01-10","startTime":"09:00"}`,
			"2026-01-15T09:00Z 2026-03-01T09:00Z 2026-03-15T09:00Z"},
		{"M only byDay", `{"@type":"Schedule","repeatFrequency":"P1M","byDay":["SU"],"startDate":"2026-01-25","startTime":"09:00"}`,
			"2026-01-25T09:00Z 2026-02-01T09:00Z 2026-02-08T09:00Z"},
		{"Y Feb 29", `{"@type":"Schedule","repeatFrequency":"P1Y","startDate":"2024-02-29","startTime":"09:00"}`,
			"2024-02-29T09:00Z 2028-02-29T09:00Z 2032-02-29T09:00Z"},
		{"byMonth", `{"@type":"Schedule","repeatFrequency":"P1W","byDay":["MO"],"byMonth":[3],"startDate":"2026-02-23","startTime":"09:00"}`,
			"2026-03-02T09:00Z 2026-03-09T09:00Z 2026-03-16T09:00Z"},
		{"repeatCount before exceptDate", `{"@type":"Schedule","repeatFrequency":"P1D","repeatCount":3,"exceptDate":["2026-01-02"],"startDate":"2026-01-01","startTime":"09:00"}`,
			"2026-01-01T09:00Z 2026-01-03T09:00Z"},
		{"exceptDate date-time removes that instant only", `{"@type":"Schedule","repeatFrequency":"P1D","exceptDate":["2026-01-02T09:00:00Z","2026-01-03T10:00:00Z"],"startDate":"2026-01-01","startTime":"09:00"}`,
			"2026-01-01T09:00Z 2026-01-03T09:00Z 2026-01-04T09:00Z"},
		{"endDate inclusive", `{"@type":"Schedule","repeatFrequency":"P1D","startDate":"2026-01-01","endDate":"2026-01-02","startTime":"09:00"}`,
			"2026-01-01T09:00Z 2026-01-02T09:00Z"},
		{"scheduleTimezone", `{"@type":"Schedule","repeatFrequency":"P1D","startDate":"2026-01-01","startTime":"09:00","scheduleTimezone":"America/New_York"}`,
			"2026-01-01T14:00Z 2026-01-02T14:00Z 2026-01-03T14:00Z"},
		{"spring gap uses the offset before", `{"@type":"Schedule","repeatFrequency":"P1D","startDate":"2026-03-28","startTime":"01:30"}`,
			"2026-03-28T01:30Z 2026-03-29T01:30Z 2026-03-30T00:30Z"},
		{"autumn overlap takes the earlier", `{"@type":"Schedule","repeatFrequency":"P1D","startDate":"2026-10-24","startTime":"01:30"}`,
			"2026-10-24T00:30Z 2026-10-25T00:30Z 2026-10-26T01:30Z"},
		{"startDate's first 10 characters", `{"@type":"Schedule","repeatFrequency":"P1D","startDate":"2026-01-01T00:00:00Z","startTime":"09:00"}`,
			"2026-01-01T09:00Z 2026-01-02T09:00Z 2026-01-03T09:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, why := rule(t, c.js)
			if r == nil {
				t.Fatalf("no rule: %s", why)
			}
			if got := dates(r.FirstDates(3)); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestNoDates(t *testing.T) {
	cases := map[string]string{
		"partial":          `{"@type":"PartialSchedule","repeatFrequency":"P1W","startDate":"2026-01-01","startTime":"09:00"}`,
		"P0D":              `{"@type":"Schedule","repeatFrequency":"P0D","startDate":"2026-01-01","startTime":"09:00"}`,
		"P1.5W":            `{"@type":"Schedule","repeatFrequency":"P1.5W","startDate":"2026-01-01","startTime":"09:00"}`,
		"1MO":              `{"@type":"Schedule","repeatFrequency":"P1M","byDay":["1MO"],"startDate":"2026-01-01","startTime":"09:00"}`,
		"no startTime":     `{"@type":"Schedule","repeatFrequency":"P1D","startDate":"2026-01-01"}`,
		"bad startTime":    `{"@type":"Schedule","repeatFrequency":"P1D","startDate":"2026-01-01","startTime":"9:00"}`,
		"bad startDate":    `{"@type":"Schedule","repeatFrequency":"P1D","startDate":"2026-02-30","startTime":"09:00"}`,
		"no frequency":     `{"@type":"Schedule","startDate":"2026-01-01","startTime":"09:00"}`,
		"number startDate": `{"@type":"Schedule","repeatFrequency":"P1D","startDate":20260101,"startTime":"09:00"}`,
	}
	for name, js := range cases {
		if r, why := rule(t, js); r != nil || why == "" {
			t.Errorf("%s: got a rule", name)
		}
	}
}

func TestStopRule(t *testing.T) {
	T := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, js := range []string{
		`{"@type":"Schedule","repeatFrequency":"P1M","byMonthDay":[31],"byMonth":[2],"startDate":"2026-01-01","startTime":"09:00"}`,
		`{"@type":"Schedule","repeatFrequency":"P1Y","byMonth":[3],"startDate":"2026-01-01","startTime":"09:00"}`,
		`{"@type":"Schedule","repeatFrequency":"P1D","repeatCount":0,"startDate":"2026-01-01","startTime":"09:00"}`,
	} {
		r, _ := rule(t, js)
		if w, why := r.Expand(T, T.Add(56*24*time.Hour)); w.HasNext || why == "" {
			t.Errorf("%s: got dates %v", js, w.Next)
		}
	}
}

func TestExpandWindowEdges(t *testing.T) {
	r, _ := rule(t, `{"@type":"Schedule","repeatFrequency":"P1W","startDate":"2026-01-05","startTime":"10:00"}`)
	T := time.Date(2026, 1, 12, 10, 0, 0, 0, time.UTC) // exactly an occurrence
	w, _ := r.Expand(T, T.Add(14*24*time.Hour))        // and T+H exactly another
	if !w.HasNext || !w.Next.Equal(T) || len(w.InWindow) != 3 {
		t.Errorf("window edges: next %v, %d in window", w.Next, len(w.InWindow))
	}
	w, _ = r.Expand(T.Add(time.Second), T.Add(time.Hour))
	if !w.HasNext || len(w.InWindow) != 0 || !w.Next.Equal(T.Add(7*24*time.Hour)) {
		t.Errorf("after horizon: next %v, %d in window", w.Next, len(w.InWindow))
	}
}

func TestUnboundedIsCheap(t *testing.T) {
	r, _ := rule(t, `{"@type":"Schedule","repeatFrequency":"P1D","startDate":"1900-01-01","startTime":"10:00"}`)
	T := time.Date(9000, 1, 1, 0, 0, 0, 0, time.UTC)
	start := time.Now()
	w, _ := r.Expand(T, T.Add(56*24*time.Hour))
	if !w.HasNext || len(w.InWindow) != 56 || time.Since(start) > 50*time.Millisecond {
		t.Errorf("unbounded daily: %d in window in %v", len(w.InWindow), time.Since(start))
	}
	r, _ = rule(t, `{"@type":"Schedule","repeatFrequency":"P99999999999999999999999D","startDate":"2026-01-01","startTime":"10:00"}`)
	if w, _ := r.Expand(T, T.Add(time.Hour)); w.HasNext {
		t.Error("huge n: only startDate qualifies, before T")
	}
}

func BenchmarkExpandWeekly(b *testing.B) {
	r, _ := rule(b, `{"@type":"Schedule","repeatFrequency":"P1W","byDay":["MO","TH"],"startDate":"2019-01-07","startTime":"10:00","scheduleTimezone":"Europe/London"}`)
	T := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for i := 0; i < b.N; i++ {
		r.Expand(T, T.Add(56*24*time.Hour))
	}
}
