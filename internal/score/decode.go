package score

import (
	"slices"
	"strconv"
	"time"
	"unsafe"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// Decoded is one stored item read once: its JSON parsed, every object copy
// in it (the root, and objects nested through link properties) reduced to
// the facts scoring reads, and its link references keyed. It depends on the
// item alone — not on T, the dataset or the reference — and is never
// changed once built, so a Cache can hand the same Decoded to many
// Prepared datasets, used concurrently.
type Decoded struct {
	feedURL, rpdeID, license string
	state, modified          string
	firstSeen                time.Time
	firstHarvest             bool
	seq                      int64
	data                     string // a copy of the item's bytes; the facts' strings share it

	readable bool    // an updated item whose data is a JSON object
	nodes    []dnode // root first, then nested objects in document order
	mod      time.Time
	modOK    bool // `modified` reads as a time (§8.2.4; the feed's ordering decides later)
}

// dnode is one object copy in a decoded item.
type dnode struct {
	key   string    // its entity key
	refs  []linkRef // every item of its link properties, in linkProps order
	facts objFacts
}

// linkProps are the properties through which parents, children and
// containers are nested inside other items (§1: "including parents nested
// inside other items").
var linkProps = [...]string{"superEvent", "facilityUse", "subEvent", "individualFacilityUse", "aggregateFacilityUse", "instanceOfCourse"}

const (
	propSuperEvent uint8 = iota
	propFacilityUse
	propSubEvent
	propIndividualFacilityUse
	propAggregateFacilityUse
	propInstanceOfCourse
)

// linkRef is one item of a link property: the entity key it names and
// what kind of JSON value it is, which decides where links may follow it.
type linkRef struct {
	prop   uint8
	kind   jsonld.Kind
	absent bool // a string that is absent (§8.1.2)
	key    string
}

// isNamed reports an object or a string: the values that name an entity.
func (r *linkRef) isNamed() bool { return r.kind == jsonld.Object || r.kind == jsonld.String }

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

// decode reads one item. The tree is parsed from a private copy of the
// bytes, so the caller may reuse its buffers, and dropped once the facts
// are read, so ps recycles its memory from one item to the next.
func decode(it *domain.Item, ps *jsonld.Parser) *Decoded { return decodeItem(it, ps, true) }

// decodeItem is decode; without keep, the item's JSON is not kept (the
// facts own their strings), which saves its size for every item held.
func decodeItem(it *domain.Item, ps *jsonld.Parser, keep bool) *Decoded {
	d := &Decoded{feedURL: it.FeedURL, rpdeID: it.RPDEID, license: it.License, state: it.State, modified: it.Modified,
		firstSeen: it.FirstSeen, firstHarvest: it.FirstHarvest, seq: it.Seq}
	if it.State == domain.StateDeleted {
		return d
	}
	var root *jsonld.Value
	var err error
	if keep {
		d.data = string(it.Data)
		root, err = ps.Parse(d.data)
	} else {
		root, err = ps.ParseOwned(unsafe.String(unsafe.SliceData(it.Data), len(it.Data)))
	}
	if err != nil || !root.IsObject() {
		return d
	}
	d.readable = true
	key := it.FeedURL + "#" + it.RPDEID
	if id, ok := jsonld.ID(root); ok && jsonld.Trim(id) != "" {
		key = id
	}
	var buf [4]*jsonld.Value
	objs := d.walk(root, key, buf[:0])
	// Facts are read once the nodes are fixed, innermost first: an object's
	// as.4 problems refer to those of the objects nested in it.
	nested := nestedFacts(d.nodes, objs)
	for i := len(d.nodes) - 1; i >= 0; i-- {
		readFacts(objs[i], &d.nodes[i].facts, nested)
	}
	d.mod, d.modOK = modifiedTime(it.Modified, london)
	return d
}

// walk adds obj and, depth first, every object nested in it through a link
// property, appending each node's object to objs.
func (d *Decoded) walk(obj *jsonld.Value, key string, objs []*jsonld.Value) []*jsonld.Value {
	i := len(d.nodes)
	d.nodes = append(d.nodes, dnode{key: key})
	objs = append(objs, obj)
	var buf [4]linkRef // most objects have a few refs; kept exactly sized
	refs := buf[:0]
	for p, prop := range linkProps {
		items := jsonld.Items(obj.Get(prop))
		for j, it := range items {
			r := linkRef{prop: uint8(p), kind: it.Kind, key: refKey(key, prop, j, len(items), it)}
			r.absent = it.Kind == jsonld.String && jsonld.Absent(it)
			refs = append(refs, r)
			if it.IsObject() {
				objs = d.walk(it, r.key, objs)
			}
		}
	}
	if len(refs) > 0 {
		d.nodes[i].refs = slices.Clone(refs)
	}
	return objs
}

// nestedFacts finds the facts of the node whose object is v, for objects
// nested in the root (nil for any other value).
func nestedFacts(nodes []dnode, objs []*jsonld.Value) func(v *jsonld.Value) *objFacts {
	if len(nodes) == 1 {
		return func(*jsonld.Value) *objFacts { return nil }
	}
	at := make(map[*jsonld.Value]*objFacts, len(objs)-1)
	for i := 1; i < len(objs); i++ {
		at[objs[i]] = &nodes[i].facts
	}
	return func(v *jsonld.Value) *objFacts { return at[v] }
}

// sameVersion reports whether it is exactly the item d was decoded from, in
// everything scoring reads.
func (d *Decoded) sameVersion(it *domain.Item) bool {
	return d.seq == it.Seq && d.feedURL == it.FeedURL && d.rpdeID == it.RPDEID && d.state == it.State &&
		d.license == it.License && d.modified == it.Modified && d.firstHarvest == it.FirstHarvest &&
		d.firstSeen.Equal(it.FirstSeen) &&
		(d.state == domain.StateDeleted || d.data == string(it.Data))
}
