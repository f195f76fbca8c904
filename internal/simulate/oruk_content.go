package simulate

import (
	"fmt"
	"strings"
	"time"
)

// svcTemplate is a kind of community service, after the ORUK samples.
type svcTemplate struct {
	name, desc, term string
	activity         string // an Activity List label for physical activity, else ""
	minAge, maxAge   int    // -1: none
	amount           int    // £ per session; 0 free
	org              string // organisation, %s = town
}

var svcTemplates = []svcTemplate{
	{"Community Counselling", "Counselling provided by trained professionals for people with anxiety, depression or going through difficult life events.", "Counselling", "", 12, 100, 35, "%s Wellbeing Trust"},
	{"Walking for Health", "Free, friendly group walks of about an hour led by trained volunteers, at an easy pace for all abilities.", "Physical activity", "Walking", 16, -1, 0, "%s Ramblers"},
	{"Chair-based Exercise", "A gentle seated exercise class to build strength and balance, ideal for people with limited mobility.", "Physical activity", "Chair Based Exercise", 55, -1, 3, "%s Active Ageing"},
	{"Carers' Support Group", "A monthly meeting where unpaid carers share experience, get advice and take a break over a cup of tea.", "Carers support", "", 18, -1, 0, "%s Carers Centre"},
	{"Community Foodbank", "Emergency food parcels for people in crisis, with a referral voucher from a GP, school or advice agency.", "Food support", "", -1, -1, 0, "%s Foodbank"},
	{"Money and Debt Advice", "Free, confidential advice on debts, benefits and budgeting from trained advisers, by appointment or drop-in.", "Debt advice", "", 18, -1, 0, "Citizens Advice %s"},
	{"Men's Shed", "A workshop where men meet to make, mend and chat; tools and materials provided, no experience needed.", "Social activities", "", 18, -1, 2, "%s Men's Shed"},
	{"Dementia Café", "A relaxed café for people living with dementia and their carers, with activities and information.", "Dementia support", "", -1, -1, 0, "%s Memory Support"},
	{"Stay and Play", "A play session for babies and toddlers with their parents and carers, with songs and stories.", "Early years", "Early Years Play", 0, 4, 1, "%s Family Hub"},
	{"Tai Chi for Balance", "Slow, flowing Tai Chi movements to improve balance and reduce the risk of falls.", "Physical activity", "Tai Chi", 50, -1, 4, "%s Active Ageing"},
	{"Befriending Service", "Weekly visits or phone calls from a volunteer befriender for older people who feel lonely.", "Loneliness", "", 60, -1, 0, "Age Friendly %s"},
	{"Community Allotment", "Grow fruit and vegetables together on a shared allotment, with tools and seeds provided.", "Gardening", "Gardening", -1, -1, 0, "%s Growing Together"},
}

// orukService builds entry j of feed i as a full v3 service (a map so it
// marshals in a stable order). Quality varies by draw, so feeds are a
// realistic mix of complete and sparse records.
func (w *orukWorld) orukService(i, j int) map[string]any {
	h := func(s uint64) uint64 { return hash(w.seed, s, uint64(i), uint64(j)) }
	t := svcTemplates[pick(h(sORUKTemplate), len(svcTemplates))]
	pl := w.places[pick(h(sORUKPlace), len(w.places))]
	town := pl.Name
	if town == "" {
		town = "Community"
	}
	q := unit(h(sORUKQuality))
	id := w.serviceID(i, j)
	s := map[string]any{"name": fmt.Sprintf("%s (%s)", t.name, town), "status": "active"}
	if w.hasID(i, j) {
		s["id"] = id
	}
	if unit(h(sORUKStatus)) < 0.06 {
		s["status"] = "inactive"
	}
	if q > 0.15 {
		s["description"] = t.desc
	}
	org := fmt.Sprintf(t.org, town)
	slug := slugify(org)
	if q > 0.3 {
		s["url"] = fmt.Sprintf("https://%s.example.org/services/%d", slug, j)
	}
	if q > 0.25 {
		s["email"] = "hello@" + slug + ".example.org"
	}
	w.ages(s, t, q)
	w.assurance(s, h, q)
	s["organization"] = w.organization(i, org, slug, q)
	s["service_at_locations"] = w.locations(h(sORUK)+9, pl, q)
	if q > 0.35 {
		s["schedules"] = []any{map[string]any{"id": uuidFrom(h(sORUK) + 1), "freq": "WEEKLY", "interval": 1,
			"byday": []string{"MO", "TU", "WE", "TH", "FR"}[pick(h(sORUK)+2, 5)], "opens_at": "10:00:00", "closes_at": "12:00:00",
			"description": "Every week, 10am to midday"}}
	}
	w.costs(s, t, h)
	if q > 0.45 {
		s["contacts"] = []any{map[string]any{"id": uuidFrom(h(sORUK) + 3), "name": "Reception", "title": "Service coordinator",
			"phones": []any{map[string]any{"id": uuidFrom(h(sORUK) + 4), "number": fmt.Sprintf("01942 %06d", pick(h(sORUK)+5, 999999))}}}}
	}
	if q > 0.2 {
		s["attributes"] = []any{w.attribute(t, h(sORUK)+6)}
	}
	return s
}

func (w *orukWorld) ages(s map[string]any, t svcTemplate, q float64) {
	if q < 0.3 {
		return
	}
	if t.minAge >= 0 {
		s["minimum_age"] = t.minAge
	}
	if t.maxAge >= 0 {
		s["maximum_age"] = t.maxAge
	}
}

