package oruk

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// tree builds the parsed form of a converted service directly, exactly as
// jsonld.Parse(json.Marshal(s)) reads it: readiness scores every OpenActive
// activity of every snapshot, and the JSON round trip, then reflection, were
// most of its cost. It writes each V3 type's fields in declaration order
// with their `json` names, leaving out empty `omitempty` fields as
// encoding/json does, and reads as the parser does: `id` becomes `@id`
// (no V3 type has an `@id` field), invalid UTF-8 is replaced as Marshal
// replaces it. TestTreeEqualsRoundTrip holds the two together: a field
// added to a V3 type must be added here too.
func tree(s *V3Service) *jsonld.Value {
	var b treeBuilder
	return b.service(s)
}

// treeBuilder hands out values and members from slabs, so a service's tree
// costs a few allocations rather than one per node; reset recycles them.
type treeBuilder struct {
	vals  []jsonld.Value
	mems  []jsonld.Member
	elems []*jsonld.Value
}

// reset makes the builder's memory free for the next tree, which must come
// after the last one is no longer read.
func (b *treeBuilder) reset() {
	b.vals, b.mems, b.elems = b.vals[:0], b.mems[:0], b.elems[:0]
}

func (b *treeBuilder) value(k jsonld.Kind, s string) *jsonld.Value {
	if len(b.vals) == cap(b.vals) {
		b.vals = make([]jsonld.Value, 0, max(64, 2*cap(b.vals)))
	}
	b.vals = append(b.vals, jsonld.Value{Kind: k, S: s})
	return &b.vals[len(b.vals)-1]
}

// object is an object with room for n members; add fills it.
func (b *treeBuilder) object(n int) *jsonld.Value {
	if cap(b.mems)-len(b.mems) < n {
		b.mems = make([]jsonld.Member, 0, max(128, 2*cap(b.mems), n))
	}
	start := len(b.mems)
	b.mems = b.mems[:start+n]
	v := b.value(jsonld.Object, "")
	v.O = b.mems[start : start : start+n]
	return v
}

// array is an array of n elements, to be set.
func (b *treeBuilder) array(n int) *jsonld.Value {
	if cap(b.elems)-len(b.elems) < n {
		b.elems = make([]*jsonld.Value, 0, max(32, 2*cap(b.elems), n))
	}
	start := len(b.elems)
	b.elems = b.elems[:start+n]
	v := b.value(jsonld.Array, "")
	v.A = b.elems[start : start+n : start+n]
	return v
}

func add(o *jsonld.Value, key string, v *jsonld.Value) {
	o.O = append(o.O, jsonld.Member{Key: key, Val: v})
}

// str adds a string field that is always written.
func (b *treeBuilder) str(o *jsonld.Value, key, s string) {
	add(o, key, b.value(jsonld.String, validUTF8(s)))
}

// optStr adds an omitempty string field.
func (b *treeBuilder) optStr(o *jsonld.Value, key, s string) {
	if s != "" {
		b.str(o, key, s)
	}
}

// optNum adds an omitempty json.Number field.
func (b *treeBuilder) optNum(o *jsonld.Value, key string, n json.Number) {
	if n != "" {
		add(o, key, b.value(jsonld.Number, string(n)))
	}
}

// optInt adds an omitempty int field.
func (b *treeBuilder) optInt(o *jsonld.Value, key string, n int) {
	if n != 0 {
		add(o, key, b.value(jsonld.Number, strconv.Itoa(n)))
	}
}

// list adds an omitempty slice field, each element built by one.
func list[T any](b *treeBuilder, o *jsonld.Value, key string, xs []T, one func(*treeBuilder, *T) *jsonld.Value) {
	if len(xs) == 0 {
		return
	}
	a := b.array(len(xs))
	for i := range xs {
		a.A[i] = one(b, &xs[i])
	}
	add(o, key, a)
}

func (b *treeBuilder) service(s *V3Service) *jsonld.Value {
	o := b.object(17)
	b.str(o, "@id", s.ID)
	b.optStr(o, "organization_id", s.OrganizationID)
	b.str(o, "name", s.Name)
	b.optStr(o, "description", s.Description)
	b.optStr(o, "url", s.URL)
	b.optStr(o, "email", s.Email)
	b.str(o, "status", s.Status)
	b.optStr(o, "fees", s.Fees)
	b.optNum(o, "minimum_age", s.MinimumAge)
	b.optNum(o, "maximum_age", s.MaximumAge)
	b.optStr(o, "last_modified", s.LastModified)
	list(b, o, "schedules", s.Schedules, (*treeBuilder).schedule)
	list(b, o, "service_at_locations", s.ServiceAtLocations, (*treeBuilder).serviceLocation)
	if s.Organization != nil {
		add(o, "organization", b.organization(s.Organization))
	}
	list(b, o, "cost_options", s.CostOptions, (*treeBuilder).costOption)
	list(b, o, "contacts", s.Contacts, (*treeBuilder).contact)
	list(b, o, "attributes", s.Attributes, (*treeBuilder).attribute)
	return o
}

