package geo

import (
	"context"
	"fmt"
	"sort"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
)

// coverageLevels are the levels the coverage query reports.
var coverageLevels = map[string]bool{LevelPCN: true, LevelSubICB: true, LevelICB: true, LevelLAD: true, LevelRegion: true}

// indexRow says area (level, code) overlaps place; every area overlaps
// itself.
type indexRow struct{ level, code, place string }

// areaIndex collects which coverage areas exist and which places each
// overlaps, from every loaded source.
type areaIndex struct {
	rows  map[indexRow]bool
	names map[areaKey]*area
	ons   map[areaKey]string // (level, NHS code) → ONS code
}

type member struct{ level, code string }

func newAreaIndex(names map[areaKey]*area) *areaIndex {
	x := &areaIndex{rows: map[indexRow]bool{}, names: names, ons: map[areaKey]string{}}
	for k, a := range names {
		if a.ods != "" {
			x.ons[areaKey{k.level, a.ods}] = k.code
		}
	}
	return x
}

// onsCode turns an NHS code (00T, QOP) into its ONS code when the loaded
// names pair them; "" when the code is neither a known NHS code nor ONS.
func (x *areaIndex) onsCode(level, code string) string {
	if level == LevelPCN || onsCode.MatchString(code) {
		return code
	}
	return x.ons[areaKey{level, code}]
}

// overlap records that all the given areas share ground.
func (x *areaIndex) overlap(ms ...member) {
	var ok []member
	for _, m := range ms {
		if m.code = x.onsCode(m.level, m.code); m.code != "" && coverageLevels[m.level] {
			ok = append(ok, m)
		}
	}
	for _, a := range ok {
		for _, b := range ok {
			x.rows[indexRow{a.level, a.code, b.code}] = true
		}
	}
}

func placeMembers(p place, pcn string) []member {
	return []member{{LevelLAD, p.lad}, {LevelSubICB, p.sub}, {LevelICB, p.icb}, {LevelRegion, p.region}, {LevelPCN, pcn}}
}

// build fills the index from the resolver's tables and the area names.
func (x *areaIndex) build(r *Resolver) {
	for k, a := range x.names {
		x.overlap(member{k.level, k.code})
		if parent := parentLevel(k.level); parent != "" && a.parent != "" {
			x.overlap(member{k.level, k.code}, member{parent, a.parent})
		}
	}
	for lsoa, p := range r.lookup {
		x.overlap(placeMembers(p, r.lsoaPCN[lsoa])...)
	}
	type combo struct {
		p   place
		pcn string
	}
	seen := map[combo]bool{}
	for i := range r.postcodes.rows {
		row := &r.postcodes.rows[i]
		lsoa := r.tab.str(row.lsoa)
		c := combo{mergePlace(place{r.tab.str(row.lad), r.tab.str(row.sub), r.tab.str(row.icb), r.tab.str(row.region)}, r.lookup[lsoa]), r.lsoaPCN[lsoa]}
		if !seen[c] {
			seen[c] = true
			x.overlap(placeMembers(c.p, c.pcn)...)
		}
	}
	for _, pcn := range r.lsoaPCN {
		x.overlap(member{LevelPCN, pcn})
	}
	x.addPractices(r)
}

// addPractices: a PCN overlaps where its practices stand and the Sub-ICB
// and ICB that commission them.
func (x *areaIndex) addPractices(r *Resolver) {
	for _, p := range sortedPractices(r.all) {
		if p.pcn == "" || p.active == 0 {
			continue
		}
		req := domain.LocateRequest{Postcodes: []string{p.postcode}}
		if p.hasPoint {
			req.Point = &domain.Point{Lat: p.lat, Lng: p.lng}
		}
		loc := r.Locate(req)
		pcn := member{LevelPCN, p.pcn}
		for _, m := range placeMembers(place{loc.LAD, loc.SubICB, loc.ICB, loc.Region}, "") {
			x.overlap(pcn, m)
		}
		x.overlap(pcn, member{LevelSubICB, p.sub})
		x.overlap(pcn, member{LevelICB, p.icb})
	}
}

func parentLevel(level string) string {
	return map[string]string{LevelPCN: LevelSubICB, LevelSubICB: LevelICB, LevelLAD: LevelRegion}[level]
}

// sorted lists the index rows with their names, in key order.
func (x *areaIndex) sorted() []indexEntry {
	out := make([]indexEntry, 0, len(x.rows))
	for k := range x.rows {
		name := ""
		if a := x.names[areaKey{k.level, k.code}]; a != nil {
			name = a.name
		}
		out = append(out, indexEntry{k, name})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].less(out[b]) })
	return out
}

type indexEntry struct {
	indexRow
	name string
}

func (e indexEntry) less(o indexEntry) bool {
	if e.level != o.level {
		return e.level < o.level
	}
	if e.code != o.code {
		return e.code < o.code
	}
	return e.place < o.place
}

// Refresh rebuilds the area index the coverage query lists areas from (every
// area at each level, with the places it overlaps). Import calls it; call it
// yourself after loading files with other tools. When nothing changed it
// writes nothing.
func Refresh(ctx context.Context, st store.Store) error {
	r, err := Load(ctx, st)
	if err != nil {
		return fmt.Errorf("rebuild the area index: %w", err)
	}
	rk, err := loadRanks(ctx, st)
	if err != nil {
		return err
	}
	names, err := loadAreas(ctx, st, rk)
	if err != nil {
		return err
	}
	x := newAreaIndex(names)
	x.build(r)
	return writeIndex(ctx, st, x.sorted())
}
