package simulate

import (
	"fmt"
	"strings"
)

// Fields whose presence varies, with how much more (or less) likely than the
// dataset's quality each is present. Dataset quality spreads grades A–D.
const (
	fDesc = iota
	fActID
	fPostcode
	fGeo
	fOffers
	fContact
	fOrgURL
	fImage
	fAccess
	fLevel
	fInstr
	fAge
	fLeader
	fCriteria
	fURL
	fAddress
	nFields
)

var fieldBias = [nFields]float64{0.35, 0.35, 0.2, 0.25, 0.3, 0.05, 0.15, -0.1, -0.3, -0.1, -0.25, 0, -0.2, -0.45, 0.3, 0.2}

// profile is what stays the same across an activity's versions.
type profile struct {
	act       concept
	facility  concept
	name      string
	desc      string
	place     Place
	venue     string
	club      string
	has       [nFields]bool
	price     int64 // pence
	hostile   bool
	swapped   bool
	dayOfWeek int
	hour      int
}

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// profile builds the stable content of parent slot s of f.
func (w *world) profile(f *feed, s int) profile {
	d := f.ds
	h := func(salt uint64) uint64 { return hash(w.seed, salt, uint64(d.idx), uint64(f.spec.typ[0]), uint64(s)) }
	p := profile{act: w.vocab.Activities[pick(h(sActivity), len(w.vocab.Activities))]}
	p.facility = w.vocab.FacilityTypes[pick(h(sActivity+50), len(w.vocab.FacilityTypes))]
	p.place = w.cfg.Places[d.venues[pick(h(sVenue), len(d.venues))]]
	town := orDefault(p.place.Name, d.town)
	p.venue = fmt.Sprintf(venueKinds[pick(h(sVenue+7), len(venueKinds))], town)
	p.club = fmt.Sprintf(clubKinds[pick(h(sOrganiser), len(clubKinds))], town, p.act.Label)
	for i := range p.has {
		p.has[i] = unit(hash(h(sTier), uint64(i))) < d.quality+fieldBias[i]
	}
	p.name = w.activityName(p.act.Label, h(sName))
	p.desc = w.description(p, h(sDesc))
	p.price = int64(pick(h(sPrice), 4)) * 150
	p.dayOfWeek, p.hour = pick(h(sChildHour), 7), 7+pick(h(sChildHour+1), 13)
	if _, ok := f.fault("hostile-text"); ok && unit(h(sHostile)) < 0.3 {
		p.hostile = true
		p.name = hostileNames[pick(h(sHostile+1), len(hostileNames))]
		p.desc = hostileDescriptions[pick(h(sHostile+2), len(hostileDescriptions))]
	}
	_, sw := f.fault("swapped-coords")
	p.swapped = sw && unit(h(sSwap)) < 0.5
	return p
}

func (w *world) activityName(label string, h uint64) string {
	if real, ok := realNames[label]; ok && unit(h) < 0.3 {
		return real
	}
	return label + nameSuffixes[pick(mix(h), len(nameSuffixes))]
}

func (w *world) description(p profile, h uint64) string {
	if !p.has[fDesc] {
		if unit(h) < 0.5 {
			return ""
		}
		return shortDescriptions[pick(mix(h), len(shortDescriptions))]
	}
	if unit(mix(h^7)) < 0.2 {
		return realDescriptions[pick(mix(h^9), len(realDescriptions))]
	}
	return fmt.Sprintf(descTemplates[pick(mix(h), len(descTemplates))], p.act.Label, p.venue)
}

// publisherName names a dataset's publisher after its town.
func (w *world) publisherName(d *dataset, h uint64) string {
	return fmt.Sprintf(publisherKinds[pick(h, len(publisherKinds))], d.town)
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
