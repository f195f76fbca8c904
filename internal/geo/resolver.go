package geo

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/feedgauge/feedgauge/internal/store"
)

// Resolver places activities from the geography loaded in a store. It is
// read-only after Load and safe for concurrent use.
type Resolver struct {
	tab       *strtab
	postcodes *pcIndex
	bounds    *boundarySet
	lookup    map[string]place  // LSOA → place, from the LSOA lookups
	lsoaPCN   map[string]string // LSOA → PCN, from the LSOA-to-PCN tables
	practices *practiceSet
	all       map[string]*practice
	vintages  string
}

// Load builds the in-memory indexes from the geography tables.
func Load(ctx context.Context, st store.Store) (*Resolver, error) {
	rk, err := loadRanks(ctx, st)
	if err != nil {
		return nil, err
	}
	r := &Resolver{tab: newStrtab(), vintages: vintageText(rk)}
	if r.postcodes, err = loadPostcodes(ctx, st, rk, r.tab); err != nil {
		return nil, err
	}
	if r.bounds, err = loadBoundaries(ctx, st, rk); err != nil {
		return nil, err
	}
	if r.lookup, err = loadLookup(ctx, st, rk); err != nil {
		return nil, err
	}
	if r.lsoaPCN, err = loadLSOAPCN(ctx, st, rk); err != nil {
		return nil, err
	}
	if r.all, err = loadPracticesRanked(ctx, st, rk); err != nil {
		return nil, err
	}
	r.placePractices()
	r.practices = newPracticeSet(sortedPractices(r.all))
	return r, nil
}

// placePractices gives practices without coordinates their postcode's
// point from the directory.
func (r *Resolver) placePractices() {
	for _, p := range r.all {
		if p.hasPoint || p.postcode == "" {
			continue
		}
		if row, ok := r.postcodes.find(p.postcode); ok && row.hasPoint {
			p.lat, p.lng, p.hasPoint = row.lat, row.lng, true
		}
	}
}

// Vintages lists the loaded editions per kind, e.g. "lsoa-boundaries=…;
// postcodes=2025-03", for a snapshot's provenance.
func (r *Resolver) Vintages() string { return r.vintages }

func vintageText(rk *ranks) string {
	kinds := make([]string, 0, len(rk.vintages))
	for k := range rk.vintages {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = k + "=" + strings.Join(rk.vintages[k], ",")
	}
	return strings.Join(parts, "; ")
}

// Counts says how much geography is loaded, for logs and the method page.
func (r *Resolver) Counts() string {
	return fmt.Sprintf("%d postcodes, %d LSOA boundaries, %d LSOAs in lookups, %d LSOAs with a PCN, %d practices that can be nearest",
		len(r.postcodes.keys), len(r.bounds.polys), len(r.lookup), len(r.lsoaPCN), len(r.practices.list))
}

// LSOAPCNs gives each loaded LSOA boundary a PCN for drawing PCN areas on a
// map: the LSOA-to-PCN table's, else the PCN of the nearest active practice
// to the LSOA's centroid within 5 km (the method's fallback, §8.10, applied
// to the centroid). Activities are never placed this way; only maps use it.
func (r *Resolver) LSOAPCNs() map[string]string {
	out := make(map[string]string, len(r.bounds.polys))
	for _, p := range r.bounds.polys {
		if pcn := r.lsoaPCN[p.code]; pcn != "" {
			out[p.code] = pcn
			continue
		}
		if pr := r.practices.nearest(p.centre.Lat(), p.centre.Lon()); pr != nil && pr.pcn != "" {
			out[p.code] = pr.pcn
		}
	}
	return out
}
