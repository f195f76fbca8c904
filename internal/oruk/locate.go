package oruk

import (
	"sort"
	"strconv"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/oruk/sniff"
	"github.com/feedgauge/feedgauge/internal/postcode"
	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// locateRequest is what the geography resolver gets for a service, by the
// OpenActive rules (scoring.md §8.10): the valid postcodes of its location
// addresses in order, the first location whose latitude and longitude lie
// in the UK box (else the first whose swap does, flagged), and whether the
// service is online (every location virtual).
func locateRequest(v *view) domain.LocateRequest {
	req := domain.LocateRequest{Online: v.online}
	seen := map[string]bool{}
	for _, a := range v.addresses {
		if pc, ok := postcode.Normalise(text(a, "postal_code")); ok && !seen[pc] {
			seen[pc] = true
			req.Postcodes = append(req.Postcodes, pc)
		}
	}
	for _, swap := range []bool{false, true} {
		for _, loc := range v.locations {
			lat, lng := loc.Get("latitude"), loc.Get("longitude")
			if swap {
				lat, lng = lng, lat
			}
			if p, ok := ukPoint(lat, lng); ok {
				req.Point, req.Swapped = &p, swap
				return req
			}
		}
	}
	return req
}

// ukPoint reads numeric coordinates inside lat 49.8–60.9, long −8.7–1.8.
func ukPoint(lat, lng *jsonld.Value) (domain.Point, bool) {
	if !jsonld.IsNumber(lat) || !jsonld.IsNumber(lng) ||
		!jsonld.Between(lat.S, "49.8", "60.9") || !jsonld.Between(lng.S, "-8.7", "1.8") {
		return domain.Point{}, false
	}
	a, err1 := strconv.ParseFloat(lat.S, 64)
	b, err2 := strconv.ParseFloat(lng.S, 64)
	if err1 != nil || err2 != nil {
		return domain.Point{}, false
	}
	return domain.Point{Lat: a, Lng: b}, true
}

// locate resolves a service's location; without a locator it is "online"
// or "unlocated", with the first valid postcode kept.
func (s *Scorer) locate(v *view) domain.Location {
	req := locateRequest(v)
	if s.locator != nil {
		return s.locator.Locate(req)
	}
	loc := domain.Location{Method: domain.LocUnlocated}
	if req.Online {
		loc.Method = domain.LocOnline
	}
	if len(req.Postcodes) > 0 {
		loc.Postcode = req.Postcodes[0]
	}
	return loc
}

// organiser is the organization's name and its key for distinct counts: its
// id, else its website's host key (scoring.md §8.9), else its normalised name.
func (s *Scorer) organiser(v *view) (name, key string) {
	if v.org == nil {
		return "", ""
	}
	name = text(v.org, "name")
	switch {
	case text(v.org, "@id") != "":
		key = text(v.org, "@id")
	case score.HostKey(text(v.org, "website"), s.shared) != "":
		key = score.HostKey(text(v.org, "website"), s.shared)
	default:
		key = score.Norm(name)
	}
	return name, key
}

// activityTypes are the OpenActive Activity List ids a service's taxonomy
// terms name (by term_uri, id or the term id), sorted: ORUK feeds built
// from OpenActive data use them, and coverage counts them as activity types.
func (s *Scorer) activityTypes(v *view) []string {
	if s.vocab == nil {
		return []string{}
	}
	seen := map[string]bool{}
	for _, t := range v.terms {
		for _, k := range []string{"term_uri", "@id", "term"} {
			if id := text(t, k); s.vocab.Has(id) {
				seen[id] = true
			}
		}
	}
	for _, id := range v.termIDs {
		if str, ok := id.Str(); ok && s.vocab.Has(jsonld.Trim(str)) {
			seen[jsonld.Trim(str)] = true
		}
	}
	out := make([]string, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

func stubServiceURL(stub, id string) string { return sniff.ServiceURL(stub, id) }
