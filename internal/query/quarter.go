package query

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Quarter is a calendar quarter, Q1 = January–March, bounded at 00:00
// Europe/London (scoring.md §8.11.3).
type Quarter struct{ Year, Q int }

var quarterRE = regexp.MustCompile(`^(\d{4})[Qq]([1-4])$`)

// ParseQuarter reads "2026Q3".
func ParseQuarter(s string) (Quarter, error) {
	m := quarterRE.FindStringSubmatch(s)
	if m == nil {
		return Quarter{}, fmt.Errorf("%q is not a quarter like 2026Q3", s)
	}
	y, _ := strconv.Atoi(m[1])
	q, _ := strconv.Atoi(m[2])
	return Quarter{y, q}, nil
}

// QuarterOf returns the quarter holding t (in Europe/London).
func QuarterOf(t time.Time) Quarter {
	l := t.In(London)
	return Quarter{l.Year(), (int(l.Month())-1)/3 + 1}
}

func (q Quarter) String() string { return fmt.Sprintf("%dQ%d", q.Year, q.Q) }

// FinancialLabel is the UK financial-year label: 2026Q3 is "2026/27 Q2".
func (q Quarter) FinancialLabel() string {
	y, fq := q.Year, q.Q-1
	if fq == 0 {
		y, fq = y-1, 4
	}
	return fmt.Sprintf("%d/%02d Q%d", y, (y+1)%100, fq)
}

// Start is the first instant of the quarter.
func (q Quarter) Start() time.Time {
	return time.Date(q.Year, time.Month(3*(q.Q-1)+1), 1, 0, 0, 0, 0, London).UTC()
}

// End is the last second of the quarter (a snapshot at End is in it).
func (q Quarter) End() time.Time { return q.Next().Start().Add(-time.Second) }

// Next and Prev step one quarter.
func (q Quarter) Next() Quarter {
	if q.Q == 4 {
		return Quarter{q.Year + 1, 1}
	}
	return Quarter{q.Year, q.Q + 1}
}

func (q Quarter) Prev() Quarter {
	if q.Q == 1 {
		return Quarter{q.Year - 1, 4}
	}
	return Quarter{q.Year, q.Q - 1}
}
