package oruk

import (
	"strconv"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

var (
	// days maps schema.org day IRIs (and iCal codes) to iCal codes.
	days = map[string]string{"Monday": "MO", "Tuesday": "TU", "Wednesday": "WE", "Thursday": "TH", "Friday": "FR",
		"Saturday": "SA", "Sunday": "SU", "MO": "MO", "TU": "TU", "WE": "WE", "TH": "TH", "FR": "FR", "SA": "SA", "SU": "SU"}
)

// schedules maps eventSchedule to schedules; without one, the activity's
// own startDate, else its next occurrence, gives a one-date schedule.
func (c *conv) schedules() {
	i := 0
	for sc := range jsonld.EachObject(c.act.Get("eventSchedule")) {
		if s, ok := c.schedule(sc, i); ok {
			c.s.Schedules = append(c.s.Schedules, s)
			c.use("eventSchedule")
		}
		i++
	}
	if len(c.s.Schedules) > 0 {
		return
	}
	if start, ok := c.instant(str(c.act, "startDate")); ok {
		s := c.oneDate(start, "")
		if end, ok := c.instant(str(c.act, "endDate")); ok {
			s.ValidTo, s.ClosesAt = c.local(end).Format(time.DateOnly), c.local(end).Format(time.TimeOnly)
		}
		c.s.Schedules = append(c.s.Schedules, s)
		c.use("startDate", "endDate")
		return
	}
	if c.h.NextOccurrence != nil {
		at := c.local(*c.h.NextOccurrence)
		c.s.Schedules = append(c.s.Schedules, c.oneDate(*c.h.NextOccurrence, "Next session on "+at.Format("Monday 2 January 2006 at 15:04")))
	}
}

// schedule maps one Schedule or PartialSchedule.
func (c *conv) schedule(sc *jsonld.Value, i int) (V3Schedule, bool) {
	s := V3Schedule{ID: c.uuid5(c.s.ID, "\x00schedule\x00", strconv.Itoa(i)), ServiceID: c.s.ID,
		OpensAt: clockTime(str(sc, "startTime")), ClosesAt: clockTime(str(sc, "endTime")),
		ValidFrom: dateOnly(str(sc, "startDate")), ValidTo: dateOnly(str(sc, "endDate"))}
	s.DTStart = s.ValidFrom
	s.ByDay = byDay(sc.Get("byDay"))
	if count, unit, ok := repeatFrequency(str(sc, "repeatFrequency")); ok {
		n, _ := strconv.Atoi(count)
		s.Freq, s.Interval = freq(unit, n, &s)
	} else if s.ByDay != "" {
		s.Freq, s.Interval = "WEEKLY", 1
	}
	var md []string
	for v := range jsonld.EachItem(sc.Get("byMonthDay")) {
		if jsonld.IsNumber(v) {
			md = append(md, v.S)
		}
	}
	s.ByMonthDay = strings.Join(md, ",")
	ok := s.ByDay != "" || s.OpensAt != "" || s.DTStart != "" || s.Freq != ""
	return s, ok
}

// freq maps an ISO 8601 repeat frequency to ORUK's WEEKLY or MONTHLY:
// daily becomes weekly on every day, whole weeks of days become weeks;
// other daily and yearly rules have no ORUK form.
func freq(unit string, n int, s *V3Schedule) (string, int) {
	switch {
	case unit == "W":
		return "WEEKLY", n
	case unit == "M":
		return "MONTHLY", n
	case unit == "D" && n%7 == 0:
		return "WEEKLY", n / 7
	case unit == "D" && n == 1:
		s.ByDay = "MO,TU,WE,TH,FR,SA,SU"
		return "WEEKLY", 1
	}
	return "", 0
}

// byDay maps the days of a schedule's byDay (a day or a list of them) to
// a list of iCal codes.
func byDay(v *jsonld.Value) string {
	var b strings.Builder
	for d := range jsonld.EachItem(v) {
		if d.Kind != jsonld.String {
			continue
		}
		day := strings.TrimPrefix(jsonld.NormSchemaIRI(jsonld.Trim(d.S)), "https://schema.org/")
		if code := days[day]; code != "" {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(code)
		}
	}
	return b.String()
}

// oneDate is a schedule of one dated occurrence, in London time.
func (c *conv) oneDate(start time.Time, desc string) V3Schedule {
	at := c.local(start)
	day := at.Format(time.DateOnly)
	return V3Schedule{ID: c.uuid5(c.s.ID, "\x00schedule\x00", day), ServiceID: c.s.ID, DTStart: day, ValidFrom: day, ValidTo: day,
		OpensAt: at.Format(time.TimeOnly), Description: desc}
}

func (c *conv) instant(s string) (time.Time, bool) {
	if c.h.London == nil {
		return time.Time{}, false
	}
	t, _, ok := jsonld.ParseStart(s, c.h.London)
	return t, ok
}

func (c *conv) local(t time.Time) time.Time {
	if c.h.London == nil {
		return t.UTC()
	}
	return t.In(c.h.London)
}

// repeatFrequency matches `^P([1-9][0-9]*)([DWMY])$`, by hand: with
// clockTime's, the regular expression was a large part of the crosswalk.
// TestHandMatchersEqualRegexps holds both to their expressions.
func repeatFrequency(s string) (count, unit string, ok bool) {
	if len(s) < 3 || s[0] != 'P' || s[1] < '1' || s[1] > '9' || !strings.ContainsRune("DWMY", rune(s[len(s)-1])) {
		return "", "", false
	}
	count = s[1 : len(s)-1]
	for i := range len(count) {
		if count[i] < '0' || count[i] > '9' {
			return "", "", false
		}
	}
	return count, s[len(s)-1:], true
}

// clockTime writes HH:MM or HH:MM:SS as HH:MM:SS, else "": it matches
// `^([01][0-9]|2[0-3]):([0-5][0-9])(:[0-5][0-9])?$` by hand.
func clockTime(s string) string {
	if len(s) != 5 && len(s) != 8 {
		return ""
	}
	hourOK := (s[0] == '0' || s[0] == '1') && isDigit(s[1]) || s[0] == '2' && s[1] >= '0' && s[1] <= '3'
	if !hourOK || !sixties(s[2:5]) {
		return ""
	}
	if len(s) == 5 {
		return s + ":00"
	}
	if !sixties(s[5:8]) {
		return ""
	}
	return s
}

// sixties matches `:[0-5][0-9]`.
func sixties(s string) bool { return s[0] == ':' && s[1] >= '0' && s[1] <= '5' && isDigit(s[2]) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
