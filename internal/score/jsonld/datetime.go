package jsonld

import "time"

// DateTime is a parsed §8.1.5 date-time or date.
type DateTime struct {
	Y, M, D       int
	H, Min, S, NS int
	HasTime       bool // a date-time, not a bare date
	HasOffset     bool
	Offset        int // seconds east of UTC, when HasOffset
}

func num(s string, i, n int) (int, bool) {
	v := 0
	for k := i; k < i+n; k++ {
		c := s[k]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// DaysIn returns the days of month m in year y (proleptic Gregorian).
func DaysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// ParseDate matches `^\d{4}-\d{2}-\d{2}$` and checks the date is valid.
func ParseDate(s string) (y, m, d int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	y, ok1 := num(s, 0, 4)
	m, ok2 := num(s, 5, 2)
	d, ok3 := num(s, 8, 2)
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > DaysIn(y, m) {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// ParseDateTime matches §8.1.5's date-time pattern exactly
// `^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$`
// and its validity rules.
func ParseDateTime(s string) (DateTime, bool) {
	var t DateTime
	if len(s) < 16 || s[10] != 'T' || s[13] != ':' {
		return t, false
	}
	var ok bool
	if t.Y, t.M, t.D, ok = ParseDate(s[:10]); !ok {
		return t, false
	}
	h, ok1 := num(s, 11, 2)
	mi, ok2 := num(s, 14, 2)
	if !ok1 || !ok2 || h > 23 || mi > 59 {
		return t, false
	}
	t.H, t.Min, t.HasTime = h, mi, true
	i := 16
	if i < len(s) && s[i] == ':' {
		sec, ok := numAt(s, i+1, 2)
		if !ok || sec > 59 {
			return t, false
		}
		t.S, i = sec, i+3
		if i < len(s) && s[i] == '.' {
			j := i + 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			n := j - i - 1
			if n < 1 || n > 9 {
				return t, false
			}
			ns, _ := num(s, i+1, n)
			for k := n; k < 9; k++ {
				ns *= 10
			}
			t.NS, i = ns, j
		}
	}
	return parseOffset(s, i, t)
}

func numAt(s string, i, n int) (int, bool) {
	if i+n > len(s) {
		return 0, false
	}
	return num(s, i, n)
}

func parseOffset(s string, i int, t DateTime) (DateTime, bool) {
	switch {
	case i == len(s):
		return t, true
	case s[i] == 'Z' && i+1 == len(s):
		t.HasOffset = true
		return t, true
	case (s[i] == '+' || s[i] == '-') && i+6 == len(s) && s[i+3] == ':':
		oh, ok1 := num(s, i+1, 2)
		om, ok2 := num(s, i+4, 2)
		if !ok1 || !ok2 || om > 59 || oh*60+om > 18*60 {
			return t, false
		}
		t.HasOffset, t.Offset = true, (oh*60+om)*60
		if s[i] == '-' {
			t.Offset = -t.Offset
		}
		return t, true
	}
	return t, false
}

// ParseStart reads a date-time or a date as an instant: with its offset, or
// in london when it has none (a date is 00:00 local), §8.1.5.
func ParseStart(s string, london *time.Location) (time.Time, DateTime, bool) {
	if y, m, d, ok := ParseDate(s); ok {
		dt := DateTime{Y: y, M: m, D: d}
		return Local(london, y, m, d, 0, 0, 0, 0), dt, true
	}
	dt, ok := ParseDateTime(s)
	if !ok {
		return time.Time{}, dt, false
	}
	if dt.HasOffset {
		u := time.Date(dt.Y, time.Month(dt.M), dt.D, dt.H, dt.Min, dt.S, dt.NS, time.UTC)
		return u.Add(-time.Duration(dt.Offset) * time.Second), dt, true
	}
	return Local(london, dt.Y, dt.M, dt.D, dt.H, dt.Min, dt.S, dt.NS), dt, true
}

// Local turns a wall-clock time in loc into an instant. A time in a spring
// gap uses the offset in force before the change; an ambiguous autumn time
// takes the earlier instant (§8.1.5). Go's time.Date leaves both cases
// unspecified, so the offsets are tried explicitly. Real zones never change
// offset twice within 26 hours, so the offsets 26 h either side are the
// "before" and "after" of any change near the wall time.
func Local(loc *time.Location, y, m, d, h, mi, s, ns int) time.Time {
	wall := time.Date(y, time.Month(m), d, h, mi, s, ns, time.UTC)
	u := wall.Unix()
	before := offsetAt(loc, u-26*3600)
	after := offsetAt(loc, u+26*3600)
	for _, off := range [2]int{before, after} {
		if offsetAt(loc, u-int64(off)) == off {
			return wall.Add(-time.Duration(off) * time.Second)
		}
	}
	return wall.Add(-time.Duration(before) * time.Second)
}

func offsetAt(loc *time.Location, unix int64) int {
	_, off := time.Unix(unix, 0).In(loc).Zone()
	return off
}
