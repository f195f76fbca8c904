package score

import (
	"iter"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// Each check has a reader, run once per object when an item is decoded, and
// a judge, run per activity at T over its sources' facts in source order.

// outcome is one check's result; why says in plain words why it failed (or,
// for some passes, what was found).
type outcome struct {
	pass bool
	why  string
}

func pass() outcome           { return outcome{pass: true} }
func fail(why string) outcome { return outcome{why: why} }

// spChecks runs sp.1…sp.14 (§3.2, §8.6) into out and returns the
// activity_types found by sp.3.
func (s *scorer) spChecks(v *view, out []outcome) []string {
	act, types := spActivity(v, s.ref, s.types[:0])
	s.types = types
	out[0], out[1], out[2], out[3], out[4] = spName(v), spDescription(v), act, spPostcode(v), spGeo(v)
	out[5], out[6], out[7], out[8] = spCost(v), spContact(v), spOrganiser(v), spImage(v)
	out[9] = anyPresent(v, accessibilityKeys, "no accessibilitySupport, accessibilityInformation or beta:isWheelchairAccessible")
	out[10] = anyPresent(v, levelKeys, "no level or category")
	out[11] = anyPresent(v, instructionKeys, "no attendeeInstructions, meetingPoint or beta:participantSuppliedEquipment")
	out[12] = spSuits(v)
	out[13] = anyPresent(v, leaderKeys, "no leader, contributor or isCoached")
	return types
}

// readName: sp.1 wants a string name whose trimmed length is 1–200 (§8.6.1).
func readName(obj *keyed, f *objFacts) {
	s, ok := obj.get(kName).Str()
	if !ok {
		return
	}
	f.name = jsonld.Trim(s)
	n := jsonld.Len(f.name)
	f.set(flagNameOK, n >= 1 && n <= 200)
	f.set(flagNameLong, n > 200)
}

// spName is sp.1.
func spName(v *view) outcome {
	switch {
	case v.flags.has(flagNameOK):
		return pass()
	case v.flags.has(flagNameLong):
		return fail("the name is longer than 200 characters")
	}
	return fail("no name is given")
}

// firstName is the `name` column: the first present string name among the
// sources, trimmed (§8.14.9).
func firstName(srcs []*objFacts) string {
	for _, s := range srcs {
		if s.name != "" {
			return s.name
		}
	}
	return ""
}

// readDescription: sp.2 wants trimmed length ≥ 30 and no HTML tag.
func readDescription(obj *keyed, f *objFacts) {
	s, ok := obj.get(kDescription).Str()
	if !ok || jsonld.Trim(s) == "" {
		return
	}
	switch tag := jsonld.FindHTMLTag(s); {
	case tag != "":
		f.flags |= flagDescTag
		f.more().descTag = tag
	case jsonld.Len(jsonld.Trim(s)) >= 30:
		f.flags |= flagDescOK
	default:
		f.flags |= flagDescShort
	}
}

// spDescription is sp.2: one value must pass; the reason is the last tag
// met in source order, else "too short".
func spDescription(v *view) outcome {
	switch {
	case v.flags.has(flagDescOK):
		return pass()
	case v.flags.has(flagDescTag):
		for i := len(v.srcs) - 1; ; i-- {
			if v.srcs[i].flags.has(flagDescTag) {
				return fail("the description contains the HTML tag " + v.srcs[i].descTag)
			}
		}
	case v.flags.has(flagDescShort):
		return fail("the description is shorter than 30 characters")
	}
	return fail("no description is given")
}

// conceptIDs returns the concept ids of an `activity`/`facilityType` value:
// an object's @id, or a bare IRI string (§8.14.9).
func conceptIDs(v *jsonld.Value) []string {
	var ids []string
	for it := range jsonld.EachItem(v) {
		if s, ok := it.Str(); ok {
			ids = append(ids, s)
		} else if id, ok := jsonld.ID(it); ok {
			ids = append(ids, id)
		}
	}
	return ids
}

func readActivity(obj *keyed, f *objFacts) {
	act, fac := obj.get(kActivity), obj.get(kFacilityType)
	if acts, facs := conceptIDs(act), conceptIDs(fac); len(acts)+len(facs) > 0 {
		m := f.more()
		m.activityIDs, m.facilityIDs = acts, facs
		f.flags |= flagConcepts
	}
	f.set(flagActivity, jsonld.Present(act))
	f.set(flagFacility, jsonld.Present(fac))
}

// spActivity is sp.3; it appends the passing ids, without repeats, to ids
// (for activity_types).
func spActivity(v *view, ref *Reference, ids []string) (outcome, []string) {
	var seen map[string]bool // only for long lists, as in hasString
	add := func(id string) {
		if !hasString(ids, id, &seen) {
			ids = append(ids, id)
		}
	}
	facility := v.kind == "FacilityUse" || v.kind == "IndividualFacilityUse"
	any := v.flags.has(flagActivity) || (facility && v.flags.has(flagFacility))
	for _, src := range v.srcs {
		if !src.flags.has(flagConcepts) {
			continue
		}
		for _, id := range src.activityIDs {
			if ref.Activities.Has(id) {
				add(id)
			}
		}
		if facility {
			for _, id := range src.facilityIDs {
				if ref.Facilities.Has(id) {
					add(id)
				}
			}
		}
	}
	switch {
	case len(ids) > 0:
		return pass(), ids
	case any:
		return fail("the activity is not identified by an @id from the OpenActive Activity List (a label alone is not enough)"), ids
	}
	return fail("no activity is given"), ids
}

// places returns the Place objects of a source's location value.
func places(location *jsonld.Value) iter.Seq[*jsonld.Value] { return jsonld.EachObject(location) }

// readPlaces reads location: valid postcodes of address.postalCode and the
// geo values (sp.4, sp.5, the resolver), and beta:virtualLocation.
func readPlaces(obj *keyed, f *objFacts, ms *memos) {
	for pl := range places(obj.get(kLocation)) {
		for ad := range jsonld.EachObject(pl.Get("address")) {
			if s, ok := ad.Get("postalCode").Str(); ok {
				if n, ok := ms.normalise(s); ok {
					f.postcodes = append(f.postcodes, n)
				}
			}
		}
		for g := range jsonld.EachObject(pl.Get("geo")) {
			readGeo(g, f)
		}
	}
	f.set(flagPostcode, len(f.postcodes) > 0)
	f.set(flagVirtual, hasVirtualURL(obj.get(kVirtualLocation)))
}

// hasVirtualURL: an online activity passes sp.4 and sp.5 with a
// beta:virtualLocation URL or object with such a url (§8.6.3).
func hasVirtualURL(loc *jsonld.Value) bool {
	for it := range jsonld.EachItem(loc) {
		if jsonld.IsAbsURLValue(it) || (it.IsObject() && jsonld.IsAbsURLValue(it.Get("url"))) {
			return true
		}
	}
	return false
}

// spPostcode is sp.4.
func spPostcode(v *view) outcome {
	if (v.online && v.flags.has(flagVirtual)) || v.flags.has(flagPostcode) {
		return pass()
	}
	return fail("no valid UK postcode in location.address.postalCode")
}
