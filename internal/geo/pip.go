package geo

import (
	"github.com/paulmach/orb"
)

// polyIndex answers point-in-polygon for one LSOA by the even-odd rule
// over every ring of every part. Edges are bucketed into horizontal bands,
// so a test looks at the few edges near the point's latitude instead of
// all of them: full-detail boundaries have hundreds of vertices each.
type polyIndex struct {
	minY, bandH float64
	starts      []int32 // band b's edges are edges[starts[b]:starts[b+1]]
	edges       []pipEdge
}

// pipEdge is a non-horizontal edge: x = x1 + (y - y1) * k for y in [y1, y2).
type pipEdge struct{ y1, y2, x1, k float64 }

const (
	edgesPerBand = 4
	maxBands     = 4096
)

func newPolyIndex(mp orb.MultiPolygon) *polyIndex {
	var edges []pipEdge
	b := mp.Bound()
	for _, p := range mp {
		for _, r := range p {
			for i := 0; i+1 < len(r); i++ {
				a, c := r[i], r[i+1]
				if a[1] == c[1] {
					continue // horizontal: never crossed by a horizontal ray test
				}
				if a[1] > c[1] {
					a, c = c, a
				}
				edges = append(edges, pipEdge{a[1], c[1], a[0], (c[0] - a[0]) / (c[1] - a[1])})
			}
		}
	}
	nb := min(max(len(edges)/edgesPerBand, 1), maxBands)
	x := &polyIndex{minY: b.Min[1], bandH: (b.Max[1] - b.Min[1]) / float64(nb)}
	if x.bandH == 0 {
		x.bandH = 1
	}
	x.fill(edges, nb)
	return x
}

// fill buckets edges into nb bands (counting first, then placing).
func (x *polyIndex) fill(edges []pipEdge, nb int) {
	counts := make([]int32, nb+1)
	for _, e := range edges {
		lo, hi := x.band(e.y1, nb), x.band(e.y2, nb)
		for b := lo; b <= hi; b++ {
			counts[b+1]++
		}
	}
	for b := 1; b <= nb; b++ {
		counts[b] += counts[b-1]
	}
	x.starts = counts
	x.edges = make([]pipEdge, counts[nb])
	next := append([]int32(nil), counts[:nb]...)
	for _, e := range edges {
		lo, hi := x.band(e.y1, nb), x.band(e.y2, nb)
		for b := lo; b <= hi; b++ {
			x.edges[next[b]] = e
			next[b]++
		}
	}
}

func (x *polyIndex) band(y float64, nb int) int {
	b := int((y - x.minY) / x.bandH)
	return min(max(b, 0), nb-1)
}

// contains tests a point (lng, lat) by the even-odd rule. A point exactly on
// an edge falls on one side consistently (half-open in y, strict in x).
func (x *polyIndex) contains(lng, lat float64) bool {
	nb := len(x.starts) - 1
	b := x.band(lat, nb)
	inside := false
	for _, e := range x.edges[x.starts[b]:x.starts[b+1]] {
		if lat >= e.y1 && lat < e.y2 && lng < e.x1+(lat-e.y1)*e.k {
			inside = !inside
		}
	}
	return inside
}
