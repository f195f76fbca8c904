package schedule

import (
	"math"
	"time"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// offsets turns a schedule's local dates into instants. jsonld.Local makes
// three zone lookups per date to settle gaps and overlaps; consecutive dates
// of a schedule nearly always fall in one zone period (one UTC offset, e.g.
// a whole summer), and inside such a period Local's answer is simply
// wall − offset. offsets remembers the period around the last date and
// falls back to jsonld.Local near a change, so results are identical.
type offsets struct {
	loc    *time.Location
	lo, hi int64 // the remembered period [lo, hi), Unix seconds
	off    int64 // its offset, seconds east of UTC
	valid  bool
}

// margin is the reach of jsonld.Local's lookups around the wall time: when
// the period covers wall ± margin, every lookup Local makes lands in it.
const margin = 26 * 3600

func (z *offsets) local(day int64, h, mi, s int) time.Time {
	wall := day*86400 + int64(h*3600+mi*60+s) // the wall clock read as UTC
	if !z.valid || wall-margin < z.lo || wall+margin >= z.hi {
		z.load(wall)
		if wall-margin < z.lo || wall+margin >= z.hi {
			y, m, d := civil(day)
			return jsonld.Local(z.loc, y, m, d, h, mi, s, 0)
		}
	}
	return time.Unix(wall-z.off, 0).UTC()
}

// load remembers the zone period in force at Unix time u.
func (z *offsets) load(u int64) {
	t := time.Unix(u, 0).In(z.loc)
	_, off := t.Zone()
	start, end := t.ZoneBounds()
	z.lo, z.hi, z.off, z.valid = math.MinInt64, math.MaxInt64, int64(off), true
	if !start.IsZero() {
		z.lo = start.Unix()
	}
	if !end.IsZero() {
		z.hi = end.Unix()
	}
}
