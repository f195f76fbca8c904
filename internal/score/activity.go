package score

import (
	"slices"
	"strings"
)

// activity is one unit of scoring (§1): an entity with no parent, or an
// orphan group. Everything here is fixed when the dataset is prepared;
// what depends on T is found by occurrences.
type activity struct {
	key       string
	kind      string
	own       *objFacts // nil for an orphan group
	doc       *pdoc     // the item that carries (or embeds) the data
	orphan    bool
	ent       *entity
	children  []*entity // all children, cancelled included
	container *objFacts
	dated     []kid       // non-cancelled children with a readable start, by start then key
	undated   []*objFacts // non-cancelled children whose start cannot be read, in child order
	changes   changeSummary
	// The carrying item's feed, RPDE id and licence, copied here because
	// every score reads them.
	feedURL, itemID, licence string
}

// activities decides which entities are activities (§1, §8.3, §8.14.3,
// §8.14.7) and groups orphans by the missing parent they name. The result
// is sorted by key.
func (g *graph) activities() []activity {
	// Seeds are sorted rather than activities: they are small.
	type seed struct {
		key     string
		e       *entity
		members []*entity // an orphan group
		orphan  bool
	}
	var seeds []seed
	var orphans map[string][]*entity
	for i := range g.ents {
		e := &g.ents[i]
		switch {
		case e.parents > 0:
			// An object linked as a child is never a standalone activity.
		case len(e.children) > 0:
			seeds = append(seeds, seed{key: e.key, e: e})
		case e.parentRefs > 0 && e.missingRef != "":
			if orphans == nil {
				orphans = map[string][]*entity{}
			}
			orphans[e.missingRef] = append(orphans[e.missingRef], e)
		case !e.chosen.top:
			// Inline objects no child links to are not activities.
		case isChildOnlyType(e.typ):
			seeds = append(seeds, seed{key: e.key, e: e, orphan: true})
		case isActivityType(e.typ) && e.typ != "IndividualFacilityUse":
			seeds = append(seeds, seed{key: e.key, e: e})
		}
	}
	for id, members := range orphans {
		seeds = append(seeds, seed{key: id, members: members})
	}
	slices.SortFunc(seeds, func(a, b seed) int { return strings.Compare(a.key, b.key) })
	acts := make([]activity, len(seeds))
	var kids slab[kid]
	for i, sd := range seeds {
		a := &acts[i]
		if sd.e != nil {
			a.fromEntity(sd.e, sd.orphan)
		} else {
			a.fromOrphans(sd.key, sd.members)
		}
		a.sortChildren(&kids)
		a.changes = a.summariseChanges()
		a.feedURL, a.itemID, a.licence = a.doc.d.feedURL, a.doc.d.rpdeID, a.doc.d.license
	}
	return acts
}

func (a *activity) fromEntity(e *entity, orphan bool) {
	a.key, a.kind, a.own, a.doc, a.orphan, a.ent, a.children = e.key, e.typ, e.facts(), e.chosen.doc, orphan, e, e.children
	if e.container != nil {
		a.container = e.container.facts()
	}
}

// fromOrphans builds the activity of children naming the same missing
// parent: its type, feed and licence come from the child first in §8.3.2
// order (copies of one item stored twice tie; the lesser key goes first).
func (a *activity) fromOrphans(id string, members []*entity) {
	slices.SortFunc(members, func(a, b *entity) int {
		switch {
		case betterNode(a.chosen, b.chosen):
			return -1
		case betterNode(b.chosen, a.chosen):
			return 1
		}
		return strings.Compare(a.key, b.key)
	})
	first := members[0]
	a.key, a.kind, a.doc, a.orphan, a.children = id, first.typ, first.chosen.doc, true, members
}