func (b *treeBuilder) schedule(s *V3Schedule) *jsonld.Value {
	o := b.object(12)
	b.str(o, "@id", s.ID)
	b.optStr(o, "service_id", s.ServiceID)
	b.optStr(o, "valid_from", s.ValidFrom)
	b.optStr(o, "valid_to", s.ValidTo)
	b.optStr(o, "dtstart", s.DTStart)
	b.optStr(o, "freq", s.Freq)
	b.optInt(o, "interval", s.Interval)
	b.optStr(o, "byday", s.ByDay)
	b.optStr(o, "bymonthday", s.ByMonthDay)
	b.optStr(o, "description", s.Description)
	b.optStr(o, "opens_at", s.OpensAt)
	b.optStr(o, "closes_at", s.ClosesAt)
	return o
}

func (b *treeBuilder) serviceLocation(s *V3ServiceLocation) *jsonld.Value {
	o := b.object(4)
	b.str(o, "@id", s.ID)
	b.optStr(o, "service_id", s.ServiceID)
	b.optStr(o, "location_id", s.LocationID)
	if s.Location != nil {
		add(o, "location", b.location(s.Location))
	}
	return o
}

func (b *treeBuilder) location(l *V3Location) *jsonld.Value {
	o := b.object(8)
	b.str(o, "@id", l.ID)
	b.str(o, "location_type", l.LocationType)
	b.optStr(o, "name", l.Name)
	b.optStr(o, "description", l.Description)
	b.optNum(o, "latitude", l.Latitude)
	b.optNum(o, "longitude", l.Longitude)
	list(b, o, "addresses", l.Addresses, (*treeBuilder).address)
	list(b, o, "accessibility", l.Accessibility, (*treeBuilder).accessibility)
	return o
}

func (b *treeBuilder) address(a *V3Address) *jsonld.Value {
	o := b.object(9)
	b.str(o, "@id", a.ID)
	b.optStr(o, "location_id", a.LocationID)
	b.str(o, "address_1", a.Address1)
	b.str(o, "city", a.City)
	b.optStr(o, "region", a.Region)
	b.str(o, "state_province", a.StateProvince)
	b.str(o, "postal_code", a.PostalCode)
	b.str(o, "country", a.Country)
	b.str(o, "address_type", a.AddressType)
	return o
}

func (b *treeBuilder) accessibility(a *V3Accessibility) *jsonld.Value {
	o := b.object(3)
	b.str(o, "@id", a.ID)
	b.optStr(o, "location_id", a.LocationID)
	b.optStr(o, "description", a.Description)
	return o
}

func (b *treeBuilder) organization(g *V3Organization) *jsonld.Value {
	o := b.object(7)
	b.str(o, "@id", g.ID)
	b.str(o, "name", g.Name)
	b.str(o, "description", g.Description)
	b.optStr(o, "email", g.Email)
	b.optStr(o, "website", g.Website)
	b.optStr(o, "uri", g.URI)
	list(b, o, "organization_identifiers", g.OrganizationIdentifiers, (*treeBuilder).identifier)
	return o
}

func (b *treeBuilder) identifier(i *V3Identifier) *jsonld.Value {
	o := b.object(4)
	b.str(o, "@id", i.ID)
	b.optStr(o, "identifier_scheme", i.IdentifierScheme)
	b.str(o, "identifier_type", i.IdentifierType)
	b.str(o, "identifier", i.Identifier)
	return o
}

func (b *treeBuilder) costOption(c *V3CostOption) *jsonld.Value {
	o := b.object(7)
	b.str(o, "@id", c.ID)
	b.optStr(o, "service_id", c.ServiceID)
	b.optStr(o, "valid_from", c.ValidFrom)
	b.optStr(o, "valid_to", c.ValidTo)
	b.optStr(o, "option", c.Option)
	b.optNum(o, "amount", c.Amount)
	b.optStr(o, "amount_description", c.AmountDescription)
	return o
}

func (b *treeBuilder) contact(c *V3Contact) *jsonld.Value {
	o := b.object(5)
	b.str(o, "@id", c.ID)
	b.optStr(o, "service_id", c.ServiceID)
	b.optStr(o, "name", c.Name)
	b.optStr(o, "email", c.Email)
	list(b, o, "phones", c.Phones, (*treeBuilder).phone)
	return o
}

func (b *treeBuilder) phone(p *V3Phone) *jsonld.Value {
	o := b.object(2)
	b.str(o, "@id", p.ID)
	b.str(o, "number", p.Number)
	return o
}

func (b *treeBuilder) attribute(a *V3Attribute) *jsonld.Value {
	o := b.object(5)
	b.str(o, "@id", a.ID)
	b.optStr(o, "link_id", a.LinkID)
	b.optStr(o, "link_type", a.LinkType)
	b.optStr(o, "taxonomy_term_id", a.TaxonomyTermID)
	if a.TaxonomyTerm != nil {
		add(o, "taxonomy_term", b.term(a.TaxonomyTerm))
	}
	return o
}

func (b *treeBuilder) term(t *V3TaxonomyTerm) *jsonld.Value {
	o := b.object(5)
	b.str(o, "@id", t.ID)
	b.str(o, "name", t.Name)
	b.str(o, "description", t.Description)
	b.optStr(o, "taxonomy", t.Taxonomy)
	b.optStr(o, "term_uri", t.TermURI)
	return o
}

// validUTF8 replaces each invalid byte with U+FFFD, as json.Marshal does.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
