package score

import (
	"strconv"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// inUKBox: numeric latitude and longitude inside lat 49.8–60.9, long
// −8.7–1.8, compared exactly as decimals (§8.6.3).
func inUKBox(lat, lng *jsonld.Value) bool {
	return jsonld.IsNumber(lat) && jsonld.IsNumber(lng) &&
		jsonld.Between(lat.S, "49.8", "60.9") && jsonld.Between(lng.S, "-8.7", "1.8")
}

// point converts numbers already checked exactly; the float is only handed
// to the resolver, never used for a score.
func point(lat, lng *jsonld.Value) domain.Point {
	la, _ := strconv.ParseFloat(lat.S, 64)
	lo, _ := strconv.ParseFloat(lng.S, 64)
	return domain.Point{Lat: la, Lng: lo}
}

// readGeo adds one location.geo object, in document order.
func readGeo(g *jsonld.Value, f *objFacts) {
	lat, lng := g.Get("latitude"), g.Get("longitude")
	f.flags |= flagGeo
	if !f.flags.has(flagGeoUK) && inUKBox(lat, lng) {
		f.flags |= flagGeoUK
		f.more().geo.ukPoint = point(lat, lng)
	}
	if !f.flags.has(flagGeoSwapped) && inUKBox(lng, lat) {
		f.flags |= flagGeoSwapped
		f.more().geo.swapPoint = point(lng, lat)
	}
}

// spGeo is sp.5; swapped pairs fail.
func spGeo(v *view) outcome {
	if (v.online && v.flags.has(flagVirtual)) || v.flags.has(flagGeoUK) {
		return pass()
	}
	switch {
	case v.flags.has(flagGeoSwapped):
		return fail("latitude and longitude are the wrong way round")
	case v.flags.has(flagGeo):
		return fail("location.geo has no numeric latitude/longitude inside the UK")
	}
	return fail("no location.geo coordinates")
}

// readCost reads sp.6 (§8.6.4) for one object: whether it passes, else the
// last reason met in it.
func readCost(obj *keyed, f *objFacts) {
	pass, why := cost(obj)
	f.set(flagCostPass, pass)
	if !pass && why != "" {
		f.flags |= flagCostWhy
		f.more().costWhy = why
	}
}

func cost(obj *keyed) (pass bool, why string) {
	if free := obj.get(kFree); free != nil && free.Kind == jsonld.Bool && free.B {
		return true, ""
	}
	for o := range jsonld.EachObject(obj.get(kOffers)) {
		p := o.Get("price")
		if !jsonld.IsNumber(p) {
			if jsonld.Present(p) {
				why = "the offer's price is not a number (write 5.0, not \"5.00\")"
			}
			continue
		}
		if jsonld.CmpNumber(p.S, "0") < 0 {
			why = "the offer's price is negative"
			continue
		}
		cur, ok := o.Get("priceCurrency").Str()
		if jsonld.IsZero(p.S) || (ok && jsonld.Trim(cur) != "") {
			return true, ""
		}
		why = "the offer has a price but no priceCurrency"
	}
	return false, why
}

// spCost is sp.6: the reason is the last one met in source order.
func spCost(v *view) outcome {
	switch {
	case v.flags.has(flagCostPass):
		return pass()
	case v.flags.has(flagCostWhy):
		for i := len(v.srcs) - 1; ; i-- {
			if v.srcs[i].flags.has(flagCostWhy) {
				return fail(v.srcs[i].costWhy)
			}
		}
	}
	return fail("no offers with a price and no isAccessibleForFree")
}

// readOrganisers reads the objects in organizer, then provider (§8.5);
// any object counts, whatever its @type.
func readOrganisers(obj *keyed, f *objFacts, ms *memos) {
	for _, k := range [...]pkey{kOrganizer, kProvider} {
		for o := range jsonld.EachObject(obj.get(k)) {
			f.orgs = append(f.orgs, readOrg(o, ms))
		}
	}
}

// hasContactPoint: a beta:contactPoint value holding an object with a
// present email, telephone or url.
func hasContactPoint(cp *jsonld.Value) bool {
	for c := range jsonld.EachObject(cp) {
		if jsonld.Present(c.Get("email")) || jsonld.Present(c.Get("telephone")) || jsonld.Present(c.Get("url")) {
			return true
		}
	}
	return false
}

// spContact is sp.7.
func spContact(v *view) outcome {
	for _, o := range v.orgs {
		if o.contact {
			return pass()
		}
	}
	if v.flags.has(flagContactPoint) {
		return pass()
	}
	if len(v.orgs) == 0 {
		return fail("no organizer or provider, and no beta:contactPoint")
	}
	return fail("the organiser has no email or telephone, and there is no beta:contactPoint")
}

// spOrganiser is sp.8: name and url in one organiser.
func spOrganiser(v *view) outcome {
	for _, o := range v.orgs {
		if o.nameURL {
			return pass()
		}
	}
	if len(v.orgs) == 0 {
		return fail("no organizer or provider")
	}
	return fail("no organiser has both a name and a url")
}

// hasImage: sp.9's image with an absolute http(s) url (§8.6.5).
func hasImage(obj *keyed) bool {
	for it := range jsonld.EachItem(obj.get(kImage)) {
		if jsonld.IsAbsURLValue(it) || (it.IsObject() && jsonld.IsAbsURLValue(it.Get("url"))) {
			return true
		}
	}
	return false
}

// spImage is sp.9.
func spImage(v *view) outcome {
	if v.flags.has(flagImage) {
		return pass()
	}
	return fail("no image with an absolute http(s) url")
}

// The properties of sp.10, sp.11, sp.12 and sp.14.
var (
	accessibilityKeys, _ = maskOf("accessibilitySupport", "accessibilityInformation", "beta:isWheelchairAccessible")
	levelKeys, _         = maskOf("level", "category")
	instructionKeys, _   = maskOf("attendeeInstructions", "meetingPoint", "beta:participantSuppliedEquipment")
	leaderKeys, _        = maskOf("leader", "contributor", "isCoached")
)

// anyPresent passes when some source has one of the properties.
func anyPresent(v *view, keys keyMask, why string) outcome {
	if v.present&keys != 0 {
		return pass()
	}
	return fail(why)
}

// suits: sp.13's ageRange with a minValue or maxValue ≥ 0, or a
// genderRestriction (§8.6.6).
func suits(obj *keyed) bool {
	for r := range jsonld.EachObject(obj.get(kAgeRange)) {
		for _, k := range [...]string{"minValue", "maxValue"} {
			if v := r.Get(k); jsonld.IsNumber(v) && jsonld.CmpNumber(v.S, "0") >= 0 {
				return true
			}
		}
	}
	return jsonld.Present(obj.get(kGenderRestriction))
}

// spSuits is sp.13.
func spSuits(v *view) outcome {
	if v.flags.has(flagSuits) {
		return pass()
	}
	return fail("no ageRange with a minValue or maxValue, and no genderRestriction")
}
