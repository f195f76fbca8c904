package geo

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// ranks orders the imported (kind, vintage) pairs by when they were last
// imported: where two vintages give a value for the same key, the later
// import wins. Nothing is mixed within one row.
type ranks struct {
	rank     map[string]int
	vintages map[string][]string // kind → vintages loaded, sorted
}

func rankKey(kind, vintage string) string { return kind + "\x00" + vintage }

func loadRanks(ctx context.Context, st store.Store) (*ranks, error) {
	rows, err := st.Query(ctx, "SELECT kind, vintage, imported_at FROM geo_imports"+st.Final())
	if err != nil {
		return nil, fmt.Errorf("read geography imports (has the store been migrated? run feedgauge migrate): %w", err)
	}
	defer rows.Close()
	latest := map[string]time.Time{}
	r := &ranks{rank: map[string]int{}, vintages: map[string][]string{}}
	for rows.Next() {
		var kind, vintage string
		var at time.Time
		if err := rows.Scan(&kind, &vintage, &at); err != nil {
			return nil, err
		}
		k := rankKey(kind, vintage)
		if _, seen := latest[k]; !seen {
			r.vintages[kind] = append(r.vintages[kind], vintage)
		}
		if at.After(latest[k]) || latest[k].IsZero() {
			latest[k] = at
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	r.order(latest)
	return r, nil
}

// order ranks (kind, vintage) pairs by their latest import time, ties by
// name, and sorts each kind's vintages for display.
func (r *ranks) order(latest map[string]time.Time) {
	keys := make([]string, 0, len(latest))
	for k := range latest {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		ta, tb := latest[keys[a]], latest[keys[b]]
		if !ta.Equal(tb) {
			return ta.Before(tb)
		}
		return keys[a] < keys[b]
	})
	for i, k := range keys {
		r.rank[k] = i + 1
	}
	for _, v := range r.vintages {
		sort.Strings(v)
	}
}

// of is the rank of a vintage of a kind; 0 (oldest) when not recorded.
func (r *ranks) of(kind, vintage string) int { return r.rank[rankKey(kind, vintage)] }

// practice is one GP practice merged over its sources: per field, the
// latest import that states it wins.
type practice struct {
	code, name, postcode string
	lat, lng             float64
	hasPoint             bool
	active               int // 1 active GP practice, 0 not, -1 unknown
	pcn, sub, icb        string
}

type practiceRow struct {
	rank int
	p    practice
}

func loadPractices(ctx context.Context, st store.Store) (map[string]*practice, error) {
	rk, err := loadRanks(ctx, st)
	if err != nil {
		return nil, err
	}
	return loadPracticesRanked(ctx, st, rk)
}

func loadPracticesRanked(ctx context.Context, st store.Store, rk *ranks) (map[string]*practice, error) {
	rows, err := st.Query(ctx, "SELECT source, vintage, code, name, postcode, lat, lng, active, pcn, sub_icb, icb FROM geo_practices"+st.Final())
	if err != nil {
		return nil, fmt.Errorf("read GP practices: %w", err)
	}
	defer rows.Close()
	var all []practiceRow
	for rows.Next() {
		var source, vintage string
		var lat, lng *float64
		var p practice
		if err := rows.Scan(&source, &vintage, &p.code, &p.name, &p.postcode, &lat, &lng, &p.active, &p.pcn, &p.sub, &p.icb); err != nil {
			return nil, fmt.Errorf("read GP practices: %w", err)
		}
		if lat != nil && lng != nil {
			p.lat, p.lng, p.hasPoint = *lat, *lng, true
		}
		all = append(all, practiceRow{rk.of(source, vintage), p})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(all, func(a, b int) bool { return all[a].rank < all[b].rank })
	out := map[string]*practice{}
	for _, r := range all {
		mergePractice(out, r.p)
	}
	return out, nil
}

func mergePractice(out map[string]*practice, p practice) {
	m := out[p.code]
	if m == nil {
		m = &practice{code: p.code, active: -1}
		out[p.code] = m
	}
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&m.name, p.name)
	set(&m.postcode, p.postcode)
	set(&m.pcn, p.pcn)
	set(&m.sub, p.sub)
	set(&m.icb, p.icb)
	if p.active != -1 {
		m.active = p.active
	}
	if p.hasPoint {
		m.lat, m.lng, m.hasPoint = p.lat, p.lng, true
	}
}

func sortedPractices(ps map[string]*practice) []*practice {
	out := make([]*practice, 0, len(ps))
	for _, p := range ps {
		out = append(out, p)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].code < out[b].code })
	return out
}

// area is a named area merged over sources, latest import first.
type area struct{ name, parent, ods string }

func loadAreas(ctx context.Context, st store.Store, rk *ranks) (map[areaKey]*area, error) {
	rows, err := st.Query(ctx, "SELECT level, code, source, vintage, name, parent, ods_code FROM geo_areas"+st.Final())
	if err != nil {
		return nil, fmt.Errorf("read area names: %w", err)
	}
	defer rows.Close()
	type ranked struct {
		rank int
		k    areaKey
		a    area
	}
	var all []ranked
	for rows.Next() {
		var r ranked
		var source, vintage string
		if err := rows.Scan(&r.k.level, &r.k.code, &source, &vintage, &r.a.name, &r.a.parent, &r.a.ods); err != nil {
			return nil, fmt.Errorf("read area names: %w", err)
		}
		r.rank = rk.of(source, vintage)
		all = append(all, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(all, func(a, b int) bool { return all[a].rank < all[b].rank })
	out := map[areaKey]*area{}
	for _, r := range all {
		m := out[r.k]
		if m == nil {
			m = &area{}
			out[r.k] = m
		}
		for _, f := range [][2]*string{{&m.name, &r.a.name}, {&m.parent, &r.a.parent}, {&m.ods, &r.a.ods}} {
			if *f[1] != "" {
				*f[0] = strings.TrimSpace(*f[1])
			}
		}
	}
	return out, nil
}
