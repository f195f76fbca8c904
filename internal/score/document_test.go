package score

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func TestCheckDocumentShapes(t *testing.T) {
	ref := testRef(t)
	series := string(mustJSON(t, fullSeries()))
	cases := map[string]struct {
		doc  string
		acts int
	}{
		"bare object":  {series, 1},
		"data wrapper": {`{"data":` + series + `}`, 1},
		"rpde item":    {`{"state":"updated","kind":"SessionSeries","id":7,"modified":1,"data":` + series + `}`, 1},
		"rpde page": {`{"next":"https://x/feed?afterTimestamp=1&afterId=2","license":"` + ccBY + `","items":[{"state":"deleted","kind":"x","id":"d","modified":2},` +
			`{"state":"updated","kind":"x","id":"u","modified":3,"data":` + series + `}]}`, 1},
		"array": {`[` + series + `,{"data":` + strings.Replace(series, "series/1", "series/2", 1) + `}, 5]`, 2},
	}
	for name, c := range cases {
		rep, err := CheckDocument([]byte(c.doc), testT, ref)
		if err != nil || len(rep.Activities) != c.acts {
			t.Errorf("%s: err %v, %d activities", name, err, len(rep.Activities))
		}
	}
	if _, err := CheckDocument([]byte(`[1,2]`), testT, ref); err == nil {
		t.Error("no objects: want an error")
	}
	if _, err := CheckDocument([]byte(`{"a":`), testT, ref); err == nil {
		t.Error("bad JSON: want an error")
	}
}

// TestBadInputExplained: hostile inputs are scored by the method's rules
// and the reason shows in the explanation.
func TestBadInputExplained(t *testing.T) {
	ref := testRef(t)
	sched := func(kv ...any) obj {
		s := obj{"@type": "Schedule", "repeatFrequency": "P1W", "startDate": "2026-01-05", "startTime": "10:00"}
		return with(fullSeries(), "eventSchedule", []any{with(s, kv...)})
	}
	cases := map[string]struct {
		doc  any
		want string
	}{
		"date without zone":  {with(fullSeries(), "startDate", "2026-03-10T10:00"), "not a date-time with a time-zone offset"},
		"impossible date":    {with(fullSeries(), "eventSchedule", nil, "startDate", "2026-02-30T10:00Z"), "is not a date or date-time"},
		"P0D":                {sched("repeatFrequency", "P0D"), "does not match P<n>D"},
		"never ends":         {sched("byMonth", []any{13}), "within 400 × n years"},
		"1MO":                {sched("byDay", []any{"1MO"}), "is not a schema.org day"},
		"activity a string":  {with(fullSeries(), "activity", "Yoga"), "not identified by an @id"},
		"numbers as strings": {with(fullSeries(), "offers", []any{obj{"price": "3.50", "priceCurrency": "GBP"}}), "price is not a number"},
		"nulls":              {with(fullSeries(), "name", rawJSON("null")), "no name is given"},
		"empty arrays":       {with(fullSeries(), "leader", []any{}), "no leader"},
		"cyclic superEvent":  {obj{"@type": "SessionSeries", "@id": "https://x/a", "superEvent": obj{"@id": "https://x/a"}}, "no startDate, eventSchedule or sessions"},
	}
	for name, c := range cases {
		rep, err := CheckDocument(mustJSON(t, c.doc), testT, ref)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var buf bytes.Buffer
		if err := rep.WriteText(&buf); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), c.want) {
			t.Errorf("%s: explanation lacks %q:\n%s", name, c.want, buf.String())
		}
		if _, err := rep.JSON(); err != nil {
			t.Errorf("%s: json: %v", name, err)
		}
	}
}

func TestSeriesWithTenThousandInlineSessions(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"@type":"SessionSeries","@id":"https://x/s","name":"Big","subEvent":[`)
	for i := 0; i < 10000; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"@type":"ScheduledSession","@id":"https://x/s/%d","startDate":"%s"}`, i, testT.Add(time.Duration(i)*time.Minute).Format(time.RFC3339))
	}
	b.WriteString(`]}`)
	start := time.Now()
	rep, err := CheckDocument([]byte(b.String()), testT, testRef(t))
	if err != nil || len(rep.Activities) != 1 || rep.Activities[0].Score.Occurrences != 10000 || time.Since(start) > 5*time.Second {
		t.Errorf("err %v, %d activities in %v", err, len(rep.Activities), time.Since(start))
	}
}

func FuzzScoreDocument(f *testing.F) {
	entries, _ := os.ReadDir("testdata/items-real")
	for _, e := range entries {
		if data, err := os.ReadFile("testdata/items-real/" + e.Name()); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"@type":"SessionSeries","superEvent":{"superEvent":{}},"eventSchedule":[{"@type":"Schedule","byDay":"MO","startDate":"9999-12-31","startTime":"23:59:59","repeatCount":1e30}]}`))
	f.Add([]byte(`[{"type":"Slot","facilityUse":"x","startDate":"2026-03-29T01:30"},{"id":"x","type":"IndividualFacilityUse","aggregateFacilityUse":"x"}]`))
	ref := testRef(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := CheckDocument(data, testT, ref)
		if err == nil {
			_ = rep.WriteText(&bytes.Buffer{})
		}
	})
}
