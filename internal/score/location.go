package score

import (
	"strconv"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// locateRequest builds what the geography resolver needs (§8.10, §8.14.5):
// the valid normalised postcodes of the sources in order, the first geo
// passing sp.5 (else the first whose swap passes, flagged), and whether the
// activity is online. A `location` that is a string is not resolved.
func locateRequest(a *activity) domain.LocateRequest {
	req := domain.LocateRequest{Online: a.online}
	seen := map[string]bool{}
	eachPostcode(a.sources, func(pc string) {
		if !seen[pc] {
			seen[pc] = true
			req.Postcodes = append(req.Postcodes, pc)
		}
	})
	eachGeo(a.sources, func(g *jsonld.Value) bool {
		if lat, lng := g.Get("latitude"), g.Get("longitude"); inUKBox(lat, lng) {
			req.Point, req.Swapped = point(lat, lng), false
			return true
		}
		return false
	})
	if req.Point == nil {
		eachGeo(a.sources, func(g *jsonld.Value) bool {
			if lat, lng := g.Get("latitude"), g.Get("longitude"); inUKBox(lng, lat) {
				req.Point, req.Swapped = point(lng, lat), true
				return true
			}
			return false
		})
	}
	return req
}

// point converts numbers already checked exactly; the float is only handed
// to the resolver, never used for a score.
func point(lat, lng *jsonld.Value) *domain.Point {
	la, _ := strconv.ParseFloat(lat.S, 64)
	lo, _ := strconv.ParseFloat(lng.S, 64)
	return &domain.Point{Lat: la, Lng: lo}
}

// locate resolves the location; without a Locator everything is "online"
// or "unlocated". The postcode column falls back to the first valid one.
func (s *scorer) locate(req domain.LocateRequest) domain.Location {
	var loc domain.Location
	if s.ref.Locator != nil {
		loc = s.ref.Locator.Locate(req)
	} else if req.Online {
		loc.Method = domain.LocOnline
	} else {
		loc.Method = domain.LocUnlocated
	}
	if loc.Postcode == "" && len(req.Postcodes) > 0 {
		loc.Postcode = req.Postcodes[0]
	}
	return loc
}
