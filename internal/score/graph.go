package score

import (
	"slices"
	"strconv"
	"strings"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// doc is one updated item, parsed once.
type doc struct {
	item *domain.Item
	root *jsonld.Value
	key  string // the root object's entity key
}

// better orders copies by §8.3.2 / §8.14.8: the greater feed_url, then the
// greater RPDE id, by code point (byte order of UTF-8 strings).
func (d *doc) better(o *doc) bool {
	if d.item.FeedURL != o.item.FeedURL {
		return d.item.FeedURL > o.item.FeedURL
	}
	return d.item.RPDEID > o.item.RPDEID
}

// node is one copy of an object: an item's root or an object nested in it
// through a link property.
type node struct {
	obj   *jsonld.Value
	doc   *doc
	top   bool
	order int // document order within its doc, for inline ties
}

// entity is one object identity (an @id, or a derived key) with all its
// copies across the dataset and its links.
type entity struct {
	key        string
	nodes      []*node
	chosen     *node
	typ        string
	children   []*entity
	parents    int    // existing parents this entity is an occurrence of
	parentRefs int    // superEvent/facilityUse references it makes
	missingRef string // the first reference that names no existing parent
	container  *entity
	startKnown bool // start parsed
	start      startInfo
	cancelled  bool
}

// linkProps are the properties through which parents, children and
// containers are nested inside other items (§1: "including parents nested
// inside other items").
var linkProps = [...]string{"superEvent", "facilityUse", "subEvent", "individualFacilityUse", "aggregateFacilityUse", "instanceOfCourse"}

// refKey is the entity key of a linked value: its @id; for an inline object
// without one, a key derived from the embedding key (§8.3.1 "<embedding
// key>#parent"); for a string, the string itself.
func refKey(embedding, prop string, i, n int, v *jsonld.Value) string {
	if s, ok := v.Str(); ok {
		return s
	}
	if id, ok := jsonld.ID(v); ok && jsonld.Present(v.Get("@id")) {
		return id
	}
	suffix := prop
	if prop == "superEvent" || prop == "facilityUse" {
		suffix = "parent"
	}
	if n > 1 {
		suffix += "/" + strconv.Itoa(i)
	}
	return embedding + "#" + suffix
}

// graph indexes every object copy of a dataset by entity key.
type graph struct {
	byKey map[string]*entity
	list  []*entity // insertion order, then sorted by key
	docs  []*doc
	nodes []node // slab for node copies
}

func (g *graph) entity(key string) *entity {
	e := g.byKey[key]
	if e == nil {
		e = &entity{key: key}
		g.byKey[key] = e
		g.list = append(g.list, e)
	}
	return e
}

// newNode hands out nodes from a slab: one allocation per many copies.
func (g *graph) newNode(n node) *node {
	if len(g.nodes) == cap(g.nodes) {
		g.nodes = make([]node, 0, 1024)
	}
	g.nodes = append(g.nodes, n)
	return &g.nodes[len(g.nodes)-1]
}

// add registers a doc's root and, recursively, every object nested through
// a link property.
func (g *graph) add(d *doc) {
	order := 0
	var walk func(obj *jsonld.Value, key string, top bool)
	walk = func(obj *jsonld.Value, key string, top bool) {
		e := g.entity(key)
		e.nodes = append(e.nodes, g.newNode(node{obj: obj, doc: d, top: top, order: order}))
		order++
		for _, p := range linkProps {
			items := jsonld.Items(obj.Get(p))
			for i, it := range items {
				if it.IsObject() {
					walk(it, refKey(key, p, i, len(items), it), false)
				}
			}
		}
	}
	walk(d.root, d.key, true)
}

// choose picks each entity's scored copy (§8.3.2): the best top-level copy,
// else the inline copy in the best embedding item (first in that item).
func (g *graph) choose() {
	for _, e := range g.list {
		for _, n := range e.nodes {
			if e.chosen == nil || betterNode(n, e.chosen) {
				e.chosen = n
			}
		}
		e.typ = jsonld.TypeOf(e.chosen.obj)
	}
	slices.SortFunc(g.list, func(a, b *entity) int { return strings.Compare(a.key, b.key) })
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