// assurance sets assured_date (relative to the epoch: some within 3 months
// of the default clock, many older, some never), last_modified and the rest.
func (w *orukWorld) assurance(s map[string]any, h func(uint64) uint64, q float64) {
	day := func(d int) time.Time { return time.Unix(w.epoch, 0).UTC().AddDate(0, 0, d) }
	if q > 0.2 {
		s["assured_date"] = day(pick(h(sORUKAssured), 400)).Format(time.DateOnly)
	}
	if q > 0.5 {
		s["assurer_email"] = "directory@council.example.gov.uk"
	}
	if q > 0.7 {
		s["accreditations"] = "Quality-assured by the council's community directory team"
	}
	s["last_modified"] = day(pick(h(sORUKModified), 400)).Add(10 * time.Hour).Format("2006-01-02T15:04:05Z")
}

func (w *orukWorld) organization(i int, name, slug string, q float64) map[string]any {
	oh := hash(w.seed, sORUKOrg, uint64(i), strHash(name))
	o := map[string]any{"id": uuidFrom(oh), "name": name,
		"description": name + " is a voluntary organisation serving the local community.", "website": "https://" + slug + ".example.org"}
	if q > 0.4 {
		o["email"] = "info@" + slug + ".example.org"
	}
	if q > 0.6 {
		o["organization_identifiers"] = []any{map[string]any{"id": uuidFrom(oh + 1),
			"identifier_scheme": "GB-CHC", "identifier_type": "Charity number", "identifier": fmt.Sprintf("%07d", 1000000+pick(oh+2, 8999999))}}
	}
	return o
}

func (w *orukWorld) locations(h uint64, pl Place, q float64) []any {
	ph := hash(w.seed, sORUKPlace, strHash(pl.Postcode))
	loc := map[string]any{"id": uuidFrom(ph), "location_type": "physical",
		"name": pl.Name + " Community Centre", "latitude": pl.Lat, "longitude": pl.Lng}
	if q > 0.1 {
		loc["addresses"] = []any{map[string]any{"id": uuidFrom(ph + 1), "address_1": "1 High Street",
			"city": pl.Name, "state_province": "Greater Manchester", "postal_code": pl.Postcode, "country": "GB", "address_type": "physical"}}
	}
	return []any{map[string]any{"id": uuidFrom(h), "location": loc}}
}

func (w *orukWorld) costs(s map[string]any, t svcTemplate, h func(uint64) uint64) {
	switch {
	case unit(h(sORUK)+7) < 0.2:
		return
	case t.amount == 0:
		s["fees"] = "Free"
	default:
		s["cost_options"] = []any{map[string]any{"id": uuidFrom(h(sORUK) + 8), "option": "Per session", "amount": t.amount, "amount_description": "GBP"}}
	}
}

// attribute is a taxonomy term: the OpenActive Activity List id for
// physical activity (as ORUK feeds built from OpenActive data use), else a
// local service-type term.
func (w *orukWorld) attribute(t svcTemplate, h uint64) map[string]any {
	term := map[string]any{"name": t.term,
		"description": t.term + " services", "taxonomy": "Local service types"}
	term["id"] = uuidFrom(hash(w.seed, sORUKTemplate, strHash(t.term)))
	for _, c := range w.vocab.Activities {
		if t.activity != "" && c.Label == t.activity {
			term["taxonomy"], term["term_uri"], term["name"] = "OpenActive Activity List", c.ID, c.Label
		}
	}
	return map[string]any{"id": uuidFrom(h), "link_type": "service", "taxonomy_term": term}
}

// listEntry is a service as a v3 list page shows it: direct fields and the
// organization, no child lists.
func listEntry(s map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range s {
		switch k {
		case "schedules", "service_at_locations", "contacts", "attributes", "cost_options":
		default:
			out[k] = v
		}
	}
	return out
}

// v1Service turns a full v3 service into the v1 (HSDS-UK 1.0) shape.
func v1Service(s map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range s {
		switch k {
		case "schedules":
			out["regular_schedules"] = v
		case "attributes":
			out["service_taxonomys"] = v1Taxonomies(v)
		case "minimum_age", "maximum_age", "last_modified", "assurer_email":
		case "service_at_locations":
			out[k] = v1Locations(v)
		default:
			out[k] = v
		}
	}
	if s["minimum_age"] != nil || s["maximum_age"] != nil {
		e := map[string]any{"id": strings.Repeat("e", 8)}
		for _, k := range []string{"minimum_age", "maximum_age"} {
			if s[k] != nil {
				e[k] = s[k]
			}
		}
		out["eligibilitys"] = []any{e}
	}
	return out
}

func v1Taxonomies(v any) []any {
	var out []any
	for _, a := range v.([]any) {
		t := a.(map[string]any)["taxonomy_term"].(map[string]any)
		out = append(out, map[string]any{"id": a.(map[string]any)["id"], "taxonomy": map[string]any{"id": t["id"], "name": t["name"], "vocabulary": t["taxonomy"]}})
	}
	return out
}

func v1Locations(v any) []any {
	var out []any
	for _, x := range v.([]any) {
		sal := x.(map[string]any)
		loc := map[string]any{}
		for k, lv := range sal["location"].(map[string]any) {
			if k == "addresses" {
				k = "physical_addresses"
			}
			if k != "location_type" {
				loc[k] = lv
			}
		}
		out = append(out, map[string]any{"id": sal["id"], "location": loc})
	}
	return out
}
