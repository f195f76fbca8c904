package oruk

import (
	"encoding/json"
	"strconv"

	"github.com/feedgauge/feedgauge/internal/postcode"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// locations maps each location Place to a physical location (with its
// address and coordinates) and beta:virtualLocation to a virtual one, each
// linked by a service_at_location. Accessibility goes on the first
// physical location.
func (c *conv) locations() {
	var first *V3Location
	i := 0
	for pl := range jsonld.EachObject(c.act.Get("location")) {
		loc := c.place(pl, i)
		if first == nil {
			first = loc
		}
		c.link(loc)
		c.use("location")
		i++
	}
	i = 0
	for vl := range jsonld.EachObject(c.act.Get("beta:virtualLocation")) {
		loc := &V3Location{ID: c.uuid5(c.s.ID, "\x00virtual\x00", strconv.Itoa(i)), LocationType: "virtual", Name: str(vl, "name"), Description: str(vl, "url")}
		if loc.Name == "" {
			loc.Name = "Online"
		}
		c.link(loc)
		c.use("beta:virtualLocation")
		i++
	}
	if s, ok := c.act.Get("beta:virtualLocation").Str(); ok && isAbsURL(jsonld.Trim(s)) {
		c.link(&V3Location{ID: c.uuid5(c.s.ID, "\x00virtual"), LocationType: "virtual", Name: "Online", Description: jsonld.Trim(s)})
		c.use("beta:virtualLocation")
	}
	if first != nil {
		first.Accessibility = c.accessibility(first.ID)
	}
}

func (c *conv) link(loc *V3Location) {
	c.s.ServiceAtLocations = append(c.s.ServiceAtLocations, V3ServiceLocation{
		ID: c.uuid5(c.s.ID, "\x00at\x00", loc.ID), ServiceID: c.s.ID, LocationID: loc.ID, Location: loc})
}

// place maps a schema:Place.
func (c *conv) place(pl *jsonld.Value, i int) *V3Location {
	var id string
	if key := idOf(pl); key != "" {
		id = c.h.ids.uuid5("location\x00", key)
	} else {
		id = c.uuid5("location\x00", c.s.ID, "\x00location\x00", strconv.Itoa(i))
	}
	loc := &V3Location{ID: id, LocationType: "physical", Name: str(pl, "name"), Description: str(pl, "description")}
	for g := range jsonld.EachObject(pl.Get("geo")) {
		lat, lng := g.Get("latitude"), g.Get("longitude")
		if jsonld.IsNumber(lat) && jsonld.IsNumber(lng) {
			loc.Latitude, loc.Longitude = json.Number(lat.S), json.Number(lng.S)
			break
		}
	}
	for a := range jsonld.EachObject(pl.Get("address")) {
		if addr, ok := c.address(a, loc.ID); ok {
			loc.Addresses = append(loc.Addresses, addr)
		}
	}
	return loc
}

// address maps a PostalAddress that has a postcode or a street. ORUK
// requires address_1, city, state_province, postal_code and country: parts
// OpenActive lacks are sent empty; the country is GB for a valid UK postcode.
func (c *conv) address(a *jsonld.Value, locID string) (V3Address, bool) {
	pc, street := str(a, "postalCode"), str(a, "streetAddress")
	if pc == "" && street == "" {
		return V3Address{}, false
	}
	out := V3Address{ID: c.h.ids.uuid5(locID, "\x00address"), LocationID: locID, Address1: street, City: str(a, "addressLocality"),
		Region: str(a, "addressRegion"), StateProvince: str(a, "addressRegion"), PostalCode: pc, Country: str(a, "addressCountry"), AddressType: "physical"}
	if norm, ok := postcode.Normalise(pc); ok {
		out.PostalCode = norm
		if out.Country == "" {
			out.Country = "GB"
		}
	}
	return out, true
}

// accessibility maps accessibilitySupport concepts and
// accessibilityInformation text to the location's accessibility.
func (c *conv) accessibility(locID string) []V3Accessibility {
	var out []V3Accessibility
	for con := range jsonld.EachObject(c.act.Get("accessibilitySupport")) {
		if l := str(con, "prefLabel"); l != "" {
			out = append(out, V3Accessibility{ID: c.h.ids.uuid5(locID, "\x00access\x00", l), LocationID: locID, Description: l})
		}
	}
	if t := str(c.act, "accessibilityInformation"); t != "" {
		out = append(out, V3Accessibility{ID: c.h.ids.uuid5(locID, "\x00access-info"), LocationID: locID, Description: t})
	}
	if len(out) > 0 {
		c.use("accessibilitySupport", "accessibilityInformation")
	}
	return out
}
