package simulate

import (
	"slices"
	"strconv"
	"strings"
)

// index is a feed as visible at one time: its entries in feed order.
type index struct {
	at               int64
	entries          []entry
	updated, deleted int
}

// buildIndex lists every item of f visible at x, in RPDE order (modified,
// then id).
func (w *world) buildIndex(f *feed, x int64) *index {
	ix := &index{at: x}
	if f.spec.child {
		for s := 0; s < f.slots; s++ {
			st := w.stream(f, s)
			lo, hi := st.gens(x)
			for g := lo; g <= hi; g++ {
				ix.entries = append(ix.entries, st.childAt(f.slots, s, g, x))
			}
		}
	} else {
		ix.entries = make([]entry, 0, f.slots)
		for s := 0; s < f.slots; s++ {
			if e, ok := w.parentAt(f, s, x); ok {
				ix.entries = append(ix.entries, e)
			}
		}
	}
	slices.SortFunc(ix.entries, cmpEntry)
	for _, e := range ix.entries {
		if e.del {
			ix.deleted++
		} else {
			ix.updated++
		}
	}
	return ix
}

func cmpEntry(a, b entry) int {
	switch {
	case a.t < b.t:
		return -1
	case a.t > b.t:
		return 1
	case a.key < b.key:
		return -1
	case a.key > b.key:
		return 1
	}
	return 0
}

// indexAt returns the feed's index at x, cached for the latest x asked.
func (w *world) indexAt(f *feed, x int64) *index {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cache == nil || f.cache.at != x {
		f.cache = w.buildIndex(f, x)
	}
	return f.cache
}

// after is the position of the first entry after the cursor (t, key).
func (ix *index) after(t int64, key uint32) int {
	c := entry{t: t, key: key}
	i, found := slices.BinarySearchFunc(ix.entries, c, cmpEntry)
	if found {
		i++
	}
	return i
}

// rpdeID is the RPDE id of a key.
func (f *feed) rpdeID(key uint32) string {
	if f.numericIDs {
		return strconv.FormatUint(uint64(key)+1000, 10)
	}
	s := strconv.FormatUint(uint64(key), 10)
	return f.spec.prefix + strings.Repeat("0", max(0, 10-len(s))) + s
}

// keyOf parses an RPDE id back into its key.
func (f *feed) keyOf(id string) (uint32, bool) {
	if f.numericIDs {
		n, err := strconv.ParseUint(id, 10, 64)
		if err != nil || n < 1000 || n-1000 > 1<<32-1 {
			return 0, false
		}
		return uint32(n - 1000), true
	}
	n, err := strconv.ParseUint(strings.TrimPrefix(id, f.spec.prefix), 10, 32)
	return uint32(n), err == nil
}

// changeBase is the origin of change numbers (2010-01-01).
const changeBase = int64(1262304000)

// modified renders an entry's modified value as its JSON literal.
func (f *feed) modified(e entry) string {
	var s string
	switch f.modFmt {
	case fmtMillis:
		s = strconv.FormatInt(e.t*1000, 10)
	case fmtSeconds:
		s = strconv.FormatInt(e.t, 10)
	default:
		s = strconv.FormatUint(uint64(e.t-changeBase)<<32|uint64(e.key), 10)
	}
	if f.quoted {
		return `"` + s + `"`
	}
	return s
}

// cursorQuery is the query string of the page after entry e.
func (f *feed) cursorQuery(e entry) string {
	m := strings.Trim(f.modified(e), `"`)
	if f.modFmt == fmtChange {
		return "afterChangeNumber=" + m
	}
	return "afterTimestamp=" + m + "&afterId=" + f.rpdeID(e.key)
}

// parseCursor reads a page request's cursor; ok is false when the request
// has none (the first page).
func (f *feed) parseCursor(q map[string][]string) (t int64, key uint32, ok bool) {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	if cn := get("afterChangeNumber"); cn != "" {
		n, err := strconv.ParseUint(cn, 10, 64)
		if err != nil {
			return 0, 0, false
		}
		return int64(n>>32) + changeBase, uint32(n), true
	}
	ts := get("afterTimestamp")
	if ts == "" {
		return 0, 0, false
	}
	n, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return 0, 0, false
	}
	if f.modFmt == fmtMillis {
		n /= 1000
	}
	k, kok := f.keyOf(get("afterId"))
	if !kok {
		return n, 0, true
	}
	return n, k, true
}
