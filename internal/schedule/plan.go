package schedule

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// plan says when the next scheduled snapshot is due.
type plan interface {
	// next returns the first run strictly after the wall-clock time now.
	next(now time.Time) time.Time
	// monotonic plans measure from one run to the next on the monotonic
	// clock (intervals); wall-clock plans (cron) recompute from the clock.
	monotonic() bool
	String() string
}

// MinInterval is the shortest --every accepted.
const MinInterval = time.Minute

// parsePlan reads --every: a Go duration ("6h", "30m") or a cron
// expression (five fields, "0 */6 * * *", or a descriptor like "@daily").
func parsePlan(every string, loc *time.Location, minInterval time.Duration) (plan, error) {
	every = strings.TrimSpace(every)
	if d, err := time.ParseDuration(every); err == nil {
		if d < minInterval {
			return nil, fmt.Errorf("--every %s is too short: snapshots need at least %s apart", every, minInterval)
		}
		return interval(d), nil
	}
	p := cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
	s, err := p.Parse(every)
	if err != nil {
		return nil, fmt.Errorf("--every %q is neither a duration like 6h nor a cron expression like \"0 */6 * * *\": %w", every, err)
	}
	return cronPlan{s: s, expr: every, loc: loc}, nil
}

// interval runs at whole multiples of d since the Unix epoch (6h: 00:00,
// 06:00, 12:00, 18:00 UTC), so restarts keep the same rhythm.
type interval time.Duration

func (d interval) next(now time.Time) time.Time {
	step := time.Duration(d)
	return now.Truncate(step).Add(step)
}
func (d interval) monotonic() bool { return true }
func (d interval) String() string  { return "every " + time.Duration(d).String() }

type cronPlan struct {
	s    cron.Schedule
	expr string
	loc  *time.Location
}

func (c cronPlan) next(now time.Time) time.Time { return c.s.Next(now.In(c.loc)).UTC() }
func (c cronPlan) monotonic() bool              { return false }
func (c cronPlan) String() string               { return "cron " + c.expr + " (" + c.loc.String() + ")" }

// overdue reports whether a scheduled run fell between the last snapshot
// and now, so one catch-up run is due at start.
func overdue(p plan, last, now time.Time) bool {
	if last.IsZero() {
		return true
	}
	return !p.next(last).After(now)
}
