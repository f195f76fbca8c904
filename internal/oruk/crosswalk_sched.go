package oruk

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

var (
	frequency = regexp.MustCompile(`^P([1-9][0-9]*)([DWMY])$`)
	clock     = regexp.MustCompile(`^([01][0-9]|2[0-3]):([0-5][0-9])(:[0-5][0-9])?$`)
	// days maps schema.org day IRIs (and iCal codes) to iCal codes.
	days = map[string]string{"Monday": "MO", "Tuesday": "TU", "Wednesday": "WE", "Thursday": "TH", "Friday": "FR",
		"Saturday": "SA", "Sunday": "SU", "MO": "MO", "TU": "TU", "WE": "WE", "TH": "TH", "FR": "FR", "SA": "SA", "SU": "SU"}
)

// schedules maps eventSchedule to schedules; without one, the activity's
// own startDate, else its next occurrence, gives a one-date schedule.
func (c *conv) schedules() {
	for i, sc := range objs(c.act["eventSchedule"]) {
		if s, ok := c.schedule(sc, i); ok {
			c.s.Schedules = append(c.s.Schedules, s)
			c.use("eventSchedule")
		}
	}
	if len(c.s.Schedules) > 0 {
		return
	}
	if start, ok := c.instant(c.act.str("startDate")); ok {
		s := c.oneDate(start, "")
		if end, ok := c.instant(c.act.str("endDate")); ok {
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
func (c *conv) schedule(sc obj, i int) (V3Schedule, bool) {
	s := V3Schedule{ID: uuid5(c.s.ID + "\x00schedule\x00" + strconv.Itoa(i)), ServiceID: c.s.ID,
		OpensAt: clockTime(sc.str("startTime")), ClosesAt: clockTime(sc.str("endTime")),
		ValidFrom: dateOnly(sc.str("startDate")), ValidTo: dateOnly(sc.str("endDate"))}
	s.DTStart = s.ValidFrom
	var byDay []string
	for _, d := range strs(sc["byDay"]) {
		d = strings.TrimPrefix(jsonld.NormSchemaIRI(jsonld.Trim(d)), "https://schema.org/")
		if code := days[d]; code != "" {
			byDay = append(byDay, code)
		}
	}
	s.ByDay = strings.Join(byDay, ",")
	if m := frequency.FindStringSubmatch(sc.str("repeatFrequency")); m != nil {
		n, _ := strconv.Atoi(m[1])
		s.Freq, s.Interval = freq(m[2], n, &s)
	} else if s.ByDay != "" {
		s.Freq, s.Interval = "WEEKLY", 1
	}
	var md []string
	for _, v := range asList(sc["byMonthDay"]) {
		if n, ok := v.(interface{ String() string }); ok {
			md = append(md, n.String())
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

func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	if v == nil {
		return nil
	}
	return []any{v}
}

// oneDate is a schedule of one dated occurrence, in London time.
func (c *conv) oneDate(start time.Time, desc string) V3Schedule {
	at := c.local(start)
	day := at.Format(time.DateOnly)
	return V3Schedule{ID: uuid5(c.s.ID + "\x00schedule\x00" + day), ServiceID: c.s.ID, DTStart: day, ValidFrom: day, ValidTo: day,
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

// clockTime writes HH:MM or HH:MM:SS as HH:MM:SS, else "".
func clockTime(s string) string {
	m := clock.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	if m[3] == "" {
		return s + ":00"
	}
	return s
}
