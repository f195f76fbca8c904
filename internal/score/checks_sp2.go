package score

import "github.com/feedgauge/feedgauge/internal/score/jsonld"

// inUKBox: numeric latitude and longitude inside lat 49.8–60.9, long
// −8.7–1.8, compared exactly as decimals (§8.6.3).
func inUKBox(lat, lng *jsonld.Value) bool {
	return jsonld.IsNumber(lat) && jsonld.IsNumber(lng) &&
		jsonld.Between(lat.S, "49.8", "60.9") && jsonld.Between(lng.S, "-8.7", "1.8")
}

// eachGeo visits every location.geo object of the sources in order.
func eachGeo(srcs []*jsonld.Value, f func(geo *jsonld.Value) bool) {
	for _, src := range srcs {
		for _, pl := range places(src) {
			for _, g := range jsonld.Objects(pl.Get("geo")) {
				if f(g) {
					return
				}
			}
		}
	}
}

// spGeo is sp.5; swapped pairs fail.
func spGeo(a *activity) outcome {
	if a.online && virtualURL(a) {
		return pass()
	}
	ok, swapped, any := false, false, false
	eachGeo(a.sources, func(g *jsonld.Value) bool {
		any = true
		lat, lng := g.Get("latitude"), g.Get("longitude")
		ok = inUKBox(lat, lng)
		swapped = swapped || inUKBox(lng, lat)
		return ok
	})
	switch {
	case ok:
		return pass()
	case swapped:
		return fail("latitude and longitude are the wrong way round")
	case any:
		return fail("location.geo has no numeric latitude/longitude inside the UK")
	}
	return fail("no location.geo coordinates")
}

// spCost is sp.6 (§8.6.4).
func spCost(a *activity) outcome {
	why := "no offers with a price and no isAccessibleForFree"
	for _, src := range a.sources {
		if f := src.Get("isAccessibleForFree"); f != nil && f.Kind == jsonld.Bool && f.B {
			return pass()
		}
		for _, o := range jsonld.Objects(src.Get("offers")) {
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
				return pass()
			}
			why = "the offer has a price but no priceCurrency"
		}
	}
	return fail(why)
}

// organisers are the objects in organizer, then provider, of each source in
// source order (§8.5); any object counts, whatever its @type.
func (a *activity) organisers() []*jsonld.Value {
	var out []*jsonld.Value
	for _, src := range a.sources {
		out = append(out, jsonld.Objects(src.Get("organizer"))...)
		out = append(out, jsonld.Objects(src.Get("provider"))...)
	}
	return out
}

// contactPoint: an object with a present email, telephone or url.
func hasContactPoint(obj *jsonld.Value) bool {
	for _, c := range jsonld.Objects(obj.Get("beta:contactPoint")) {
		if jsonld.Present(c.Get("email")) || jsonld.Present(c.Get("telephone")) || jsonld.Present(c.Get("url")) {
			return true
		}
	}
	return false
}

// spContact is sp.7.
func spContact(a *activity, orgs []*jsonld.Value) outcome {
	for _, o := range orgs {
		if jsonld.Present(o.Get("email")) || jsonld.Present(o.Get("telephone")) || hasContactPoint(o) {
			return pass()
		}
	}
	for _, src := range a.sources {
		if hasContactPoint(src) {
			return pass()
		}
	}
	if len(orgs) == 0 {
		return fail("no organizer or provider, and no beta:contactPoint")
	}
	return fail("the organiser has no email or telephone, and there is no beta:contactPoint")
}

// spOrganiser is sp.8: name and url in one organiser.
func spOrganiser(orgs []*jsonld.Value) outcome {
	for _, o := range orgs {
		if jsonld.Present(o.Get("name")) && jsonld.Present(o.Get("url")) {
			return pass()
		}
	}
	if len(orgs) == 0 {
		return fail("no organizer or provider")
	}
	return fail("no organiser has both a name and a url")
}

// spImage is sp.9 (§8.6.5).
func spImage(a *activity) outcome {
	for _, src := range a.sources {
		for _, it := range jsonld.Items(src.Get("image")) {
			if jsonld.IsAbsURLValue(it) || (it.IsObject() && jsonld.IsAbsURLValue(it.Get("url"))) {
				return pass()
			}
		}
	}
	return fail("no image with an absolute http(s) url")
}

// anyPresent passes when some source has one of the properties present.
func anyPresent(a *activity, why string, props ...string) outcome {
	for _, src := range a.sources {
		for _, p := range props {
			if jsonld.Present(src.Get(p)) {
				return pass()
			}
		}
	}
	return fail(why)
}

// spSuits is sp.13 (§8.6.6).
func spSuits(a *activity) outcome {
	for _, src := range a.sources {
		for _, r := range jsonld.Objects(src.Get("ageRange")) {
			for _, k := range [...]string{"minValue", "maxValue"} {
				if v := r.Get(k); jsonld.IsNumber(v) && jsonld.CmpNumber(v.S, "0") >= 0 {
					return pass()
				}
			}
		}
		if jsonld.Present(src.Get("genderRestriction")) {
			return pass()
		}
	}
	return fail("no ageRange with a minValue or maxValue, and no genderRestriction")
}
