package score

import (
	"sort"
	"time"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// activity is one unit of scoring (§1): an entity with no parent, or an
// orphan group, with everything the checks read.
type activity struct {
	key       string
	kind      string
	own       *jsonld.Value // nil for an orphan group
	doc       *doc          // the item that carries (or embeds) the data
	orphan    bool
	ent       *entity
	children  []*entity // all children, cancelled included
	container *jsonld.Value

	// Filled at T.
	occs     []*entity       // non-cancelled children starting in the window, by start then key
	sources  []*jsonld.Value // own, occs, container (§8.3.6)
	checked  []*entity       // occurrences as.4 looks at: in window or unparsable start
	next     time.Time
	hasNext  bool
	inWindow int
	online   bool
	notes    []string // why upcoming is what it is, for explanations
}

// activities decides which entities are activities (§1, §8.3, §8.14.3,
// §8.14.7) and groups orphans by the missing parent they name.
func (g *graph) activities() []*activity {
	var acts []*activity
	orphans := map[string][]*entity{}
	for _, e := range g.list {
		switch {
		case e.parents > 0:
			// An object linked as a child is never a standalone activity.
		case len(e.children) > 0:
			acts = append(acts, newActivity(e, false))
		case e.parentRefs > 0 && e.missingRef != "":
			orphans[e.missingRef] = append(orphans[e.missingRef], e)
		case !e.chosen.top:
			// Inline objects no child links to are not activities.
		case isChildOnlyType(e.typ):
			acts = append(acts, newActivity(e, true))
		case isActivityType(e.typ) && e.typ != "IndividualFacilityUse":
			acts = append(acts, newActivity(e, false))
		}
	}
	for id, members := range orphans {
		acts = append(acts, newOrphan(id, members))
	}
	sort.Slice(acts, func(i, j int) bool { return acts[i].key < acts[j].key })
	return acts
}

func newActivity(e *entity, orphan bool) *activity {
	a := &activity{key: e.key, kind: e.typ, own: e.chosen.obj, doc: e.chosen.doc, orphan: orphan, ent: e, children: e.children}
	if e.container != nil {
		a.container = e.container.chosen.obj
	}
	return a
}

// newOrphan builds the activity of children naming the same missing parent:
// its type, feed and licence come from the child first in §8.3.2 order.
func newOrphan(id string, members []*entity) *activity {
	sort.Slice(members, func(i, j int) bool { return betterNode(members[i].chosen, members[j].chosen) })
	first := members[0]
	return &activity{key: id, kind: first.typ, doc: first.chosen.doc, orphan: true, children: members}
}
