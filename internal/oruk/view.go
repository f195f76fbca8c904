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
	quiet       bool // outcomes without reasons (see by)
}

// newView reads a parsed service.
func newView(svc *jsonld.Value) *view {
	v := &view{}
	v.read(svc)
	return v
}

// read makes v the view of svc, reusing v's lists: readiness reads one
// service after another into the same view.
func (v *view) read(svc *jsonld.Value) {
	*v = view{svc: svc, locations: v.locations[:0], addresses: v.addresses[:0], schedules: v.schedules[:0],
		contacts: v.contacts[:0], costs: v.costs[:0], eligibility: v.eligibility[:0], terms: v.terms[:0],
		termIDs: v.termIDs[:0], quiet: v.quiet}
	if o := svc.Get("organization"); o.IsObject() {
		v.org = o
	}
	v.schedules = appendObjects(appendObjects(v.schedules, svc, "schedules"), svc, "regular_schedules")
	for sal := range jsonld.EachObject(svc.Get("service_at_locations")) {
		v.schedules = appendObjects(appendObjects(v.schedules, sal, "schedules"), sal, "regular_schedules")
		if loc := sal.Get("location"); loc.IsObject() {
			v.addLocation(loc)
		}
	}
	v.contacts = appendObjects(v.contacts, svc, "contacts")
	v.costs = appendObjects(v.costs, svc, "cost_options")
	v.eligibility = appendObjects(v.eligibility, svc, "eligibilitys")
	for a := range jsonld.EachObject(svc.Get("attributes")) {
		v.addTerm(a.Get("taxonomy_term"), a.Get("taxonomy_term_id"))
	}
	for st := range jsonld.EachObject(svc.Get("service_taxonomys")) {
		v.addTerm(st.Get("taxonomy"), st.Get("taxonomy_id"))
	}
	v.online = len(v.locations) > 0
	for _, loc := range v.locations {
		if s, _ := loc.Get("location_type").Str(); jsonld.Trim(s) != "virtual" {
			v.online = false
		}
	}
}

func (v *view) addLocation(loc *jsonld.Value) {
	v.locations = append(v.locations, loc)
	for _, k := range []string{"addresses", "physical_addresses", "postal_addresses"} {
		v.addresses = appendObjects(v.addresses, loc, k)
	}
}

// appendObjects appends the objects listed under key of obj.
func appendObjects(dst []*jsonld.Value, obj *jsonld.Value, key string) []*jsonld.Value {
	for o := range jsonld.EachObject(obj.Get(key)) {
		dst = append(dst, o)
	}
	return dst
}

// contactHolders ranges over what may carry a contact: the service, its
// contacts, then its organization.
func (v *view) contactHolders(yield func(*jsonld.Value) bool) {
	if !yield(v.svc) {
		return
	}
	for _, c := range v.contacts {
		if !yield(c) {
			return
		}
	}
	if v.org != nil {
		yield(v.org)
	}
}

// ageHolders ranges over what may carry an age: the service, then its v1
// eligibilitys.
func (v *view) ageHolders(yield func(*jsonld.Value) bool) {
	if !yield(v.svc) {
		return
	}
	for _, e := range v.eligibility {
		if !yield(e) {
			return
		}
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
