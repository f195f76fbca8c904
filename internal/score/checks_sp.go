package score

import (
	"github.com/feedgauge/feedgauge/internal/postcode"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// outcome is one check's result; why says in plain words why it failed (or,
// for some passes, what was found).
type outcome struct {
	pass bool
	why  string
}

func pass() outcome           { return outcome{pass: true} }
func fail(why string) outcome { return outcome{why: why} }

// spName is sp.1: a string name whose trimmed length is 1–200 (§8.6.1).
func spName(a *activity) outcome {
	long := false
	for _, src := range a.sources {
		if s, ok := src.Get("name").Str(); ok {
			if n := jsonld.Len(jsonld.Trim(s)); n >= 1 && n <= 200 {
				return pass()
			} else if n > 200 {
				long = true
			}
		}
	}
	if long {
		return fail("the name is longer than 200 characters")
	}
	return fail("no name is given")
}

// spDescription is sp.2: trimmed length ≥ 30 and no HTML tag, in one value.
func spDescription(a *activity) outcome {
	why := "no description is given"
	for _, src := range a.sources {
		s, ok := src.Get("description").Str()
		if !ok || jsonld.Trim(s) == "" {
			continue
		}
		if tag := jsonld.FindHTMLTag(s); tag != "" {
			why = "the description contains the HTML tag " + tag
			continue
		}
		if jsonld.Len(jsonld.Trim(s)) >= 30 {
			return pass()
		}
		if why == "no description is given" {
			why = "the description is shorter than 30 characters"
		}
	}
	return fail(why)
}

// conceptIDs returns the concept ids of an `activity`/`facilityType` value:
// an object's @id, or a bare IRI string (§8.14.9).
func conceptIDs(v *jsonld.Value, f func(string)) {
	for _, it := range jsonld.Items(v) {
		if s, ok := it.Str(); ok {
			f(s)
		} else if id, ok := jsonld.ID(it); ok {
			f(id)
		}
	}
}

// spActivity is sp.3, and collects the passing ids for activity_types.
func spActivity(a *activity, ref *Reference) (outcome, []string) {
	var ids []string
	seen := map[string]bool{}
	any := false
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	facility := a.kind == "FacilityUse" || a.kind == "IndividualFacilityUse"
	for _, src := range a.sources {
		any = any || jsonld.Present(src.Get("activity"))
		conceptIDs(src.Get("activity"), func(id string) {
			if ref.Activities.Has(id) {
				add(id)
			}
		})
		if facility {
			any = any || jsonld.Present(src.Get("facilityType"))
			conceptIDs(src.Get("facilityType"), func(id string) {
				if ref.Facilities.Has(id) {
					add(id)
				}
			})
		}
	}
	switch {
	case len(ids) > 0:
		return pass(), ids
	case any:
		return fail("the activity is not identified by an @id from the OpenActive Activity List (a label alone is not enough)"), nil
	}
	return fail("no activity is given"), nil
}

// places returns the Place objects of a source's location.
func places(src *jsonld.Value) []*jsonld.Value { return jsonld.Objects(src.Get("location")) }

// firstPostcode visits valid postcodes of location.address.postalCode.
func eachPostcode(srcs []*jsonld.Value, f func(norm string)) {
	for _, src := range srcs {
		for _, pl := range places(src) {
			for _, ad := range jsonld.Objects(pl.Get("address")) {
				if s, ok := ad.Get("postalCode").Str(); ok {
					if n, ok := postcode.Normalise(s); ok {
						f(n)
					}
				}
			}
		}
	}
}

// virtualURL: an online activity passes sp.4 and sp.5 with a
// beta:virtualLocation URL or object with such a url (§8.6.3).
func virtualURL(a *activity) bool {
	for _, src := range a.sources {
		for _, it := range jsonld.Items(src.Get("beta:virtualLocation")) {
			if jsonld.IsAbsURLValue(it) || (it.IsObject() && jsonld.IsAbsURLValue(it.Get("url"))) {
				return true
			}
		}
	}
	return false
}

// spPostcode is sp.4.
func spPostcode(a *activity) outcome {
	if a.online && virtualURL(a) {
		return pass()
	}
	found := false
	eachPostcode(a.sources, func(string) { found = true })
	if found {
		return pass()
	}
	return fail("no valid UK postcode in location.address.postalCode")
}
