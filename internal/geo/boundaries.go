package geo

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/tidwall/rtree"

	"github.com/feedgauge/feedgauge/internal/store"
)

// lsoaPoly is one loaded LSOA boundary.
type lsoaPoly struct {
	code    string
	is2021  bool
	polygon *polyIndex
	// centre is the polygon's area centroid, where a map places the LSOA.
	centre orb.Point
}

// boundarySet finds the LSOA containing a point: an R-tree of bounding
// boxes narrows the candidates, the banded polygon index decides.
type boundarySet struct {
	polys []lsoaPoly
	tree  rtree.RTreeG[int32]
}

func (s *boundarySet) add(code, edition string, mp orb.MultiPolygon) {
	b := mp.Bound()
	s.tree.Insert([2]float64{b.Min[0], b.Min[1]}, [2]float64{b.Max[0], b.Max[1]}, int32(len(s.polys)))
	c, _ := planar.CentroidArea(mp)
	s.polys = append(s.polys, lsoaPoly{code: code, is2021: edition != "2011", polygon: newPolyIndex(mp), centre: c})
}

// lsoaAt returns the LSOA containing (lat, lng), or "". When several
// contain it, LSOA 2021 beats 2011, then the lowest code wins.
func (s *boundarySet) lsoaAt(lat, lng float64) string {
	best := int32(-1)
	pt := [2]float64{lng, lat}
	s.tree.Search(pt, pt, func(_, _ [2]float64, i int32) bool {
		p := &s.polys[i]
		if p.polygon.contains(lng, lat) && (best < 0 || s.better(i, best)) {
			best = i
		}
		return true
	})
	if best < 0 {
		return ""
	}
	return s.polys[best].code
}

func (s *boundarySet) better(i, j int32) bool {
	a, b := &s.polys[i], &s.polys[j]
	if a.is2021 != b.is2021 {
		return a.is2021
	}
	return a.code < b.code
}

type rankedBoundary struct {
	rank                    int
	code, edition, geometry string
}

// loadBoundaries reads the LSOA polygons; where several vintages hold an
// LSOA, the latest import wins.
func loadBoundaries(ctx context.Context, st store.Store, rk *ranks) (*boundarySet, error) {
	rows, err := st.Query(ctx, "SELECT vintage, lsoa, edition, geometry FROM geo_lsoa_boundaries"+st.Final())
	if err != nil {
		return nil, fmt.Errorf("read LSOA boundaries: %w", err)
	}
	defer rows.Close()
	latest := map[string]rankedBoundary{}
	var order []string
	for rows.Next() {
		var vintage string
		var b rankedBoundary
		if err := rows.Scan(&vintage, &b.code, &b.edition, &b.geometry); err != nil {
			return nil, fmt.Errorf("read LSOA boundaries: %w", err)
		}
		b.rank = rk.of("lsoa-boundaries", vintage)
		if old, ok := latest[b.code]; !ok || b.rank >= old.rank {
			if !ok {
				order = append(order, b.code)
			}
			latest[b.code] = b
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	set := &boundarySet{}
	for _, code := range order {
		b := latest[code]
		var g struct{ Coordinates orb.MultiPolygon }
		if err := json.Unmarshal([]byte(b.geometry), &g); err != nil {
			return nil, fmt.Errorf("LSOA %s: stored geometry is not GeoJSON: %w", code, err)
		}
		set.add(code, b.edition, g.Coordinates)
	}
	return set, nil
}
