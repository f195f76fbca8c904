package jsonld

import (
	"errors"
	"fmt"
	"strings"
	"unique"
)

// ErrSyntax is returned for input that is not one JSON value.
var ErrSyntax = errors.New("jsonld: invalid JSON")

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 10000

// Parse reads one JSON value. It is a small hand-written parser because
// scoring parses every item exactly once and encoding/json into maps was
// several times slower. Duplicate keys keep the last value, as encoding/json
// does; `id`/`type` become `@id`/`@type` where the `@` form is absent
// (§8.1.1). Parse copies data once, so the tree owns its strings.
func Parse(data []byte) (*Value, error) { return ParseShared(string(data)) }

// ParseShared is Parse without the copy: strings without escapes share src.
// Scoring uses it with unsafe views of item bytes it does not keep.
func ParseShared(src string) (*Value, error) {
	// A JSON value takes roughly 20 bytes or more, so this first slab
	// rarely needs a second one and small items stay small.
	p := parser{src: src, slab: make([]Value, 0, len(src)/20+8)}
	return p.run()
}

// Parser reads documents one after another, recycling its memory: the tree
// a Parse returns is valid only until the next Parse on the same Parser
// (its strings share src and stay valid). It suits a caller that reads each
// tree once and keeps only strings, as scoring does when it decodes items;
// a Parser is not safe for concurrent use.
type Parser struct{ p parser }

// Parse is ParseShared with recycled memory.
func (ps *Parser) Parse(src string) (*Value, error) {
	return ps.parse(src, false)
}

// ParseOwned is Parse for a tree whose strings never share src: values are
// copied and keys interned, so a caller keeping a few strings of a large
// document does not keep the document, and src may be a view of a buffer
// that is reused afterwards.
func (ps *Parser) ParseOwned(src string) (*Value, error) {
	return ps.parse(src, true)
}

func (ps *Parser) parse(src string, own bool) (*Value, error) {
	p := &ps.p
	p.src, p.i, p.recycle, p.own = src, 0, true, own
	p.slab, p.memberArena, p.elemArena = p.slab[:0], p.memberArena[:0], p.elemArena[:0]
	p.members, p.elems = p.members[:0], p.elems[:0] // a failed parse may leave some
	return p.run()
}

func (p *parser) run() (*Value, error) {
	p.ws()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.i != len(p.src) {
		return nil, p.fail("trailing data")
	}
	return v, nil
}

type parser struct {
	src  string
	i    int
	slab []Value
	// Scratch stacks: members and elements are collected here and copied
	// into an exactly sized slice when the container closes, so each object
	// or array costs one allocation instead of a chain of appends.
	members []Member
	elems   []*Value
	// A recycling parser copies closed containers into these arenas
	// instead of allocating, and reuses them for the next document.
	recycle     bool
	memberArena []Member
	// own makes strings independent of src (ParseOwned).
	own       bool
	elemArena []*Value
}

func (p *parser) fail(what string) error {
	return fmt.Errorf("%w: %s at offset %d", ErrSyntax, what, p.i)
}

// alloc hands out Values from a slab so a document costs few allocations.
func (p *parser) alloc() *Value {
	if len(p.slab) == cap(p.slab) {
		p.slab = make([]Value, 0, 2*cap(p.slab)+8)
	}
	p.slab = p.slab[:len(p.slab)+1]
	v := &p.slab[len(p.slab)-1]
	*v = Value{} // a recycled slab holds the last document's values
	return v
}

func (p *parser) ws() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (*Value, error) {
	if depth > maxDepth {
		return nil, p.fail("nesting too deep")
	}
	if p.i >= len(p.src) {
		return nil, p.fail("unexpected end")
	}
	switch c := p.src[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		if p.own {
			s = strings.Clone(s)
		}
		v := p.alloc()
		v.Kind, v.S = String, s
		return v, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		return p.literal()
	}
}

func (p *parser) literal() (*Value, error) {
	v := p.alloc()
	for _, lit := range [...]struct {
		text string
		kind Kind
		b    bool
	}{{"true", Bool, true}, {"false", Bool, false}, {"null", Null, false}} {
		if len(p.src)-p.i >= len(lit.text) && p.src[p.i:p.i+len(lit.text)] == lit.text {
			p.i += len(lit.text)
			v.Kind, v.B = lit.kind, lit.b
			return v, nil
		}
	}
	return nil, p.fail("unexpected character")
}

func (p *parser) digits() int {
	start := p.i
	for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
		p.i++
	}
	return p.i - start
}

