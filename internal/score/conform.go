package score

import (
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// openActive is the `openactive` completeness of an activity (§3.1,
// §8.6.7): presence of the model's fields across the sources. ok is false
// for a type with no model or no weights ("no data"). as.4 needs only the
// first missing required entry unless an explanation lists them all.
type openActive struct {
	ok         bool
	met, total int
	missing    []string // model order; a group written a|b
	firstReq   string   // as.4's problem for the first missing required entry
	reqMissing []string // as.4's problems for every missing required entry (lists only)
}

// openActive scores the model of the activity's kind; missing names are
// appended to missing (which may be a reused buffer).
func (s *scorer) openActive(v *view, missing []string, lists bool) openActive {
	r := openActive{missing: missing}
	m := s.ref.Models.Get(v.kind)
	if m == nil {
		return r
	}
	have := v.present
	specs := m.fieldSpecs()
	for i := range specs {
		f := &specs[i]
		if v.online && f.location {
			continue // not required of, nor counted for, an online activity (§8.14.4)
		}
		r.total += f.weight
		if have&f.mask != 0 || (f.others != nil && anyPresentIn(v.srcs, 0, f.others)) {
			r.met += f.weight
			continue
		}
		r.missing = append(r.missing, f.name)
		if f.required {
			if r.firstReq == "" {
				r.firstReq = f.missingMsg
			}
			if lists {
				r.reqMissing = append(r.reqMissing, f.missingMsg)
			}
		}
	}
	r.ok = r.total > 0
	return r
}

// conformance is as.4 (§8.7): the first problem, and with lists all of
// them: missing required properties over all sources, then problems 2–6 on
// the activity's own data and on each occurrence starting in the window or
// with an unparsable start.
func conformance(v *view, oa *openActive, lists bool) (first string, all []string) {
	var objs [3][]*objFacts
	if v.own != nil {
		objs[0] = v.srcs[:1]
	}
	objs[1], objs[2] = v.srcs[len(objs[0]):len(objs[0])+len(v.occs)], v.undated
	if lists {
		all = append(all, oa.reqMissing...)
		for _, list := range objs {
			for _, f := range list {
				all = f.problems.list(all)
			}
		}
		if len(all) > 0 {
			first = all[0]
		}
		return first, all
	}
	if oa.firstReq != "" {
		return oa.firstReq, nil
	}
	for _, list := range objs {
		for _, f := range list {
			if f.flags.has(flagProblems) {
				return f.problems.first, nil
			}
		}
	}
	return "", nil
}

func asConformant(first string) outcome {
	if first == "" {
		return pass()
	}
	return fail(first)
}

// problems are as.4's problems 2–6 of one object (§8.7), in order: its
// dates, every @id at any depth, its geo values, offers and description.
// The @id problems of an object nested through a link property are not
// copied but referred to, so reading a deep chain of nested objects stays
// linear; lists are only spelled out for explanations.
type problems struct {
	dates, rest []string
	ids         []idProblem
	firstID     string // the first @id problem, nested ones included
	first       string // the first problem, "" when none
}

// idProblem is one @id problem, or all those of a nested object.
type idProblem struct {
	text   string
	nested *objFacts
}

// list appends all the problems to out (none for nil).
func (p *problems) list(out []string) []string {
	if p == nil {
		return out
	}
	out = append(out, p.dates...)
	out = p.idList(out)
	return append(out, p.rest...)
}

func (p *problems) idList(out []string) []string {
	if p == nil {
		return out
	}
	for _, id := range p.ids {
		if id.nested != nil {
			out = id.nested.problems.idList(out)
		} else {
			out = append(out, id.text)
		}
	}
	return out
}

// objectProblems reads problems 2–6 of one object, whose other facts f
// are read; so are those of the objects nested in it.
func objectProblems(o *keyed, f *objFacts, nested *nestedIndex) problems {
	var p problems
	p.dates = dateProblems(o, f, nil)
	p.ids = idProblems(o.obj, nested, nil)
	for _, id := range p.ids {
		if id.nested != nil {
			id.text = id.nested.problems.firstID
		}
		if id.text != "" {
			p.firstID = id.text
			break
		}
	}
	for pl := range places(o.get(kLocation)) {
		for g := range jsonld.EachObject(pl.Get("geo")) {
			p.rest = geoProblems(g, p.rest)
		}
	}
	for off := range jsonld.EachObject(o.get(kOffers)) {
		if pr := off.Get("price"); jsonld.IsNumber(pr) && !jsonld.IsZero(pr.S) && jsonld.Absent(off.Get("priceCurrency")) {
			p.rest = append(p.rest, "an offer has price "+pr.S+" but no priceCurrency")
		}
	}
	if d, ok := o.get(kDescription).Str(); ok {
		if tag := jsonld.FindHTMLTag(d); tag != "" {
			p.rest = append(p.rest, "description contains the HTML tag "+tag)
		}
	}
	switch {
	case len(p.dates) > 0:
		p.first = p.dates[0]
	case p.firstID != "":
		p.first = p.firstID
	case len(p.rest) > 0:
		p.first = p.rest[0]
	}
	return p
}

// dateProblems: startDate and endDate must be date-times with an offset
// (a CourseInstance may give dates). Reading the dates (f.zoned) already
// parsed startDate.
func dateProblems(o *keyed, f *objFacts, probs []string) []string {
	course := f.typ == "CourseInstance"
	for _, k := range [...]pkey{kStartDate, kEndDate} {
		v := o.get(k)
		if jsonld.Absent(v) || (k == kStartDate && f.zoned) {
			continue
		}
		str, _ := v.Str()
		if dt, ok := jsonld.ParseDateTime(str); ok && dt.HasOffset {
			continue
		}
		if _, _, _, ok := jsonld.ParseDate(str); ok && course {
			continue
		}
		probs = append(probs, presenceKeys[k]+" "+describe(v)+" is not a date-time with a time-zone offset")
	}
	return probs
}

// idProblems: every present @id at any depth must be an absolute http(s)
// URL. A nested object that is a node of its own stands for its problems.
func idProblems(v *jsonld.Value, nested *nestedIndex, probs []idProblem) []idProblem {
	switch v.Kind {
	case jsonld.Object:
		for _, m := range v.O {
			if m.Key == "@id" && jsonld.Present(m.Val) && !jsonld.IsAbsURLValue(m.Val) {
				probs = append(probs, idProblem{text: "@id " + describe(m.Val) + " is not an absolute http(s) URL"})
			}
			if f := nested.of(m.Val); f != nil {
				if f.problems != nil && len(f.problems.ids) > 0 {
					probs = append(probs, idProblem{nested: f})
				}
				continue
			}
			probs = idProblems(m.Val, nested, probs)
		}
	case jsonld.Array:
		for _, e := range v.A {
			if f := nested.of(e); f != nil {
				if f.problems != nil && len(f.problems.ids) > 0 {
					probs = append(probs, idProblem{nested: f})
				}
				continue
			}
			probs = idProblems(e, nested, probs)
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
