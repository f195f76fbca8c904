package store

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// The roll-ups of a dataset are built per activity for six areas at once
// (its PCN, Sub-ICB, LAD, ICB, region and the whole dataset), so a snapshot
// of England makes three million area updates. Organisers, types and feeds
// are numbered once per dataset, and each (area, standard, organiser) or
// (area, standard, type) sighting is one integer in a single list, sorted
// and made distinct once at the end: far less work and garbage than a set
// of strings per area.

type areaKey struct{ level, code string }

// areaAcc gathers one AreaRollup.
type areaAcc struct {
	idx   uint64 // its number in rollupBuilder.list
	r     AreaRollup
	feeds []int32
	cov   [2]*AreaCoverage // OpenActive, ORUK services
}

// interner numbers distinct strings.
type interner struct {
	ids  map[string]uint64
	strs []string
}

func (in *interner) id(s string) uint64 {
	if id, ok := in.ids[s]; ok {
		return id
	}
	if in.ids == nil {
		in.ids = map[string]uint64{}
	}
	id := uint64(len(in.strs))
	in.ids[s], in.strs = id, append(in.strs, s)
	return id
}

// sorted renumbers the strings in sorted order: rank[id] is the new number,
// and strs is reordered to match.
func (in *interner) sorted() (rank []uint64) {
	order := make([]int, len(in.strs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(in.strs[a], in.strs[b]) })
	rank = make([]uint64, len(order))
	strs := make([]string, len(order))
	for r, id := range order {
		rank[id], strs[r] = uint64(r), in.strs[id]
	}
	in.strs = strs
	return rank
}

// A sighting packs an area's number, a standard and a value (an organiser,
// whose lowest bit is 1 when that activity is not upcoming, or a type) into
// one integer, so sorting groups them by area and standard, and puts an
// organiser's upcoming sighting first.
const (
	valueBits   = 32
	serviceBit  = uint64(1) << valueBits
	areaShift   = valueBits + 1
	valueMask   = serviceBit - 1
	notUpcoming = 1
)

type rollupBuilder struct {
	t                  time.Time
	datasetID          string
	areas              map[areaKey]*areaAcc
	list               []*areaAcc
	orgs, types, feeds interner
	orgSeen, typeSeen  []uint64 // sightings
	// places are the distinct combinations of areas activities sit in, per
	// standard: [PCN, Sub-ICB, LAD, ICB, region], nil where not located.
	places [2]map[[5]*areaAcc]bool
}

func newRollupBuilder(t time.Time, datasetID string) *rollupBuilder {
	return &rollupBuilder{t: t, datasetID: datasetID, areas: map[areaKey]*areaAcc{}}
}

func (b *rollupBuilder) area(level, code string) *areaAcc {
	k := areaKey{level, code}
	x := b.areas[k]
	if x == nil {
		x = &areaAcc{idx: uint64(len(b.list)), r: AreaRollup{T: b.t, AreaCode: code, Level: level, DatasetID: b.datasetID}}
		b.areas[k] = x
		b.list = append(b.list, x)
	}
	return x
}

func (b *rollupBuilder) add(s *domain.ActivityScore) {
	svc := 0
	if s.Kind == "Service" {
		svc = 1
	}
	up := s.Upcoming == 1
	var located [5]*areaAcc
	for i, a := range [5]areaKey{{"pcn", s.PCN}, {"sub_icb", s.SubICB}, {"lad", s.LAD}, {"icb", s.ICB}, {"region", s.Region}} {
		if a.code != "" {
			located[i] = b.area(a.level, a.code)
		}
	}
	if located != [5]*areaAcc{} {
		if b.places[svc] == nil {
			b.places[svc] = map[[5]*areaAcc]bool{}
		}
		b.places[svc][located] = true
	}
	areas := [6]*areaAcc{b.area(LevelDataset, "")}
	copy(areas[1:], located[:])
	org, hasOrg := uint64(0), s.OrganiserKey != ""
	if hasOrg {
		org = b.orgs.id(s.OrganiserKey) << 1
		if !up {
			org |= notUpcoming
		}
	}
	feed := int32(b.feeds.id(s.FeedURL))
	for _, x := range areas {
		if x == nil {
			continue
		}
		x.r.Add(s)
		if !slices.Contains(x.feeds, feed) {
			x.feeds = append(x.feeds, feed)
		}
		c := x.cov[svc]
		if c == nil {
			c = &AreaCoverage{Service: svc == 1}
			x.cov[svc] = c
		}
		c.add(s, up)
		tag := x.idx<<areaShift | uint64(svc)*serviceBit
		if hasOrg {
			b.orgSeen = append(b.orgSeen, tag|org)
		}
		if up {
			for _, ty := range s.ActivityTypes {
				b.typeSeen = append(b.typeSeen, tag|b.types.id(ty))
			}
		}
	}
}

