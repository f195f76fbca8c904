package score

import (
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
// are read, so dc recycles its memory from one item to the next.
func (dc *decoder) decode(it *domain.Item) *Decoded { return dc.decodeItem(it, true) }

// decodeItem is decode; without keep, the item's JSON is not kept (the
// facts own their strings), which saves its size for every item held.
func (dc *decoder) decodeItem(it *domain.Item, keep bool) *Decoded {
	d := Decoded{feedURL: it.FeedURL, rpdeID: it.RPDEID, license: it.License, state: it.State, modified: it.Modified,
		firstSeen: it.FirstSeen, firstHarvest: it.FirstHarvest, seq: it.Seq}
	if it.State == domain.StateDeleted {
		return dc.keep(&d, 0)
	}
	var root *jsonld.Value
	var err error
	if keep {
		d.data = dc.text(it.Data)
		root, err = dc.ps.Parse(d.data)
	} else {
		root, err = dc.ps.ParseOwned(unsafe.String(unsafe.SliceData(it.Data), len(it.Data)))
	}
	if err != nil || !root.IsObject() {
		return dc.keep(&d, 0)
	}
	d.readable = true
	dc.objs, dc.keys, dc.spans, dc.refs = dc.objs[:0], dc.keys[:0], dc.spans[:0], dc.refs[:0]
	dc.walk(root, rootKey(it, root))
	out := dc.keep(&d, len(dc.keys))
	dc.fillNodes(out.nodes)
	// Facts are read once the nodes are fixed, innermost first: an object's
	// as.4 problems refer to those of the objects nested in it.
	dc.nested.reset(dc.objs, out.nodes)
	for i := len(out.nodes) - 1; i >= 0; i-- {
		readFacts(&dc.objs[i], &out.nodes[i].facts, &dc.nested, &dc.memos)
	}
	out.mod, out.modOK = modifiedTime(it.Modified, london)
	return out
}

// rootKey is the entity key of an item's root: its @id, else one derived
// from the feed and RPDE id.
func rootKey(it *domain.Item, root *jsonld.Value) string {
	if id, ok := jsonld.ID(root); ok && jsonld.Trim(id) != "" {
		return id
	}
	return it.FeedURL + "#" + it.RPDEID
}

// walk adds obj and, depth first, every object nested in it through a link
// property: its object (indexed), key and, once its children are walked,
// the span of its refs in dc.refs.
func (dc *decoder) walk(obj *jsonld.Value, key string) {
	i := len(dc.keys)
	dc.keys = append(dc.keys, key)
	dc.spans = append(dc.spans, refSpan{})
	if i < cap(dc.objs) {
		dc.objs = dc.objs[:i+1]
	} else {
		dc.objs = append(dc.objs, keyed{})
	}
	dc.objs[i].reset(obj)
	var buf [4]linkRef // an object's own refs, kept apart from its children's
	refs := buf[:0]
	for p, k := range linkKeys {
		items := jsonld.Items(dc.objs[i].get(k))
		for j, it := range items {
			r := linkRef{prop: uint8(p), kind: it.Kind, key: refKey(key, linkProps[p], j, len(items), it)}
			r.absent = it.Kind == jsonld.String && jsonld.Absent(it)
			refs = append(refs, r)
			if it.IsObject() {
				dc.walk(it, r.key)
			}
		}
	}
	dc.spans[i] = refSpan{int32(len(dc.refs)), int32(len(dc.refs) + len(refs))}
	dc.refs = append(dc.refs, refs...)
}

// fillNodes gives the walked nodes their keys and refs.
func (dc *decoder) fillNodes(nodes []dnode) {
	all := dc.refs
	if len(all) > 0 {
		all = dc.links.copy(all, dc.batch)
	}
	for i := range nodes {
		nodes[i].key = dc.keys[i]
		if sp := dc.spans[i]; sp.end > sp.start {
			nodes[i].refs = all[sp.start:sp.end:sp.end]
		}
	}
}

// sameVersion reports whether it is exactly the item d was decoded from, in
// everything scoring reads.
func (d *Decoded) sameVersion(it *domain.Item) bool {
	return d.seq == it.Seq && d.feedURL == it.FeedURL && d.rpdeID == it.RPDEID && d.state == it.State &&
		d.license == it.License && d.modified == it.Modified && d.firstHarvest == it.FirstHarvest &&
		d.firstSeen.Equal(it.FirstSeen) &&
		(d.state == domain.StateDeleted || d.data == string(it.Data))
}
