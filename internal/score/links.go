package score

import (
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// link connects the entities through their scored copies (§8.3.3, §8.3.5).
// Only one level of links is ever followed from an entity, so cyclic
// superEvent chains cannot loop.
func (g *graph) link() {
	seen := map[[2]*entity]bool{}
	addChild := func(p, c *entity) {
		if p == c || seen[[2]*entity{p, c}] || isSeriesType(c.typ) {
			return
		}
		seen[[2]*entity{p, c}] = true
		p.children = append(p.children, c)
		c.parents++
	}
	for _, e := range g.list {
		obj := e.chosen.obj
		if !isSeriesType(e.typ) {
			g.linkParents(e, obj, addChild)
		}
		items := jsonld.Items(obj.Get("subEvent"))
		for i, it := range items {
			if c := g.byKey[refKey(e.key, "subEvent", i, len(items), it)]; c != nil && (it.IsObject() || it.Kind == jsonld.String) {
				addChild(e, c)
			}
		}
		g.linkContainer(e, obj)
	}
	// IndividualFacilityUse without a nesting FacilityUse: the one its
	// aggregateFacilityUse names.
	for _, e := range g.list {
		if e.typ == "IndividualFacilityUse" && e.container == nil {
			e.container = g.firstRef(e, "aggregateFacilityUse")
		}
	}
}

// linkParents makes e an occurrence of every existing parent it names by
// superEvent or facilityUse; the first missing one is remembered for
// orphan grouping.
func (g *graph) linkParents(e *entity, obj *jsonld.Value, addChild func(p, c *entity)) {
	for _, prop := range [...]string{"superEvent", "facilityUse"} {
		items := jsonld.Items(obj.Get(prop))
		for i, it := range items {
			if !it.IsObject() && it.Kind != jsonld.String {
				continue
			}
			if it.Kind == jsonld.String && jsonld.Absent(it) {
				continue
			}
			e.parentRefs++
			key := refKey(e.key, prop, i, len(items), it)
			if p := g.byKey[key]; p != nil {
				addChild(p, e)
			} else if e.missingRef == "" {
				e.missingRef = key
			}
		}
	}
}

// linkContainer records containers: a SessionSeries' superEvent, a
// CourseInstance's instanceOfCourse, and the IndividualFacilityUses a
// FacilityUse nests.
func (g *graph) linkContainer(e *entity, obj *jsonld.Value) {
	switch e.typ {
	case "SessionSeries":
		e.container = g.firstRef(e, "superEvent")
	case "CourseInstance":
		e.container = g.firstRef(e, "instanceOfCourse")
	}
	items := jsonld.Items(obj.Get("individualFacilityUse"))
	for i, it := range items {
		if c := g.byKey[refKey(e.key, "individualFacilityUse", i, len(items), it)]; c != nil && c.container == nil && c != e {
			c.container = e
		}
	}
}

// firstRef is the first existing entity named by prop on e's scored copy.
func (g *graph) firstRef(e *entity, prop string) *entity {
	items := jsonld.Items(e.chosen.obj.Get(prop))
	for i, it := range items {
		if !it.IsObject() && it.Kind != jsonld.String {
			continue
		}
		if c := g.byKey[refKey(e.key, prop, i, len(items), it)]; c != nil && c != e {
			return c
		}
	}
	return nil
}
