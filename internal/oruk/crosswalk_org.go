package oruk

import (
	"iter"
	"regexp"
	"strings"

	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// orgID is an org-id.guide identifier such as GB-CHC-1234567.
var orgID = regexp.MustCompile(`^([A-Z]{2}-[A-Z0-9]{2,10})-(.+)$`)

// organization maps the first organizer (else provider) to the
// organization, and its contact points to the service's e-mail and a
// contact with a phone.
func (c *conv) organization() {
	var org *jsonld.Value
	for _, k := range []string{"organizer", "provider"} {
		if o := firstObject(c.act.Get(k)); o != nil && org == nil {
			org = o
			c.use(k)
		}
	}
	if org != nil && str(org, "name") != "" {
		c.s.Organization = c.organizationOf(org)
		c.s.OrganizationID = c.s.Organization.ID
	}
	c.contact(org)
}

func (c *conv) organizationOf(org *jsonld.Value) *V3Organization {
	var id string
	if key := idOf(org); key != "" {
		id = c.h.ids.uuid5("organization\x00", key)
	} else {
		id = c.h.ids.uuid5("organization\x00", score.Norm(str(org, "name")))
	}
	o := &V3Organization{ID: id, Name: str(org, "name"), Description: str(org, "description")}
	if e := str(org, "email"); validEmail(e) {
		o.Email = e
	}
	if u := str(org, "url"); isAbsURL(u) {
		o.Website = u
	}
	if id := idOf(org); isAbsURL(id) {
		o.URI = id
	}
	for v := range identifiers(org.Get("identifier")) {
		idn := V3Identifier{ID: c.h.ids.uuid5(o.ID, "\x00identifier\x00", v), IdentifierType: "identifier", Identifier: v}
		if m := orgID.FindStringSubmatch(v); m != nil {
			idn.IdentifierScheme, idn.IdentifierType, idn.Identifier = m[1], "org-id", m[2]
		}
		o.OrganizationIdentifiers = append(o.OrganizationIdentifiers, idn)
	}
	return o
}

// identifiers reads OpenActive identifier values: strings, numbers, or
// PropertyValue objects with a value.
func identifiers(v *jsonld.Value) iter.Seq[string] {
	return func(yield func(string) bool) {
		for x := range jsonld.EachItem(v) {
			if s, ok := identifier(x); ok && !yield(s) {
				return
			}
		}
	}
}

func identifier(x *jsonld.Value) (string, bool) {
	switch x.Kind {
	case jsonld.String:
		s := jsonld.Trim(x.S)
		return s, s != ""
	case jsonld.Number:
		return x.S, true
	case jsonld.Object:
		if s := str(x, "value"); s != "" {
			return s, true
		}
		if n := x.Get("value"); jsonld.IsNumber(n) {
			return n.S, true
		}
	}
	return "", false
}

// contact takes e-mail and phone from beta:contactPoint (activity, then
// organiser), then the organiser itself.
func (c *conv) contact(org *jsonld.Value) {
	if firstObject(c.act.Get("beta:contactPoint")) != nil {
		c.use("beta:contactPoint")
	}
	var email, phone string
	take := func(h *jsonld.Value) {
		if e := str(h, "email"); email == "" && validEmail(e) {
			email = e
		}
		if t := str(h, "telephone"); phone == "" && validPhone(t) {
			phone = strings.TrimSpace(t)
		}
	}
	for h := range jsonld.EachObject(c.act.Get("beta:contactPoint")) {
		take(h)
	}
	if org != nil {
		for h := range jsonld.EachObject(org.Get("beta:contactPoint")) {
			take(h)
		}
		take(org)
	}
	if c.s.Email == "" {
		c.s.Email = email
	}
	if phone == "" {
		return
	}
	ct := V3Contact{ID: c.uuid5(c.s.ID, "\x00contact"), ServiceID: c.s.ID, Phones: []V3Phone{{ID: c.uuid5(c.s.ID, "\x00phone"), Number: phone}}}
	if org != nil {
		ct.Name = str(org, "name")
	}
	c.s.Contacts = append(c.s.Contacts, ct)
}
