package score

import (
	"time"
)

// pdoc is one readable item of a prepared dataset: its decoded form and
// what its feed says about its change time.
type pdoc struct {
	d *Decoded
	// The item's change time (§8.2.4–§8.2.5): `modified` when its feed
	// orders by timestamp and the value is plausible (modOK; it must also
	// be no later than T + 24 h, checked at T), else the first-seen time
	// (seenOK), else unknown.
	mod, seen     time.Time
	modOK, seenOK bool
}

var minPlausible = time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)

// better orders copies by §8.3.2 / §8.14.8: the greater feed_url, then the
// greater RPDE id, by code point (byte order of UTF-8 strings).
func (d *pdoc) better(o *pdoc) bool {
	if d.d.feedURL != o.d.feedURL {
		return d.d.feedURL > o.d.feedURL
	}
	return d.d.rpdeID > o.d.rpdeID
}

// node is one copy of an object in a prepared dataset.
type node struct {
	dn    *dnode
	doc   *pdoc
	top   bool
	order int32 // document order within its doc, for inline ties
}

// entity is one object identity (an @id, or a derived key) with all its
// copies across the dataset and its links.
type entity struct {
	idx        int32 // position in graph.ents
	key        string
	nodes      []node // copies in dataset order
	chosen     *node
	typ        string
	children   []*entity
	parents    int32  // existing parents this entity is an occurrence of
	parentRefs int32  // superEvent/facilityUse references it makes
	missingRef string // the first reference that names no existing parent
	container  *entity
	// The entities nesting this one through individualFacilityUse with the
	// least key, overall and among keys after this one's (links.go).
	nester, nesterAfter *entity
}

// facts are the facts of the scored copy.
func (e *entity) facts() *objFacts { return &e.chosen.dn.facts }

// graph indexes every object copy of a dataset by entity key.
type graph struct {
	byKey map[string]*entity
	ents  []entity // creation order
}

// buildGraph registers every copy of every object, then picks each entity's
// scored copy. Copies are stored per entity in one slab, in dataset order.
func buildGraph(docs []pdoc) *graph {
	n := 0
	for i := range docs {
		n += len(docs[i].d.nodes)
	}
	g := &graph{byKey: make(map[string]*entity, n), ents: make([]entity, 0, n)}
	owner := make([]*entity, 0, n)
	count := make([]int32, 0, n)
	for i := range docs {
		for k := range docs[i].d.nodes {
			key := docs[i].d.nodes[k].key
			e := g.byKey[key]
			if e == nil {
				g.ents = append(g.ents, entity{idx: int32(len(g.ents)), key: key}) // never reallocates: cap is n
				e = &g.ents[len(g.ents)-1]
				g.byKey[key] = e
				count = append(count, 0)
			}
			count[e.idx]++
			owner = append(owner, e)
		}
	}
	slab := make([]node, n)
	off := 0
	for i := range g.ents {
		c := int(count[i])
		g.ents[i].nodes = slab[off : off : off+c]
		off += c
	}
	j := 0
	for i := range docs {
		doc := &docs[i]
		for k := range doc.d.nodes {
			e := owner[j]
			e.nodes = append(e.nodes, node{dn: &doc.d.nodes[k], doc: doc, top: k == 0, order: int32(k)})
			j++
		}
	}
	for i := range g.ents {
		g.ents[i].choose()
	}
	return g
}

// choose picks the entity's scored copy (§8.3.2): the best top-level copy,
// else the inline copy in the best embedding item (first in that item).
func (e *entity) choose() {
	for i := range e.nodes {
		if n := &e.nodes[i]; e.chosen == nil || betterNode(n, e.chosen) {
			e.chosen = n
		}
	}
	e.typ = e.facts().typ
}

func betterNode(a, b *node) bool {
	if a.top != b.top {
		return a.top
	}
	if a.doc != b.doc {
		return a.doc.better(b.doc)
	}
	return a.order < b.order
}
