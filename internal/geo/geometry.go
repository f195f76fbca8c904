package geo

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// minorLoop is the largest share of a ring's area that a self-crossing may
// cut off and still count as a rounding artefact rather than a wrong shape
// (a bow-tie cuts off about half).
const minorLoop = 0.01

// cleanPolygon checks a polygon for point-in-polygon use. It returns the
// polygon without rings that have no area (nil when its outer ring has
// none), a reason when the polygon cannot be used, and a note when it was
// changed or is used despite tiny self-crossings (rings of published files
// rounded to a few decimals often have them; the even-odd rule handles them
// within metres).
func cleanPolygon(p orb.Polygon) (orb.Polygon, string, string) {
	if len(p) == 0 {
		return nil, "empty polygon", ""
	}
	for _, ring := range p {
		if why := ringProblem(ring); why != "" {
			return nil, why, ""
		}
	}
	minor := 0
	for _, c := range crossings(p) {
		if !c.minor(p) {
			return nil, fmt.Sprintf("self-intersecting polygon (edges cross near %.5f, %.5f)", c.at[1], c.at[0]), ""
		}
		minor++
	}
	out, note := dropFlatRings(p)
	if minor > 0 && out != nil {
		note = fmt.Sprintf("polygon has %d tiny self-crossing(s), as rounding leaves; used as is", minor)
	}
	return out, "", note
}

// dropFlatRings removes holes with no area, or the whole part when its
// outer ring has none.
func dropFlatRings(p orb.Polygon) (orb.Polygon, string) {
	if ringArea(p[0]) == 0 {
		return nil, "a polygon part with no area was dropped"
	}
	out := orb.Polygon{p[0]}
	for _, r := range p[1:] {
		if ringArea(r) != 0 {
			out = append(out, r)
		}
	}
	return out, ""
}

func ringProblem(r orb.Ring) string {
	if len(r) < 4 {
		return "polygon ring has fewer than 4 positions"
	}
	if r[0] != r[len(r)-1] {
		return "polygon ring is not closed (first and last positions differ)"
	}
	for _, pt := range r {
		if why := checkPoint(pt[1], pt[0]); why != "" {
			return "polygon " + why
		}
	}
	return ""
}

// ringArea is twice the signed planar area (shoelace).
func ringArea(r orb.Ring) float64 {
	var a float64
	for i := 0; i+1 < len(r); i++ {
		a += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return a
}

// crossing is where two edges of a polygon cross.
type crossingAt struct {
	s, t seg
	at   orb.Point
}

// minor reports whether the crossing only cuts a sliver off one ring.
func (c crossingAt) minor(p orb.Polygon) bool {
	if c.s.ring != c.t.ring {
		return false
	}
	r := p[c.s.ring]
	i, j := c.s.i, c.t.i
	if i > j {
		i, j = j, i
	}
	loop := orb.Ring{c.at}
	loop = append(loop, r[i+1:j+1]...)
	loop = append(loop, c.at)
	a, total := math.Abs(ringArea(loop)), math.Abs(ringArea(loop))+math.Abs(ringArea(r)-ringArea(loop))
	return total > 0 && math.Min(a, total-a) <= minorLoop*total
}

// seg is one polygon edge: its ring, its position among the ring's edges
// (to tell neighbours) and its first vertex i in the ring.
type seg struct {
	a, b       orb.Point
	ring, pos  int
	ringLen, i int
	minX, maxX float64
}

// maxCrossings bounds the search: a shape crossing itself this often is
// wrong whatever the sizes.
const maxCrossings = 50

// crossings finds edges of a polygon (any of its rings) that cross, or
// overlap along a line, other than neighbours sharing a vertex. Rings
// touching at a single point are allowed. It sweeps the edges in x order,
// which is close to linear for real boundaries.
func crossings(p orb.Polygon) []crossingAt {
	segs := polygonSegs(p)
	sort.Slice(segs, func(i, j int) bool { return segs[i].minX < segs[j].minX })
	var out []crossingAt
	for i := range segs {
		s := &segs[i]
		for j := i + 1; j < len(segs) && segs[j].minX <= s.maxX; j++ {
			t := &segs[j]
			if neighbours(s, t) {
				continue
			}
			if at, ok := crossing(s.a, s.b, t.a, t.b); ok {
				out = append(out, crossingAt{*s, *t, at})
				if len(out) >= maxCrossings {
					return out
				}
			}
		}
	}
	return out
}

func polygonSegs(p orb.Polygon) []seg {
	var out []seg
	for ri, r := range p {
		var rs []seg
		for i := 0; i+1 < len(r); i++ {
			if r[i] == r[i+1] {
				continue // repeated position: harmless
			}
			rs = append(rs, seg{a: r[i], b: r[i+1], ring: ri, pos: len(rs), i: i,
				minX: math.Min(r[i][0], r[i+1][0]), maxX: math.Max(r[i][0], r[i+1][0])})
		}
		for i := range rs {
			rs[i].ringLen = len(rs)
		}
		out = append(out, rs...)
	}
	return out
}

func neighbours(s, t *seg) bool {
	if s.ring != t.ring {
		return false
	}
	d := s.pos - t.pos
	if d < 0 {
		d = -d
	}
	return d == 1 || d == s.ringLen-1
}

func orient(a, b, c orb.Point) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

// crossing reports a proper crossing of segments ab and cd, or a
// collinear overlap of positive length.
func crossing(a, b, c, d orb.Point) (orb.Point, bool) {
	o1, o2 := orient(a, b, c), orient(a, b, d)
	o3, o4 := orient(c, d, a), orient(c, d, b)
	if o1*o2 < 0 && o3*o4 < 0 {
		t := o1 / (o1 - o2)
		return orb.Point{c[0] + t*(d[0]-c[0]), c[1] + t*(d[1]-c[1])}, true
	}
	if o1 == 0 && o2 == 0 && o3 == 0 && o4 == 0 {
		return collinearOverlap(a, b, c, d)
	}
	return orb.Point{}, false
}

func collinearOverlap(a, b, c, d orb.Point) (orb.Point, bool) {
	axis := 0
	if math.Abs(b[0]-a[0]) < math.Abs(b[1]-a[1]) {
		axis = 1
	}
	lo1, hi1 := math.Min(a[axis], b[axis]), math.Max(a[axis], b[axis])
	lo2, hi2 := math.Min(c[axis], d[axis]), math.Max(c[axis], d[axis])
	if math.Min(hi1, hi2) > math.Max(lo1, lo2) {
		return c, true
	}
	return orb.Point{}, false
}