// add counts one activity with the rules of the scans it replaces: upcoming
// means Upcoming == 1, and grades are counted by their letter (unlike
// Sums.Add, a score without a grade counts in none).
func (c *AreaCoverage) add(s *domain.ActivityScore, up bool) {
	c.Activities++
	if up {
		c.Upcoming++
		if s.Online {
			c.Online++
		}
	}
	if s.SPReady {
		c.SPReady++
	}
	c.SumFreshness += int64(s.Freshness)
	c.SumCompleteness += int64(s.Completeness)
	c.SumAssurance += int64(s.Assurance)
	c.SumOverall += int64(s.Overall)
	switch s.Grade {
	case "A":
		c.GradeA++
	case "B":
		c.GradeB++
	case "C":
		c.GradeC++
	case "D":
		c.GradeD++
	}
}

// rollups turns the gathered areas into roll-ups sorted by area.
func (b *rollupBuilder) rollups() []AreaRollup {
	orgRank, typeRank := b.orgs.sorted(), b.types.sorted()
	for i, v := range b.orgSeen {
		b.orgSeen[i] = v&^valueMask | orgRank[v&valueMask>>1]<<1 | v&notUpcoming
	}
	for i, v := range b.typeSeen {
		b.typeSeen[i] = v&^valueMask | typeRank[v&valueMask]
	}
	slices.Sort(b.orgSeen)
	slices.Sort(b.typeSeen)
	eachGroup(b.orgSeen, func(tag uint64, vals []uint64) {
		c := b.coverage(tag)
		c.UpcomingOrganisers, c.OtherOrganisers = distinctOrganisers(vals, b.orgs.strs)
	})
	eachGroup(b.typeSeen, func(tag uint64, vals []uint64) {
		b.coverage(tag).ActivityTypes = distinctTypes(vals, b.types.strs)
	})
	out := make([]AreaRollup, 0, len(b.list))
	for _, x := range b.list {
		x.r.Feeds = len(x.feeds)
		for svc, c := range x.cov {
			if c == nil {
				continue
			}
			if x.r.Level == LevelDataset {
				c.Places = placeCodes(b.places[svc])
			}
			x.r.Coverage = append(x.r.Coverage, *c)
		}
		out = append(out, x.r)
	}
	slices.SortFunc(out, func(a, b AreaRollup) int {
		return cmp.Or(strings.Compare(a.AreaCode, b.AreaCode), strings.Compare(a.Level, b.Level))
	})
	return out
}

func (b *rollupBuilder) coverage(tag uint64) *AreaCoverage {
	return b.list[tag>>areaShift].cov[tag&serviceBit>>valueBits]
}

// eachGroup calls f with each run of sorted sightings of one area and
// standard, given as their values.
func eachGroup(seen []uint64, f func(tag uint64, vals []uint64)) {
	for start := 0; start < len(seen); {
		tag := seen[start] &^ valueMask
		end := start
		for end < len(seen) && seen[end]&^valueMask == tag {
			seen[end] &= valueMask
			end++
		}
		f(tag, seen[start:end])
		start = end
	}
}

// distinctOrganisers lists the distinct organisers of sorted sightings: those
// with an upcoming activity and the others, each in order.
func distinctOrganisers(vals []uint64, strs []string) (upcoming, other []string) {
	n, nUp := 0, 0
	for i, v := range vals {
		if i == 0 || v>>1 != vals[i-1]>>1 {
			vals[n] = v
			n++
			if v&notUpcoming == 0 {
				nUp++
			}
		}
	}
	upcoming, other = make([]string, 0, nUp), make([]string, 0, n-nUp)
	for _, v := range vals[:n] {
		if v&notUpcoming == 0 {
			upcoming = append(upcoming, strs[v>>1])
		} else {
			other = append(other, strs[v>>1])
		}
	}
	return upcoming, other
}

// distinctTypes lists the distinct types of sorted sightings.
func distinctTypes(vals []uint64, strs []string) []string {
	vals = slices.Compact(vals)
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = strs[v]
	}
	return out
}

func placeCodes(m map[[5]*areaAcc]bool) [][5]string {
	out := make([][5]string, 0, len(m))
	for p := range m {
		var codes [5]string
		for i, x := range p {
			if x != nil {
				codes[i] = x.r.AreaCode
			}
		}
		out = append(out, codes)
	}
	slices.SortFunc(out, comparePlaces)
	return out
}
