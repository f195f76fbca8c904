package score

import (
	"github.com/feedgauge/feedgauge/internal/domain"
)

// weighted returns round(100 × passing weight / total weight).
func weighted(defs []CheckDef, outs []outcome, total fixed) int {
	var got fixed
	for i, o := range outs {
		if o.pass {
			got += defs[i].weight
		}
	}
	return percent(got, total)
}

// spReady applies §5's rule with the profile's parameters.
func (p *Profile) spReady(upcoming half, completeness int, sp []outcome) bool {
	if p.SPReady.RequireUpcoming && upcoming != 2 {
		return false
	}
	if completeness < p.SPReady.MinCompleteness {
		return false
	}
	for _, i := range p.allOf {
		if !sp[i].pass {
			return false
		}
	}
	for _, i := range p.anyOf {
		if sp[i].pass {
			return true
		}
	}
	return len(p.anyOf) == 0
}

// score computes every column of one activity at T into out, and with ex
// its explanation.
func (s *scorer) score(a *activity, datasetID string, out *domain.ActivityScore, ex *Explanation) {
	p := s.ref.Profile
	v := &s.v
	s.occurrences(a, v)
	types := s.spChecks(v, s.sp[:])
	loc, req := s.locate(v)
	lists := ex != nil
	oa := s.openActive(v, s.missing[:0], lists)
	s.missing = oa.missing[:0]
	firstProblem, problems := conformance(v, &oa, lists)
	s.as = [5]outcome{asIdentified(v.orgs), asCriteria(v.orgs), asRegister(s, v.orgs, loc.LAD),
		asConformant(firstProblem), asLicence(a.licence)}
	lc := s.lastChange(a)
	up, rec := s.freshness(v, lc)

	*out = domain.ActivityScore{
		T: s.T, DatasetID: datasetID, ActivityID: a.key, FeedURL: a.feedURL, ItemID: a.itemID,
		Kind: a.kind, Name: firstName(v.srcs), Location: loc,
		Upcoming: up.float(), Recent: rec.float(), Orphan: a.orphan, Online: v.online,
		ActivityTypes: s.strs.copy(types), Occurrences: v.inWindow, MethodVersion: domain.MethodVersion, ProfileHash: p.Hash,
		FailedChecks: s.failed(p), MissingOpenActive: []string{},
	}
	if len(v.orgs) > 0 {
		out.Organiser, out.OrganiserKey = v.orgs[0].name, v.orgs[0].key
	}
	if v.hasNext {
		out.NextOccurrence = s.times.ptr(v.next.UTC())
	}
	if lc.known {
		out.LastChange = s.times.ptr(lc.at.UTC())
	}
	out.Freshness = freshnessScore(p, up, rec)
	out.Completeness = weighted(p.SPReadyChecks, s.sp[:], p.spTotal)
	out.Assurance = weighted(p.AssuranceChecks, s.as[:], p.asTotal)
	if oa.ok {
		out.CompletenessOpenActive = s.ints.ptr(roundDiv(100*int64(oa.met), int64(oa.total)))
		out.MissingOpenActive = s.strs.copy(oa.missing)
	}
	out.Overall = roundDiv(int64(p.wFresh)*int64(out.Freshness)+int64(p.wComplete)*int64(out.Completeness)+
		int64(p.wAssurance)*int64(out.Assurance), int64(fixedOne))
	out.Grade = p.Grade(out.Overall)
	out.SPReady = p.spReady(up, out.Completeness, s.sp[:])
	if ex != nil {
		*ex = s.explainOne(v, *out, problems, oa, req)
	}
}

// failed lists the failing check ids, sp.1…sp.14 then as.1…as.5.
func (s *scorer) failed(p *Profile) []string {
	n := 0
	for _, o := range s.sp {
		n += btoi(!o.pass)
	}
	for _, o := range s.as {
		n += btoi(!o.pass)
	}
	out, k := s.strs.take(n), 0
	for i, o := range s.sp {
		if !o.pass {
			out[k], k = p.SPReadyChecks[i].ID, k+1
		}
	}
	for i, o := range s.as {
		if !o.pass {
			out[k], k = p.AssuranceChecks[i].ID, k+1
		}
	}
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
