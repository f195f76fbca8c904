package oruk

import (
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
	var org obj
	for _, k := range []string{"organizer", "provider"} {
		if os := objs(c.act[k]); len(os) > 0 && org == nil {
			org = os[0]
			c.use(k)
		}
	}
	if org != nil && org.str("name") != "" {
		c.s.Organization = c.organizationOf(org)
		c.s.OrganizationID = c.s.Organization.ID
	}
	c.contact(org)
}

func (c *conv) organizationOf(org obj) *V3Organization {
	key := org.id()
	if key == "" {
		key = score.Norm(org.str("name"))
	}
	o := &V3Organization{ID: uuid5("organization\x00" + key), Name: org.str("name"), Description: org.str("description")}
	if e := org.str("email"); validEmail(e) {
		o.Email = e
	}
	if u := org.str("url"); jsonld.IsAbsURL(u) {
		o.Website = u
	}
	if id := org.id(); jsonld.IsAbsURL(id) {
		o.URI = id
	}
	for _, v := range identifiers(org["identifier"]) {
		idn := V3Identifier{ID: uuid5(o.ID + "\x00identifier\x00" + v), IdentifierType: "identifier", Identifier: v}
		if m := orgID.FindStringSubmatch(v); m != nil {
			idn.IdentifierScheme, idn.IdentifierType, idn.Identifier = m[1], "org-id", m[2]
		}
		o.OrganizationIdentifiers = append(o.OrganizationIdentifiers, idn)
	}
	return o
}

// identifiers reads OpenActive identifier values: strings, numbers, or
// PropertyValue objects with a value.
func identifiers(v any) []string {
	var out []string
	add := func(x any) {
		switch y := x.(type) {
		case string:
			if s := jsonld.Trim(y); s != "" {
				out = append(out, s)
			}
		case map[string]any:
			if s := obj(y).str("value"); s != "" {
				out = append(out, s)
			} else if n, ok := y["value"].(interface{ String() string }); ok {
				out = append(out, n.String())
			}
		case interface{ String() string }:
			out = append(out, y.String())
		}
	}
	if list, ok := v.([]any); ok {
		for _, x := range list {
			add(x)
		}
	} else if v != nil {
		add(v)
	}
	return out
}

// contact takes e-mail and phone from beta:contactPoint (activity, then
// organiser), then the organiser itself.
func (c *conv) contact(org obj) {
	holders := objs(c.act["beta:contactPoint"])
	if len(holders) > 0 {
		c.use("beta:contactPoint")
	}
	if org != nil {
		holders = append(append(holders, objs(org["beta:contactPoint"])...), org)
	}
	var phone string
	for _, h := range holders {
		if e := h.str("email"); c.s.Email == "" && validEmail(e) {
			c.s.Email = e
		}
		if t := h.str("telephone"); phone == "" && validPhone(t) {
			phone = strings.TrimSpace(t)
		}
	}
	if phone == "" {
		return
	}
	ct := V3Contact{ID: uuid5(c.s.ID + "\x00contact"), ServiceID: c.s.ID, Phones: []V3Phone{{ID: uuid5(c.s.ID + "\x00phone"), Number: phone}}}
	if org != nil {
		ct.Name = org.str("name")
	}
	c.s.Contacts = append(c.s.Contacts, ct)
}
