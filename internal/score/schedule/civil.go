package schedule

// Dates are handled as day numbers (days since 1970-01-01, proleptic
// Gregorian) so stepping by n days, weeks, months or years never touches
// time zones; zones only matter when a date gets its start time.

// dayNum returns the day number of y-m-d (Howard Hinnant's days_from_civil).
func dayNum(y, m, d int) int64 {
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := yy / 400
	if yy < 0 && yy%400 != 0 {
		era--
	}
	yoe := yy - era*400
	mp := int64((m + 9) % 12)
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civil is the inverse of dayNum.
func civil(n int64) (y, m, d int) {
	z := n + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	yy := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	m = int(mp + 3)
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		yy++
	}
	return int(yy), m, d
}

// weekday returns 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday).
func weekday(n int64) int {
	w := (n + 3) % 7
	if w < 0 {
		w += 7
	}
	return int(w)
}

// floorDiv divides rounding towards minus infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// lastDay is the last representable date: §8.1.5 dates have four-digit
// years, so no candidate date lies after 9999-12-31.
const lastDay int64 = 2932896
