package geo

import (
	"math"

	"github.com/tidwall/rtree"
)

const (
	// earthRadius is the mean Earth radius in metres used for haversine.
	earthRadius = 6371008.8
	// nearestLimit is how far a nearest practice may be (scoring.md §8.10).
	nearestLimit = 5000.0
	rad          = math.Pi / 180
)

// practiceSet finds the nearest active GP practice to a point.
type practiceSet struct {
	list []*practice
	trig []halfTrig
	tree rtree.RTreeG[int32]
}

// halfTrig holds sin and cos of half a practice's latitude and longitude
// (radians) and cos of its latitude, so the haversine of a query needs no
// trigonometry per candidate: sin((a-b)/2) = sin(a/2)cos(b/2) - cos(a/2)sin(b/2).
type halfTrig struct{ sLat, cLat, sLng, cLng, cosLat float64 }

func newHalfTrig(lat, lng float64) halfTrig {
	sLat, cLat := math.Sincos(lat * rad / 2)
	sLng, cLng := math.Sincos(lng * rad / 2)
	return halfTrig{sLat, cLat, sLng, cLng, math.Cos(lat * rad)}
}

// hav is the haversine term a = sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2);
// the distance is 2R·asin(√a), increasing with a.
func (p halfTrig) hav(q halfTrig) float64 {
	dLat := p.sLat*q.cLat - p.cLat*q.sLat
	dLng := p.sLng*q.cLng - p.cLng*q.sLng
	return dLat*dLat + p.cosLat*q.cosLat*dLng*dLng
}

func havDistance(a float64) float64 { return 2 * earthRadius * math.Asin(math.Min(1, math.Sqrt(a))) }

// newPracticeSet indexes the active practices that have a location.
func newPracticeSet(ps []*practice) *practiceSet {
	s := &practiceSet{}
	for _, p := range ps {
		if p.active != 1 || !p.hasPoint {
			continue
		}
		pt := [2]float64{p.lng, p.lat}
		s.tree.Insert(pt, pt, int32(len(s.list)))
		s.list = append(s.list, p)
		s.trig = append(s.trig, newHalfTrig(p.lat, p.lng))
	}
	return s
}

// nearest returns the closest practice within 5,000 m by haversine
// distance, ties to the lowest practice code; nil when none is that close.
func (s *practiceSet) nearest(lat, lng float64) *practice {
	dLat := nearestLimit / earthRadius / rad * 1.01
	dLng := dLat / math.Max(math.Cos(lat*rad), 0.01)
	q := newHalfTrig(lat, lng)
	best, bestA := int32(-1), 0.0
	s.tree.Search([2]float64{lng - dLng, lat - dLat}, [2]float64{lng + dLng, lat + dLat}, func(_, _ [2]float64, i int32) bool {
		a := s.trig[i].hav(q)
		if best < 0 || a < bestA || (a == bestA && s.list[i].code < s.list[best].code) {
			best, bestA = i, a
		}
		return true
	})
	if best < 0 || havDistance(bestA) > nearestLimit {
		return nil
	}
	return s.list[best]
}

// haversine is the great-circle distance in metres.
func haversine(lat1, lng1, lat2, lng2 float64) float64 {
	return havDistance(newHalfTrig(lat1, lng1).hav(newHalfTrig(lat2, lng2)))
}
