package score

import (
	"unsafe"

	"github.com/feedgauge/feedgauge/internal/postcode"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// decoder decodes items one after another, reusing its scratch memory —
// the parser's tree, the indexed objects and the walk's lists — from one
// item to the next. It is not safe for concurrent use.
//
// A batch decoder serves items that live and die together (the items of one
// Prepare or Builder): it cuts their Decoded values, nodes, refs and JSON
// copies from shared chunks instead of allocating each one. A Cache keeps
// items across snapshots, one by one, so it uses a plain decoder: a chunk
// would keep every item cut from it alive as long as any one of them.
type decoder struct {
	ps     jsonld.Parser
	objs   []keyed   // the current item's nodes' objects, indexed
	keys   []string  // their keys
	spans  []refSpan // their refs in refs
	refs   []linkRef
	nested nestedIndex
	memos  memos

	batch bool
	items chunks[Decoded]
	nodes chunks[dnode]
	links chunks[linkRef]
	bytes []byte // the free end of the current chunk of JSON copies
}

// refSpan is a node's refs within decoder.refs.
type refSpan struct{ start, end int32 }

// decodedOne is a Decoded with room for one node, the common case, so a
// plain decoder allocates both at once.
type decodedOne struct {
	d    Decoded
	node [1]dnode
}

// keep moves a decoded item, with room for n nodes, to memory of its own.
func (dc *decoder) keep(d *Decoded, n int) *Decoded {
	var out *Decoded
	switch {
	case dc.batch:
		out = &dc.items.take(1)[0]
		*out = *d
		if n > 0 {
			out.nodes = dc.nodes.take(n)
		}
	case n == 1:
		one := &decodedOne{d: *d}
		out = &one.d
		out.nodes = one.node[:]
	default:
		out = new(Decoded)
		*out = *d
		if n > 0 {
			out.nodes = make([]dnode, n)
		}
	}
	return out
}

// The sizes of a batch decoder's chunks of JSON copies: they start small, so
// a dataset of a few items stays small, and double up to textChunk. Larger
// items get a copy of their own.
const (
	textChunkMin = 1 << 10
	textChunk    = 32 << 10
)

// text returns a private copy of an item's bytes.
func (dc *decoder) text(b []byte) string {
	if !dc.batch || len(b) == 0 || len(b) > textChunk/4 {
		return string(b)
	}
	if len(b) > cap(dc.bytes)-len(dc.bytes) {
		size := min(max(2*cap(dc.bytes), textChunkMin), textChunk)
		for size < len(b) {
			size *= 2
		}
		dc.bytes = make([]byte, 0, size)
	}
	start := len(dc.bytes)
	dc.bytes = append(dc.bytes, b...)
	// The copied bytes are never written again: later items are appended
	// after them, and a full chunk is replaced, never reused.
	return unsafe.String(&dc.bytes[start], len(b))
}

// chunks hands out slices cut from larger allocations, which grow from a
// few elements to chunkMax so small batches stay small. Pieces are capped at
// their length, so appending to one never touches another.
type chunks[T any] struct {
	free []T
	next int
}

const chunkMax = 512

func (c *chunks[T]) take(n int) []T {
	if n > len(c.free) {
		c.next = min(max(2*c.next, 8), chunkMax)
		c.free = make([]T, max(n, c.next))
	}
	p := c.free[:n:n]
	c.free = c.free[n:]
	return p
}

// copy returns xs in memory of their own: from a chunk when batching, else
// in one allocation.
func (c *chunks[T]) copy(xs []T, batch bool) []T {
	var p []T
	if batch {
		p = c.take(len(xs))
	} else {
		p = make([]T, len(xs))
	}
	copy(p, xs)
	return p
}

// memos remember what was read of strings a dataset repeats — the
// postcodes and organiser urls of the same few venues and organisers, again
// and again — where reading them is costly (a regular expression, a URL
// parse). Both readers are pure, so a remembered result is the result.
type memos struct {
	postcodes memo[postcodeResult]
	hosts     memo[hostParts]
}

type postcodeResult struct {
	norm string
	ok   bool
}

// normalise is postcode.Normalise.
func (m *memos) normalise(s string) (string, bool) {
	r := m.postcodes.get(s, func(s string) postcodeResult {
		n, ok := postcode.Normalise(s)
		return postcodeResult{n, ok}
	})
	return r.norm, r.ok
}

// splitHost is splitHost.
func (m *memos) splitHost(s string) hostParts { return m.hosts.get(s, splitHost) }

// memo is one reader's results by input. Its memory is bounded: it starts
// afresh when full, and is dropped with the decoder.
type memo[V any] struct{ seen map[string]V }

const memoMax = 4096

func (m *memo[V]) get(s string, read func(string) V) V {
	if v, ok := m.seen[s]; ok {
		return v
	}
	v := read(s)
	if m.seen == nil || len(m.seen) >= memoMax {
		m.seen = make(map[string]V)
	}
	m.seen[s] = v
	return v
}

// nestedIndex finds the facts of the node whose object is v, for objects
// nested in an item's root (nil for any other value). Items nest few
// objects, so a list is searched; many nested objects get a map, so hostile
// input stays linear.
type nestedIndex struct {
	objs  []*jsonld.Value
	facts []*objFacts
	at    map[*jsonld.Value]*objFacts
}

const nestedListMax = 8

func (n *nestedIndex) reset(objs []keyed, nodes []dnode) {
	n.objs, n.facts, n.at = n.objs[:0], n.facts[:0], nil
	if len(nodes) <= 1 {
		return
	}
	if len(nodes)-1 > nestedListMax {
		n.at = make(map[*jsonld.Value]*objFacts, len(nodes)-1)
		for i := 1; i < len(nodes); i++ {
			n.at[objs[i].obj] = &nodes[i].facts
		}
		return
	}
	for i := 1; i < len(nodes); i++ {
		n.objs = append(n.objs, objs[i].obj)
		n.facts = append(n.facts, &nodes[i].facts)
	}
}

func (n *nestedIndex) of(v *jsonld.Value) *objFacts {
	if n.at != nil {
		return n.at[v]
	}
	for i, o := range n.objs {
		if o == v {
			return n.facts[i]
		}
	}
	return nil
}
