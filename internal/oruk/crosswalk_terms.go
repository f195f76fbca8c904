package oruk

import (
	"strconv"
	"strings"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// terms maps activity and facilityType concepts to taxonomy attributes, and
// a genderRestriction other than none to an eligibility attribute.
func (c *conv) terms() {
	c.concepts("activity", "OpenActive Activity List", "activity")
	c.concepts("facilityType", "OpenActive Facility Types", "facility_type")
	g := c.act.str("genderRestriction")
	g = strings.TrimPrefix(strings.TrimPrefix(g, "https://openactive.io/"), "oa:")
	label := map[string]string{"FemaleOnly": "Female only", "MaleOnly": "Male only"}[g]
	if label == "" {
		if g != "" {
			c.use("genderRestriction") // NoRestriction: nothing to say
		}
		return
	}
	uri := "https://openactive.io/" + g
	c.attribute("eligibility", uri, &V3TaxonomyTerm{ID: uuid5("term\x00" + uri), Name: label, Description: label,
		Taxonomy: "OpenActive genderRestriction", TermURI: uri})
	c.use("genderRestriction")
}

// concepts maps the Concepts (or bare concept IRIs) of one property.
func (c *conv) concepts(key, taxonomy, linkType string) {
	list := objs(c.act[key])
	for _, s := range strs(c.act[key]) {
		list = append(list, obj{"@id": s})
	}
	for _, con := range list {
		id, label := con.id(), con.str("prefLabel")
		if label == "" && id != "" && c.h.Label != nil {
			label = c.h.Label(id)
		}
		if label == "" {
			continue
		}
		termKey := id
		if termKey == "" {
			termKey = taxonomy + "\x00" + label
		}
		t := &V3TaxonomyTerm{ID: uuid5("term\x00" + termKey), Name: label, Description: label, Taxonomy: taxonomy}
		if jsonld.IsAbsURL(id) {
			t.TermURI = id
		}
		c.attribute(linkType, termKey, t)
		c.use(key)
	}
}

func (c *conv) attribute(linkType, key string, t *V3TaxonomyTerm) {
	c.s.Attributes = append(c.s.Attributes, V3Attribute{ID: uuid5(c.s.ID + "\x00attribute\x00" + key), LinkID: c.s.ID,
		LinkType: linkType, TaxonomyTermID: t.ID, TaxonomyTerm: t})
}

// eligibility maps ageRange to minimum_age and maximum_age.
func (c *conv) eligibility() {
	for _, ar := range objs(c.act["ageRange"]) {
		if n, ok := number(ar["minValue"]); ok {
			c.s.MinimumAge = n
		}
		if n, ok := number(ar["maxValue"]); ok {
			c.s.MaximumAge = n
		}
		if c.s.MinimumAge != "" || c.s.MaximumAge != "" {
			c.use("ageRange")
			return
		}
	}
}

// costs maps offers (price, currency, name, validity) to cost_options, and
// isAccessibleForFree: true to a free option.
func (c *conv) costs() {
	for i, of := range objs(c.act["offers"]) {
		n, ok := number(of["price"])
		if !ok {
			continue
		}
		co := V3CostOption{ID: uuid5(c.s.ID + "\x00cost\x00" + strconv.Itoa(i)), ServiceID: c.s.ID, Option: of.str("name"), Amount: n,
			AmountDescription: of.str("priceCurrency"), ValidFrom: dateOnly(of.str("validFrom")), ValidTo: dateOnly(of.str("validThrough"))}
		c.s.CostOptions = append(c.s.CostOptions, co)
		c.use("offers")
	}
	if free, ok := c.act["isAccessibleForFree"].(bool); ok && free {
		c.use("isAccessibleForFree")
		if len(c.s.CostOptions) == 0 {
			c.s.CostOptions = append(c.s.CostOptions, V3CostOption{ID: uuid5(c.s.ID + "\x00free"), ServiceID: c.s.ID, Option: "Free", Amount: "0"})
		}
	}
}

// dateOnly keeps the YYYY-MM-DD of a date or date-time, else "".
func dateOnly(s string) string {
	if _, ok := readDate(s); ok {
		return jsonld.Trim(s)[:10]
	}
	return ""
}
