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
	for i, pl := range objs(c.act["location"]) {
		loc := c.place(pl, i)
		if first == nil {
			first = loc
		}
		c.link(loc)
		c.use("location")
	}
	for i, vl := range objs(c.act["beta:virtualLocation"]) {
		loc := &V3Location{ID: uuid5(c.s.ID + "\x00virtual\x00" + strconv.Itoa(i)), LocationType: "virtual", Name: vl.str("name"), Description: vl.str("url")}
		if loc.Name == "" {
			loc.Name = "Online"
		}
		c.link(loc)
		c.use("beta:virtualLocation")
	}
	if s, ok := c.act["beta:virtualLocation"].(string); ok && jsonld.IsAbsURL(jsonld.Trim(s)) {
		c.link(&V3Location{ID: uuid5(c.s.ID + "\x00virtual"), LocationType: "virtual", Name: "Online", Description: jsonld.Trim(s)})
		c.use("beta:virtualLocation")
	}
	if first != nil {
		first.Accessibility = c.accessibility(first.ID)
	}
}

func (c *conv) link(loc *V3Location) {
	c.s.ServiceAtLocations = append(c.s.ServiceAtLocations, V3ServiceLocation{
		ID: uuid5(c.s.ID + "\x00at\x00" + loc.ID), ServiceID: c.s.ID, LocationID: loc.ID, Location: loc})
}

// place maps a schema:Place.
func (c *conv) place(pl obj, i int) *V3Location {
	key := pl.id()
	if key == "" {
		key = c.s.ID + "\x00location\x00" + strconv.Itoa(i)
	}
	loc := &V3Location{ID: uuid5("location\x00" + key), LocationType: "physical", Name: pl.str("name"), Description: pl.str("description")}
	for _, g := range objs(pl["geo"]) {
		lat, ok1 := g["latitude"].(json.Number)
		lng, ok2 := g["longitude"].(json.Number)
		if ok1 && ok2 {
			loc.Latitude, loc.Longitude = lat, lng
			break
		}
	}
	for _, a := range objs(pl["address"]) {
		if addr, ok := address(a, loc.ID); ok {
			loc.Addresses = append(loc.Addresses, addr)
		}
	}
	return loc
}

// address maps a PostalAddress that has a postcode or a street. ORUK
// requires address_1, city, state_province, postal_code and country: parts
// OpenActive lacks are sent empty; the country is GB for a valid UK postcode.
func address(a obj, locID string) (V3Address, bool) {
	pc, street := a.str("postalCode"), a.str("streetAddress")
	if pc == "" && street == "" {
		return V3Address{}, false
	}
	out := V3Address{ID: uuid5(locID + "\x00address"), LocationID: locID, Address1: street, City: a.str("addressLocality"),
		Region: a.str("addressRegion"), StateProvince: a.str("addressRegion"), PostalCode: pc, Country: a.str("addressCountry"), AddressType: "physical"}
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
	for _, con := range objs(c.act["accessibilitySupport"]) {
		if l := con.str("prefLabel"); l != "" {
			out = append(out, V3Accessibility{ID: uuid5(locID + "\x00access\x00" + l), LocationID: locID, Description: l})
		}
	}
	if t := c.act.str("accessibilityInformation"); t != "" {
		out = append(out, V3Accessibility{ID: uuid5(locID + "\x00access-info"), LocationID: locID, Description: t})
	}
	if len(out) > 0 {
		c.use("accessibilitySupport", "accessibilityInformation")
	}
	return out
}
