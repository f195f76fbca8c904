package score

import (
	"strings"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// checks runs sp.1…sp.14 (§3.2, §8.6) and collects activity_types.
func (s *scorer) spChecks(a *activity, orgs []*jsonld.Value) ([]outcome, []string) {
	act, types := spActivity(a, s.ref)
	return []outcome{
		spName(a),
		spDescription(a),
		act,
		spPostcode(a),
		spGeo(a),
		spCost(a),
		spContact(a, orgs),
		spOrganiser(orgs),
		spImage(a),
		anyPresent(a, "no accessibilitySupport, accessibilityInformation or beta:isWheelchairAccessible",
			"accessibilitySupport", "accessibilityInformation", "beta:isWheelchairAccessible"),
		anyPresent(a, "no level or category", "level", "category"),
		anyPresent(a, "no attendeeInstructions, meetingPoint or beta:participantSuppliedEquipment",
			"attendeeInstructions", "meetingPoint", "beta:participantSuppliedEquipment"),
		spSuits(a),
		anyPresent(a, "no leader, contributor or isCoached", "leader", "contributor", "isCoached"),
	}, types
}

func asConformant(probs []string) outcome {
	if len(probs) == 0 {
		return pass()
	}
	return fail(probs[0])
}

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
	for _, id := range p.SPReady.AllOf {
		if !sp[p.spIndex(id)].pass {
			return false
		}
	}
	for _, id := range p.SPReady.AnyOf {
		if sp[p.spIndex(id)].pass {
			return true
		}
	}
	return len(p.SPReady.AnyOf) == 0
}

// score computes every column of one activity.
func (s *scorer) score(a *activity, datasetID string, explain bool) (domain.ActivityScore, Explanation) {
	p := s.ref.Profile
	orgs := a.organisers()
	sp, types := s.spChecks(a, orgs)
	req := locateRequest(a)
	loc := s.locate(req)
	oa := s.openActive(a)
	probs := s.conformance(a, oa)
	as := []outcome{asIdentified(orgs), asCriteria(orgs), asRegister(s, orgs, loc.LAD), asConformant(probs), asLicence(a)}
	lc := s.lastChange(a)
	up, rec := s.freshness(a, lc)

	out := domain.ActivityScore{
		T: s.T, DatasetID: datasetID, ActivityID: a.key, FeedURL: a.doc.item.FeedURL, ItemID: a.doc.item.RPDEID,
		Kind: a.kind, Name: firstName(a.sources), Location: loc,
		Upcoming: up.float(), Recent: rec.float(), Orphan: a.orphan, Online: a.online,
		ActivityTypes: types, Occurrences: a.inWindow, MethodVersion: domain.MethodVersion, ProfileHash: p.Hash,
		FailedChecks: failed(p, sp, as), MissingOpenActive: []string{},
	}
	if out.ActivityTypes == nil {
		out.ActivityTypes = []string{}
	}
	if len(orgs) > 0 {
		out.Organiser = firstNameOf(orgs[0])
		out.OrganiserKey = organiserKey(orgs[0])
	}
	if a.hasNext {
		t := a.next.UTC()
		out.NextOccurrence = &t
	}
	if lc.known {
		t := lc.at.UTC()
		out.LastChange = &t
	}
	out.Freshness = freshnessScore(p, up, rec)
	out.Completeness = weighted(p.SPReadyChecks, sp, p.spTotal)
	out.Assurance = weighted(p.AssuranceChecks, as, p.asTotal)
	if oa.ok {
		c := roundDiv(100*int64(oa.met), int64(oa.total))
		out.CompletenessOpenActive = &c
		out.MissingOpenActive = oa.missing
	}
	out.Overall = roundDiv(int64(p.wFresh)*int64(out.Freshness)+int64(p.wComplete)*int64(out.Completeness)+
		int64(p.wAssurance)*int64(out.Assurance), int64(fixedOne))
	out.Grade = p.Grade(out.Overall)
	out.SPReady = p.spReady(up, out.Completeness, sp)
	detach(&out)
	if !explain {
		return out, Explanation{}
	}
	return out, s.explain(a, out, sp, as, probs, oa, req)
}

func failed(p *Profile, sp, as []outcome) []string {
	out := []string{}
	for i, o := range sp {
		if !o.pass {
			out = append(out, p.SPReadyChecks[i].ID)
		}
	}
	for i, o := range as {
		if !o.pass {
			out = append(out, p.AssuranceChecks[i].ID)
		}
	}
	return out
}

// firstName is the `name` column: the first present string name among the
// sources, trimmed (§8.14.9).
func firstName(srcs []*jsonld.Value) string {
	for _, s := range srcs {
		if n := firstNameOf(s); n != "" {
			return n
		}
	}
	return ""
}

func firstNameOf(obj *jsonld.Value) string {
	n, _ := obj.Get("name").Str()
	return jsonld.Trim(n)
}

// detach copies every string that may still point into the items' bytes, so
// results never alias caller memory (the trees are parsed without copying).
func detach(s *domain.ActivityScore) {
	s.ActivityID, s.Kind, s.Name = strings.Clone(s.ActivityID), strings.Clone(s.Kind), strings.Clone(s.Name)
	s.Organiser, s.OrganiserKey = strings.Clone(s.Organiser), strings.Clone(s.OrganiserKey)
	for i := range s.ActivityTypes {
		s.ActivityTypes[i] = strings.Clone(s.ActivityTypes[i])
	}
}