func (p *parser) number() (*Value, error) {
	start := p.i
	if p.src[p.i] == '-' {
		p.i++
	}
	if p.i < len(p.src) && p.src[p.i] == '0' {
		p.i++
	} else if p.digits() == 0 {
		return nil, p.fail("bad number")
	}
	if p.i < len(p.src) && p.src[p.i] == '.' {
		p.i++
		if p.digits() == 0 {
			return nil, p.fail("bad fraction")
		}
	}
	if p.i < len(p.src) && (p.src[p.i] == 'e' || p.src[p.i] == 'E') {
		p.i++
		if p.i < len(p.src) && (p.src[p.i] == '+' || p.src[p.i] == '-') {
			p.i++
		}
		if p.digits() == 0 {
			return nil, p.fail("bad exponent")
		}
	}
	v := p.alloc()
	v.Kind, v.S = Number, p.src[start:p.i]
	if p.own {
		v.S = strings.Clone(v.S)
	}
	return v, nil
}

func (p *parser) array(depth int) (*Value, error) {
	p.i++
	v := p.alloc()
	v.Kind = Array
	p.ws()
	if p.i < len(p.src) && p.src[p.i] == ']' {
		p.i++
		return v, nil
	}
	mark := len(p.elems) // elements past mark are this array's until it closes
	for {
		p.ws()
		e, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		p.elems = append(p.elems, e)
		p.ws()
		if p.i >= len(p.src) {
			return nil, p.fail("unterminated array")
		}
		c := p.src[p.i]
		p.i++
		if c == ']' {
			v.A = keep(p.recycle, &p.elemArena, p.elems[mark:])
			p.elems = p.elems[:mark]
			return v, nil
		}
		if c != ',' {
			return nil, p.fail("expected , or ]")
		}
	}
}

func (p *parser) object(depth int) (*Value, error) {
	p.i++
	v := p.alloc()
	v.Kind = Object
	var index map[string]int
	mark := len(p.members) // members past mark are this object's until it closes
	alias := false         // an `id` or `type` key was met
	p.ws()
	if p.i < len(p.src) && p.src[p.i] == '}' {
		p.i++
		return v, nil
	}
	for {
		p.ws()
		if p.i >= len(p.src) || p.src[p.i] != '"' {
			return nil, p.fail("expected key")
		}
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		if p.own {
			// Keys are a vocabulary of a few hundred names.
			k = unique.Make(k).Value()
		}
		p.ws()
		if p.i >= len(p.src) || p.src[p.i] != ':' {
			return nil, p.fail("expected :")
		}
		p.i++
		p.ws()
		e, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		index = p.setMember(mark, k, e, index)
		alias = alias || k == "id" || k == "type"
		p.ws()
		if p.i >= len(p.src) {
			return nil, p.fail("unterminated object")
		}
		c := p.src[p.i]
		p.i++
		if c == '}' {
			v.O = keep(p.recycle, &p.memberArena, p.members[mark:])
			p.members = p.members[:mark]
			if alias {
				applyAliases(v)
			}
			return v, nil
		}
		if c != ',' {
			return nil, p.fail("expected , or }")
		}
	}
}

// keep copies a closed container's members or elements out of the scratch
// stack: into an exactly sized slice, or when recycling into the arena.
// Arena pieces are capped, and a full arena is replaced, never grown in
// place, so earlier pieces stay put.
func keep[T any](recycle bool, arena *[]T, xs []T) []T {
	if !recycle {
		return append([]T(nil), xs...)
	}
	if len(xs) > cap(*arena)-len(*arena) {
		*arena = make([]T, 0, max(2*cap(*arena), len(xs), 256))
	}
	start := len(*arena)
	*arena = append(*arena, xs...)
	return (*arena)[start:len(*arena):len(*arena)]
}

// setMember adds a key to the open object whose members start at mark,
// replacing an earlier duplicate (last one wins). Large objects use an index
// so hostile input stays linear.
func (p *parser) setMember(mark int, k string, e *Value, index map[string]int) map[string]int {
	ms := p.members[mark:]
	if index == nil && len(ms) >= 32 {
		index = make(map[string]int, 64)
		for i := range ms {
			index[ms[i].Key] = i
		}
	}
	if index != nil {
		if i, ok := index[k]; ok {
			ms[i].Val = e
			return index
		}
		index[k] = len(ms)
	} else {
		for i := range ms {
			if ms[i].Key == k {
				ms[i].Val = e
				return nil
			}
		}
	}
	p.members = append(p.members, Member{Key: k, Val: e})
	return index
}

// applyAliases renames `id`→`@id` and `type`→`@type` when the `@` form is
// absent, so every later lookup sees one spelling (§8.1.1).
func applyAliases(v *Value) {
	hasID, hasType := v.Get("@id") != nil, v.Get("@type") != nil
	for i := range v.O {
		switch {
		case v.O[i].Key == "id" && !hasID:
			v.O[i].Key = "@id"
		case v.O[i].Key == "type" && !hasType:
			v.O[i].Key = "@type"
		}
	}
}
