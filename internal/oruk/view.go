package oruk

import (
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// view is one service read for scoring, with the v3 and v1 names of each
// part gathered in one place. The JSON is read with the OpenActive reading
// rules (scoring.md §8.1): after parsing, a key `id` is `@id`.
type view struct {
	svc         *jsonld.Value
	org         *jsonld.Value // nil without an organization object
	locations   []*jsonld.Value
	addresses   []*jsonld.Value
	schedules   []*jsonld.Value
	contacts    []*jsonld.Value
	costs       []*jsonld.Value
	eligibility []*jsonld.Value // v1 eligibilitys[]
	terms       []*jsonld.Value // taxonomy term objects
	termIDs     []*jsonld.Value // taxonomy term id values
	online      bool
}

// newView reads a parsed service.
func newView(svc *jsonld.Value) *view {
	v := &view{svc: svc}
	if o := svc.Get("organization"); o.IsObject() {
		v.org = o
	}
	v.schedules = append(objects(svc, "schedules"), objects(svc, "regular_schedules")...)
	for _, sal := range objects(svc, "service_at_locations") {
		v.schedules = append(append(v.schedules, objects(sal, "schedules")...), objects(sal, "regular_schedules")...)
		if loc := sal.Get("location"); loc.IsObject() {
			v.addLocation(loc)
		}
	}
	v.contacts = objects(svc, "contacts")
	v.costs = objects(svc, "cost_options")
	v.eligibility = objects(svc, "eligibilitys")
	for _, a := range objects(svc, "attributes") {
		v.addTerm(a.Get("taxonomy_term"), a.Get("taxonomy_term_id"))
	}
	for _, st := range objects(svc, "service_taxonomys") {
		v.addTerm(st.Get("taxonomy"), st.Get("taxonomy_id"))
	}
	v.online = len(v.locations) > 0
	for _, loc := range v.locations {
		if s, _ := loc.Get("location_type").Str(); jsonld.Trim(s) != "virtual" {
			v.online = false
		}
	}
	return v
}

func (v *view) addLocation(loc *jsonld.Value) {
	v.locations = append(v.locations, loc)
	for _, k := range []string{"addresses", "physical_addresses", "postal_addresses"} {
		v.addresses = append(v.addresses, objects(loc, k)...)
	}
}

func (v *view) addTerm(term, id *jsonld.Value) {
	if term.IsObject() {
		v.terms = append(v.terms, term)
	}
	if jsonld.Present(id) {
		v.termIDs = append(v.termIDs, id)
	}
}

// objects returns the objects listed under key of obj (one object counts
// as a list of one).
func objects(obj *jsonld.Value, key string) []*jsonld.Value {
	return jsonld.Objects(obj.Get(key))
}

// text returns a string field trimmed, "" when absent or not a string.
func text(obj *jsonld.Value, key string) string {
	s, _ := obj.Get(key).Str()
	return jsonld.Trim(s)
}

// orgs is the organization, when there is one, as a list.
func (v *view) orgs() []*jsonld.Value {
	if v.org == nil {
		return nil
	}
	return []*jsonld.Value{v.org}
}
