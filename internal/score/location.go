package score

import (
	"github.com/feedgauge/feedgauge/internal/domain"
)

// locateRequest builds what the geography resolver needs (§8.10, §8.14.5):
// the valid normalised postcodes of the sources in order, the first geo
// passing sp.5 (else the first whose swap passes, flagged), and whether the
// activity is online. A `location` that is a string is not resolved.
func locateRequest(v *view) domain.LocateRequest {
	req := domain.LocateRequest{Online: v.online}
	var seen map[string]bool // only for long lists; short ones are scanned
	for _, src := range v.srcs {
		for _, pc := range src.postcodes {
			if !hasString(req.Postcodes, pc, &seen) {
				req.Postcodes = append(req.Postcodes, pc)
			}
		}
	}
	for _, src := range v.srcs {
		if src.flags.has(flagGeoUK) {
			p := src.geo.ukPoint
			req.Point = &p
			return req
		}
	}
	for _, src := range v.srcs {
		if src.flags.has(flagGeoSwapped) {
			p := src.geo.swapPoint
			req.Point, req.Swapped = &p, true
			return req
		}
	}
	return req
}

// hasString reports whether list holds s, switching to a set once the list
// is long so hostile inputs stay linear. The caller appends s to list when
// it is not there; the set (nil until needed) then already holds it.
func hasString(list []string, s string, set *map[string]bool) bool {
	if len(list) < 16 {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	}
	if *set == nil {
		*set = make(map[string]bool, 2*len(list))
		for _, x := range list {
			(*set)[x] = true
		}
	}
	if (*set)[s] {
		return true
	}
	(*set)[s] = true // the caller appends s
	return false
}

// firstPostcode is the first valid postcode of the sources.
func firstPostcode(srcs []*objFacts) string {
	for _, src := range srcs {
		if len(src.postcodes) > 0 {
			return src.postcodes[0]
		}
	}
	return ""
}

// locate resolves the location; without a Locator everything is "online"
// or "unlocated". The postcode column falls back to the first valid one.
// The request is only built when a Locator or an explanation reads it.
func (s *scorer) locate(v *view) (domain.Location, domain.LocateRequest) {
	var loc domain.Location
	var req domain.LocateRequest
	if s.ref.Locator != nil || s.explain {
		req = locateRequest(v)
	}
	if s.ref.Locator != nil {
		loc = s.ref.Locator.Locate(req)
	} else if v.online {
		loc.Method = domain.LocOnline
	} else {
		loc.Method = domain.LocUnlocated
	}
	if loc.Postcode == "" {
		loc.Postcode = firstPostcode(v.srcs)
	}
	return loc, req
}
