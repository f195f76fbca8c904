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
	g := str(c.act, "genderRestriction")
	g = strings.TrimPrefix(strings.TrimPrefix(g, "https://openactive.io/"), "oa:")
	label := genders[g]
	if label == "" {
		if g != "" {
			c.use("genderRestriction") // NoRestriction: nothing to say
		}
		return
	}
	uri := "https://openactive.io/" + g
	c.attribute("eligibility", uri, &V3TaxonomyTerm{ID: c.h.ids.uuid5("term\x00", uri), Name: label, Description: label,
		Taxonomy: "OpenActive genderRestriction", TermURI: uri})
	c.use("genderRestriction")
}

// genders are the genderRestriction values worth an eligibility attribute.
var genders = map[string]string{"FemaleOnly": "Female only", "MaleOnly": "Male only"}

// concepts maps the Concepts (or bare concept IRIs) of one property.
func (c *conv) concepts(key, taxonomy, linkType string) {
	v := c.act.Get(key)
	for con := range jsonld.EachObject(v) {
		c.concept(key, taxonomy, linkType, idOf(con), str(con, "prefLabel"))
	}
	for s := range jsonld.EachItem(v) {
		if s.Kind == jsonld.String {
			c.concept(key, taxonomy, linkType, jsonld.Trim(s.S), "")
		}
	}
}

// concept maps one Concept, given by its id and label.
func (c *conv) concept(key, taxonomy, linkType, id, label string) {
	if label == "" && id != "" && c.h.Label != nil {
		label = c.h.Label(id)
	}
	if label == "" {
		return
	}
	termKey := id
	if termKey == "" {
		termKey = taxonomy + "\x00" + label
	}
	t := &V3TaxonomyTerm{ID: c.h.ids.uuid5("term\x00", termKey), Name: label, Description: label, Taxonomy: taxonomy}
	if isAbsURL(id) {
		t.TermURI = id
	}
	c.attribute(linkType, termKey, t)
	c.use(key)
}

func (c *conv) attribute(linkType, key string, t *V3TaxonomyTerm) {
	c.s.Attributes = append(c.s.Attributes, V3Attribute{ID: c.uuid5(c.s.ID, "\x00attribute\x00", key), LinkID: c.s.ID,
		LinkType: linkType, TaxonomyTermID: t.ID, TaxonomyTerm: t})
}

// eligibility maps ageRange to minimum_age and maximum_age.
func (c *conv) eligibility() {
	for ar := range jsonld.EachObject(c.act.Get("ageRange")) {
		if n, ok := numberOf(ar.Get("minValue")); ok {
			c.s.MinimumAge = n
		}
		if n, ok := numberOf(ar.Get("maxValue")); ok {
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
	i := -1
	for of := range jsonld.EachObject(c.act.Get("offers")) {
		i++
		n, ok := numberOf(of.Get("price"))
		if !ok {
			continue
		}
		co := V3CostOption{ID: c.uuid5(c.s.ID, "\x00cost\x00", strconv.Itoa(i)), ServiceID: c.s.ID, Option: str(of, "name"), Amount: n,
			AmountDescription: str(of, "priceCurrency"), ValidFrom: dateOnly(str(of, "validFrom")), ValidTo: dateOnly(str(of, "validThrough"))}
		c.s.CostOptions = append(c.s.CostOptions, co)
		c.use("offers")
	}
	if free := c.act.Get("isAccessibleForFree"); free != nil && free.Kind == jsonld.Bool && free.B {
		c.use("isAccessibleForFree")
		if len(c.s.CostOptions) == 0 {
			c.s.CostOptions = append(c.s.CostOptions, V3CostOption{ID: c.uuid5(c.s.ID, "\x00free"), ServiceID: c.s.ID, Option: "Free", Amount: "0"})
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
