package score

import (
	"cmp"
	"slices"
	"strings"
)

// The method defines linking as one pass over the entities in key order
// (§8.3.3, §8.3.5): each entity's scored copy adds it as a child of every
// existing parent it names by superEvent or facilityUse, adds the children
// its subEvent names, and records containers. Only one level of links is
// followed from an entity, so cyclic superEvent chains cannot loop.
//
// Sorting every entity by key is the costliest step of that pass and only
// decides two things: the order of each parent's children, and which
// FacilityUse wins an IndividualFacilityUse nested in several. So links are
// found in any order, each tagged with where the key-order pass would have
// met it, and only each parent's children are sorted.

// childLink is one parent–child link and where the key-order pass meets it:
// while visiting the parent (its subEvent) or the child (its superEvent or
// facilityUse), as the seq-th link found on that visit.
type childLink struct {
	parent, child *entity
	viaParent     bool
	seq           int32
}

// visit is the key of the entity whose visit finds the link.
func (l *childLink) visit() string {
	if l.viaParent {
		return l.parent.key
	}
	return l.child.key
}

// linker collects the links of one graph.
type linker struct {
	g     *graph
	links []childLink
	seq   int32
}

func (k *linker) add(p, c *entity, viaParent bool) {
	if p == c || isSeriesType(c.typ) {
		return
	}
	k.links = append(k.links, childLink{parent: p, child: c, viaParent: viaParent, seq: k.seq})
	k.seq++
}

// link connects the entities through their scored copies.
func (g *graph) link() {
	n := 0
	for i := range g.ents {
		n += len(g.ents[i].chosen.dn.refs)
	}
	k := linker{g: g, links: make([]childLink, 0, n)} // each ref adds at most one link
	for i := range g.ents {
		e := &g.ents[i]
		k.seq = 0
		if !isSeriesType(e.typ) {
			k.linkParents(e)
		}
		refs := e.chosen.dn.refs
		for j := range refs {
			if r := &refs[j]; r.prop == propSubEvent && r.isNamed() {
				if c := g.byKey[r.key]; c != nil {
					k.add(e, c, true)
				}
			}
		}
		g.noteNester(e)
	}
	g.attach(k.links)
	g.containers()
}

// linkParents makes e an occurrence of every existing parent it names by
// superEvent or facilityUse; the first missing one is remembered for
// orphan grouping.
func (k *linker) linkParents(e *entity) {
	refs := e.chosen.dn.refs
	for j := range refs {
		r := &refs[j]
		if (r.prop != propSuperEvent && r.prop != propFacilityUse) || !r.isNamed() || r.absent {
			continue
		}
		e.parentRefs++
		if p := k.g.byKey[r.key]; p != nil {
			k.add(p, e, false)
		} else if e.missingRef == "" {
			e.missingRef = r.key
		}
	}
}

// attach turns links into each parent's children, in the order the
// key-order pass adds them, each child once.
func (g *graph) attach(links []childLink) {
	start := make([]int32, len(g.ents)+1)
	for i := range links {
		start[links[i].parent.idx+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	byParent := make([]childLink, len(links))
	fill := slices.Clone(start[:len(g.ents)])
	for _, l := range links {
		byParent[fill[l.parent.idx]] = l
		fill[l.parent.idx]++
	}
	kids := make([]*entity, len(links))
	seen := make([]int32, len(g.ents)) // parent idx + 1 that last took the child
	for i := range g.ents {
		group := byParent[start[i]:start[i+1]]
		if len(group) == 0 {
			continue
		}
		slices.SortFunc(group, func(a, b childLink) int {
			if c := strings.Compare(a.visit(), b.visit()); c != 0 {
				return c
			}
			return cmp.Compare(a.seq, b.seq)
		})
		p := &g.ents[i]
		p.children = kids[start[i]:start[i]:start[i+1]]
		for _, l := range group {
			if c := l.child; seen[c.idx] != int32(i)+1 {
				seen[c.idx] = int32(i) + 1
				p.children = append(p.children, c)
				c.parents++
			}
		}
	}
}

// noteNester records e as a FacilityUse nesting the entities its
// individualFacilityUse names; the key-order pass lets the least key win
// (see containers).
func (g *graph) noteNester(e *entity) {
	refs := e.chosen.dn.refs
	for j := range refs {
		if refs[j].prop != propIndividualFacilityUse {
			continue
		}
		c := g.byKey[refs[j].key]
		if c == nil || c == e {
			continue
		}
		if c.nester == nil || e.key < c.nester.key {
			c.nester = e
		}
		if e.key > c.key && (c.nesterAfter == nil || e.key < c.nesterAfter.key) {
			c.nesterAfter = e
		}
	}
}

// containers records each entity's container: a SessionSeries' superEvent,
// a CourseInstance's instanceOfCourse, else the FacilityUse nesting it;
// an IndividualFacilityUse nested in none takes the one its
// aggregateFacilityUse names. In the key-order pass a SessionSeries or
// CourseInstance sets its own container when visited, overwriting a nester
// met earlier, so when it names none only a nester with a later key counts.
func (g *graph) containers() {
	for i := range g.ents {
		e := &g.ents[i]
		switch e.typ {
		case "SessionSeries":
			e.container = g.firstRef(e, propSuperEvent)
		case "CourseInstance":
			e.container = g.firstRef(e, propInstanceOfCourse)
		default:
			e.container = e.nester
			continue
		}
		if e.container == nil {
			e.container = e.nesterAfter
		}
	}
	for i := range g.ents {
		if e := &g.ents[i]; e.typ == "IndividualFacilityUse" && e.container == nil {
			e.container = g.firstRef(e, propAggregateFacilityUse)
		}
	}
}

// firstRef is the first existing entity other than e named by prop on e's
// scored copy.
func (g *graph) firstRef(e *entity, prop uint8) *entity {
	refs := e.chosen.dn.refs
	for j := range refs {
		if r := &refs[j]; r.prop == prop && r.isNamed() {
			if c := g.byKey[r.key]; c != nil && c != e {
				return c
			}
		}
	}
	return nil
}
