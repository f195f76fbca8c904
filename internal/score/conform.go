package score

import (
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// openActive is the `openactive` completeness of an activity (§3.1,
// §8.6.7): presence of the model's fields across the sources. ok is false
// for a type with no model or no weights ("no data").
type openActive struct {
	ok              bool
	met, total      int
	missing         []string // model order; a group written a|b
	missingRequired []string
}

func present(srcs []*jsonld.Value, field string) bool {
	for _, s := range srcs {
		if jsonld.Present(s.Get(field)) {
			return true
		}
	}
	return false
}

func (s *scorer) openActive(a *activity) openActive {
	var r openActive
	m := s.ref.Models.Get(a.kind)
	if m == nil {
		return r
	}
	score := func(fields []string, w int, required bool) {
		name := fields[0]
		for _, f := range fields[1:] {
			name += "|" + f
		}
		if a.online && len(fields) == 1 && name == "location" {
			return // not required of, nor counted for, an online activity (§8.14.4)
		}
		r.total += w
		for _, f := range fields {
			if present(a.sources, f) {
				r.met += w
				return
			}
		}
		r.missing = append(r.missing, name)
		if required {
			r.missingRequired = append(r.missingRequired, name)
		}
	}
	for _, f := range m.Required {
		score([]string{f}, 2, true)
	}
	for _, g := range m.Options {
		score(g, 2, true)
	}
	for _, f := range m.Recommended {
		score([]string{f}, 1, false)
	}
	r.ok = r.total > 0
	if r.missing == nil {
		r.missing = []string{}
	}
	return r
}

// conformance lists as.4's problems (§8.7): missing required properties
// over all sources, then problems 2–6 on the activity's own data and on
// each occurrence starting in the window or with an unparsable start.
func (s *scorer) conformance(a *activity, oa openActive) []string {
	var probs []string
	for _, f := range oa.missingRequired {
		probs = append(probs, "required property "+f+" is missing")
	}
	objs := make([]*jsonld.Value, 0, len(a.checked)+1)
	if a.own != nil {
		objs = append(objs, a.own)
	}
	for _, c := range a.checked {
		objs = append(objs, c.chosen.obj)
	}
	for _, o := range objs {
		probs = objectProblems(o, probs)
	}
	return probs
}

func objectProblems(o *jsonld.Value, probs []string) []string {
	course := jsonld.TypeOf(o) == "CourseInstance"
	for _, k := range [...]string{"startDate", "endDate"} {
		v := o.Get(k)
		if jsonld.Absent(v) {
			continue
		}
		str, _ := v.Str()
		if dt, ok := jsonld.ParseDateTime(str); ok && dt.HasOffset {
			continue
		}
		if _, _, _, ok := jsonld.ParseDate(str); ok && course {
			continue
		}
		probs = append(probs, k+" "+describe(v)+" is not a date-time with a time-zone offset")
	}
	probs = idProblems(o, probs)
	for _, pl := range places(o) {
		for _, g := range jsonld.Objects(pl.Get("geo")) {
			probs = geoProblems(g, probs)
		}
	}
	for _, off := range jsonld.Objects(o.Get("offers")) {
		if p := off.Get("price"); jsonld.IsNumber(p) && !jsonld.IsZero(p.S) && jsonld.Absent(off.Get("priceCurrency")) {
			probs = append(probs, "an offer has price "+p.S+" but no priceCurrency")
		}
	}
	if d, ok := o.Get("description").Str(); ok {
		if tag := jsonld.FindHTMLTag(d); tag != "" {
			probs = append(probs, "description contains the HTML tag "+tag)
		}
	}
	return probs
}

// idProblems: every present @id at any depth must be an absolute http(s) URL.
func idProblems(v *jsonld.Value, probs []string) []string {
	switch v.Kind {
	case jsonld.Object:
		for _, m := range v.O {
			if m.Key == "@id" && jsonld.Present(m.Val) && !jsonld.IsAbsURLValue(m.Val) {
				probs = append(probs, "@id "+describe(m.Val)+" is not an absolute http(s) URL")
			}
			probs = idProblems(m.Val, probs)
		}
	case jsonld.Array:
		for _, e := range v.A {
			probs = idProblems(e, probs)
		}
	}
	return probs
}

func geoProblems(g *jsonld.Value, probs []string) []string {
	lat, lng := g.Get("latitude"), g.Get("longitude")
	if jsonld.Absent(lat) && jsonld.Absent(lng) {
		return probs
	}
	if !jsonld.IsNumber(lat) || !jsonld.IsNumber(lng) ||
		!jsonld.Between(lat.S, "-90", "90") || !jsonld.Between(lng.S, "-180", "180") {
		probs = append(probs, "location.geo latitude/longitude is missing, not a number or out of range")
	}
	return probs
}
