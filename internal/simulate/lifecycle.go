package simulate

import "math"

// Time model. Every item's history is a pure function of (seed, feed, slot):
//
// Parents (series, facility uses, events, courses, on-demand events) are
// stable ids: created at c (most before Epoch, some during the two years
// after), changed every P (14–120 days), a few deleted at d. A deleted item
// stays in the feed as a tombstone.
//
// Children (scheduled sessions, slots) come in streams, ChildrenPerParent per
// parent. Stream s issues a new occurrence every Q (1–4 weeks) from
// Epoch − 60 days: occurrence g is published at t_g, dated t_g + Q + a few
// hours, sometimes updated halfway, and deleted two hours after it starts,
// so every live stream always has one upcoming occurrence. A stream issues
// nothing outside its parent's life.
//
// Interleave (fault): for a quarter of a parent feed's items, an update
// becomes visible `lag` late with its original modified (so it lands behind
// a cursor that has passed it), and `bump` later the publisher re-publishes
// it with a newer modified. Creations and deletions are never late, so which
// ids exist and in which state never depends on when one harvests.

const (
	day      = int64(86400)
	tick     = int64(3600) // modified times are whole hours: many ties
	never    = int64(math.MaxInt64)
	lag      = 6 * 3600
	bump     = 3 * day
	preEpoch = 60 * day
)

func quant(t int64) int64 { return t - t%tick }

// entry is one item as visible at a time X: its modified time, its id key
// and its version.
type entry struct {
	t   int64
	key uint32
	ver uint16
	del bool
}

// parentLife is the life of parent slot s.
func (w *world) parentLife(f *feed, s int) (c, d, p int64) {
	h := func(salt uint64) uint64 {
		return hash(w.seed, salt, uint64(f.ds.idx), uint64(f.spec.typ[0]), uint64(s))
	}
	if unit(h(sCreate)) < 0.85 {
		c = w.epoch - int64(unit(h(sCreateAt))*720*float64(day))
	} else {
		c = w.epoch + int64(unit(h(sCreateAt))*720*float64(day))
	}
	d = never
	if unit(h(sDelete)) < 0.12 {
		d = c + 60*day + int64(unit(h(sDeleteAt))*900*float64(day))
	}
	p = 14*day + int64(unit(h(sPeriod))*106*float64(day))
	return quant(c), quant(d), p
}

// slow says a parent slot's updates commit late (interleave fault).
func (w *world) slow(f *feed, s int) bool {
	if _, ok := f.fault("interleave"); !ok {
		return false
	}
	return unit(hash(w.seed, sSlow, uint64(f.ds.idx), uint64(s))) < 0.25
}

// parentAt is parent slot s as visible at x, if it exists.
func (w *world) parentAt(f *feed, s int, x int64) (entry, bool) {
	c, d, p := w.parentLife(f, s)
	if x < c {
		return entry{}, false
	}
	k := (x - c) / p
	if x >= d {
		return entry{t: d, key: uint32(s), ver: uint16(min((d-c)/p, 65535)), del: true}, true
	}
	slow := w.slow(f, s)
	if slow && k >= 1 && x < c+k*p+lag {
		k--
	}
	t := c + k*p
	if slow && x >= t+bump {
		t += bump
	}
	return entry{t: quant(t), key: uint32(s), ver: uint16(min(k, 65535))}, true
}

// stream is the timing of child stream s.
type stream struct {
	q, g0, hour int64
	updates     bool
	c, d        int64 // the parent's life
}

func (w *world) stream(f *feed, s int) stream {
	h := func(salt uint64) uint64 {
		return hash(w.seed, salt, uint64(f.ds.idx), uint64(f.spec.typ[1]), uint64(s))
	}
	q := 7 * day * (1 + int64(pick(h(sChildPeriod), 4)))
	st := stream{q: q, hour: (8 + int64(pick(h(sChildHour), 12))) * 3600, updates: unit(h(sChildUpdate)) < 0.5}
	st.g0 = quant(w.epoch - preEpoch + int64(unit(h(sChildPhase))*float64(q)))
	st.c, st.d, _ = w.parentLife(f.parent, s/f.perParent)
	return st
}

// gens is the range of occurrences of a stream published by x.
func (st stream) gens(x int64) (lo, hi int64) {
	if x < st.g0 {
		return 0, -1
	}
	hi = (x - st.g0) / st.q
	lo = 0
	if st.c > st.g0 {
		lo = (st.c - st.g0 + st.q - 1) / st.q
	}
	if st.d != never {
		hi = min(hi, (st.d-st.g0+st.q-1)/st.q-1)
	}
	return lo, hi
}

// start is when occurrence g takes place (its startDate).
func (st stream) start(g int64) int64 {
	t := st.g0 + g*st.q
	return t - t%day + st.q + st.hour
}

// childAt is occurrence g of stream s as visible at x.
func (st stream) childAt(slots, s int, g, x int64) entry {
	t := st.g0 + g*st.q
	key := uint32(g*int64(slots) + int64(s))
	del := st.start(g) + 2*3600
	if st.d != never && st.d > t {
		del = min(del, st.d)
	}
	switch {
	case x >= del:
		return entry{t: quant(del), key: key, del: true}
	case st.updates && x >= t+st.q/2:
		return entry{t: quant(t + st.q/2), key: key, ver: 1}
	}
	return entry{t: t, key: key}
}

// splitKey turns a child key back into (stream, occurrence).
func splitKey(key uint32, slots int) (s int, g int64) {
	return int(int64(key) % int64(slots)), int64(key) / int64(slots)
}
