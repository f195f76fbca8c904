package oruk

// The readiness path as it was before it was made cheaper, kept only as the
// reference TestReadinessEqualsReference compares the fast path against:
// the crosswalk over map[string]any, the reflection-based tree and the
// completeness checks, copied unchanged apart from their names.

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/feedgauge/feedgauge/internal/postcode"
	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// ignored are keys that identify rather than describe.
var oldIgnored = map[string]bool{"@context": true, "@id": true, "id": true, "@type": true, "type": true}

// conv is one conversion in progress.
type oldConv struct {
	act    obj
	h      Hints
	s      *V3Service
	mapped map[string]bool
}

// Convert converts an OpenActive activity (a SessionSeries, FacilityUse,
// event or course) to an ORUK v3 service: SessionSeries/FacilityUse →
// service; organizer/provider → organization; location → location +
// service_at_location; ageRange → minimum/maximum_age; genderRestriction →
// an eligibility attribute; offers → cost_options; activity and
// facilityType → taxonomy attributes; eventSchedule → schedules. Ids are
// name-based UUIDs of the OpenActive ids, so they are stable.
func oldConvert(act obj, h Hints) Crosswalk {
	sid := oldUuid5("service\x00" + h.DatasetID + "\x00" + h.ActivityID)
	c := &oldConv{act: act, h: h, s: &V3Service{ID: sid, Status: "inactive"}, mapped: map[string]bool{}}
	if h.Upcoming {
		c.s.Status = "active"
	}
	c.basics()
	c.organization()
	c.locations()
	c.eligibility()
	c.costs()
	c.terms()
	c.schedules()
	return Crosswalk{Service: *c.s, Mapped: oldKeys(c.mapped), Lost: c.lost()}
}

// use marks OpenActive keys as carried over.
func (c *oldConv) use(keys ...string) {
	for _, k := range keys {
		if oldPresent(c.act[k]) {
			c.mapped[k] = true
		}
	}
}

func (c *oldConv) basics() {
	c.s.Name = c.act.str("name")
	c.s.Description = c.act.str("description")
	if u := c.act.str("url"); jsonld.IsAbsURL(u) {
		c.s.URL = u
		c.use("url")
	}
	c.use("name", "description")
	if c.h.LastChange != nil {
		c.s.LastModified = c.h.LastChange.UTC().Format("2006-01-02T15:04:05Z")
	}
}

// lost lists the present top-level properties not carried over.
func (c *oldConv) lost() []string {
	out := []string{}
	for k, v := range c.act {
		if !oldIgnored[k] && !c.mapped[k] && oldPresent(v) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func oldKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// namespace is feedgauge's UUID namespace for converted records (a random
// v4 UUID fixed once): ids derive from OpenActive ids, so the same activity
// always converts to the same service id.
var oldNamespace = [16]byte{0x6f, 0x1c, 0x3a, 0x52, 0x8e, 0x0b, 0x4d, 0x27, 0x9a, 0x44, 0x1e, 0x7d, 0x05, 0xc3, 0xb8, 0x91}

// uuid5 is the RFC 9562 name-based (SHA-1, version 5) UUID of name.
func oldUuid5(name string) string {
	h := sha1.New()
	h.Write(oldNamespace[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = (u[6] & 0x0f) | 0x50
	u[8] = (u[8] & 0x3f) | 0x80
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	hex.Encode(b[9:13], u[4:6])
	hex.Encode(b[14:18], u[6:8])
	hex.Encode(b[19:23], u[8:10])
	hex.Encode(b[24:36], u[10:16])
	b[8], b[13], b[18], b[23] = '-', '-', '-', '-'
	return string(b[:])
}

// locations maps each location Place to a physical location (with its
// address and coordinates) and beta:virtualLocation to a virtual one, each
// linked by a service_at_location. Accessibility goes on the first
// physical location.
func (c *oldConv) locations() {
	var first *V3Location
	for i, pl := range oldObjs(c.act["location"]) {
		loc := c.place(pl, i)
		if first == nil {
			first = loc
		}
		c.link(loc)
		c.use("location")
	}
	for i, vl := range oldObjs(c.act["beta:virtualLocation"]) {
		loc := &V3Location{ID: oldUuid5(c.s.ID + "\x00virtual\x00" + strconv.Itoa(i)), LocationType: "virtual", Name: vl.str("name"), Description: vl.str("url")}
		if loc.Name == "" {
			loc.Name = "Online"
		}
		c.link(loc)
		c.use("beta:virtualLocation")
	}
	if s, ok := c.act["beta:virtualLocation"].(string); ok && jsonld.IsAbsURL(jsonld.Trim(s)) {
		c.link(&V3Location{ID: oldUuid5(c.s.ID + "\x00virtual"), LocationType: "virtual", Name: "Online", Description: jsonld.Trim(s)})
		c.use("beta:virtualLocation")
	}
	if first != nil {
		first.Accessibility = c.accessibility(first.ID)
	}
}

func (c *oldConv) link(loc *V3Location) {
	c.s.ServiceAtLocations = append(c.s.ServiceAtLocations, V3ServiceLocation{
		ID: oldUuid5(c.s.ID + "\x00at\x00" + loc.ID), ServiceID: c.s.ID, LocationID: loc.ID, Location: loc})
}

// place maps a schema:Place.
func (c *oldConv) place(pl obj, i int) *V3Location {
	key := pl.id()
	if key == "" {
		key = c.s.ID + "\x00location\x00" + strconv.Itoa(i)
	}
	loc := &V3Location{ID: oldUuid5("location\x00" + key), LocationType: "physical", Name: pl.str("name"), Description: pl.str("description")}
	for _, g := range oldObjs(pl["geo"]) {
		lat, ok1 := g["latitude"].(json.Number)
		lng, ok2 := g["longitude"].(json.Number)
		if ok1 && ok2 {
			loc.Latitude, loc.Longitude = lat, lng
			break
		}
	}
	for _, a := range oldObjs(pl["address"]) {
		if addr, ok := oldAddress(a, loc.ID); ok {
			loc.Addresses = append(loc.Addresses, addr)
		}
	}
	return loc
}

// address maps a PostalAddress that has a postcode or a street. ORUK
// requires address_1, city, state_province, postal_code and country: parts
// OpenActive lacks are sent empty; the country is GB for a valid UK postcode.
func oldAddress(a obj, locID string) (V3Address, bool) {
	pc, street := a.str("postalCode"), a.str("streetAddress")
	if pc == "" && street == "" {
		return V3Address{}, false
	}
	out := V3Address{ID: oldUuid5(locID + "\x00address"), LocationID: locID, Address1: street, City: a.str("addressLocality"),
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
func (c *oldConv) accessibility(locID string) []V3Accessibility {
	var out []V3Accessibility
	for _, con := range oldObjs(c.act["accessibilitySupport"]) {
		if l := con.str("prefLabel"); l != "" {
			out = append(out, V3Accessibility{ID: oldUuid5(locID + "\x00access\x00" + l), LocationID: locID, Description: l})
		}
	}
	if t := c.act.str("accessibilityInformation"); t != "" {
		out = append(out, V3Accessibility{ID: oldUuid5(locID + "\x00access-info"), LocationID: locID, Description: t})
	}
	if len(out) > 0 {
		c.use("accessibilitySupport", "accessibilityInformation")
	}
	return out
}

// orgID is an org-id.guide identifier such as GB-CHC-1234567.
var oldOrgID = regexp.MustCompile(`^([A-Z]{2}-[A-Z0-9]{2,10})-(.+)$`)

// organization maps the first organizer (else provider) to the
// organization, and its contact points to the service's e-mail and a
// contact with a phone.
func (c *oldConv) organization() {
	var org obj
	for _, k := range []string{"organizer", "provider"} {
		if os := oldObjs(c.act[k]); len(os) > 0 && org == nil {
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

func (c *oldConv) organizationOf(org obj) *V3Organization {
	key := org.id()
	if key == "" {
		key = score.Norm(org.str("name"))
	}
	o := &V3Organization{ID: oldUuid5("organization\x00" + key), Name: org.str("name"), Description: org.str("description")}
	if e := org.str("email"); validEmail(e) {
		o.Email = e
	}
	if u := org.str("url"); jsonld.IsAbsURL(u) {
		o.Website = u
	}
	if id := org.id(); jsonld.IsAbsURL(id) {
		o.URI = id
	}
	for _, v := range oldIdentifiers(org["identifier"]) {
		idn := V3Identifier{ID: oldUuid5(o.ID + "\x00identifier\x00" + v), IdentifierType: "identifier", Identifier: v}
		if m := oldOrgID.FindStringSubmatch(v); m != nil {
			idn.IdentifierScheme, idn.IdentifierType, idn.Identifier = m[1], "org-id", m[2]
		}
		o.OrganizationIdentifiers = append(o.OrganizationIdentifiers, idn)
	}
	return o
}

// identifiers reads OpenActive identifier values: strings, numbers, or
// PropertyValue objects with a value.
func oldIdentifiers(v any) []string {
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
func (c *oldConv) contact(org obj) {
	holders := oldObjs(c.act["beta:contactPoint"])
	if len(holders) > 0 {
		c.use("beta:contactPoint")
	}
	if org != nil {
		holders = append(append(holders, oldObjs(org["beta:contactPoint"])...), org)
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
	ct := V3Contact{ID: oldUuid5(c.s.ID + "\x00contact"), ServiceID: c.s.ID, Phones: []V3Phone{{ID: oldUuid5(c.s.ID + "\x00phone"), Number: phone}}}
	if org != nil {
		ct.Name = org.str("name")
	}
	c.s.Contacts = append(c.s.Contacts, ct)
}

var (
	oldFrequency = regexp.MustCompile(`^P([1-9][0-9]*)([DWMY])$`)
	oldClock     = regexp.MustCompile(`^([01][0-9]|2[0-3]):([0-5][0-9])(:[0-5][0-9])?$`)
	// days maps schema.org day IRIs (and iCal codes) to iCal codes.
	oldDays = map[string]string{"Monday": "MO", "Tuesday": "TU", "Wednesday": "WE", "Thursday": "TH", "Friday": "FR",
		"Saturday": "SA", "Sunday": "SU", "MO": "MO", "TU": "TU", "WE": "WE", "TH": "TH", "FR": "FR", "SA": "SA", "SU": "SU"}
)

// schedules maps eventSchedule to schedules; without one, the activity's
// own startDate, else its next occurrence, gives a one-date schedule.
func (c *oldConv) schedules() {
	for i, sc := range oldObjs(c.act["eventSchedule"]) {
		if s, ok := c.schedule(sc, i); ok {
			c.s.Schedules = append(c.s.Schedules, s)
			c.use("eventSchedule")
		}
	}
	if len(c.s.Schedules) > 0 {
		return
	}
	if start, ok := c.instant(c.act.str("startDate")); ok {
		s := c.oneDate(start, "")
		if end, ok := c.instant(c.act.str("endDate")); ok {
			s.ValidTo, s.ClosesAt = c.local(end).Format(time.DateOnly), c.local(end).Format(time.TimeOnly)
		}
		c.s.Schedules = append(c.s.Schedules, s)
		c.use("startDate", "endDate")
		return
	}
	if c.h.NextOccurrence != nil {
		at := c.local(*c.h.NextOccurrence)
		c.s.Schedules = append(c.s.Schedules, c.oneDate(*c.h.NextOccurrence, "Next session on "+at.Format("Monday 2 January 2006 at 15:04")))
	}
}

// schedule maps one Schedule or PartialSchedule.
func (c *oldConv) schedule(sc obj, i int) (V3Schedule, bool) {
	s := V3Schedule{ID: oldUuid5(c.s.ID + "\x00schedule\x00" + strconv.Itoa(i)), ServiceID: c.s.ID,
		OpensAt: oldClockTime(sc.str("startTime")), ClosesAt: oldClockTime(sc.str("endTime")),
		ValidFrom: oldDateOnly(sc.str("startDate")), ValidTo: oldDateOnly(sc.str("endDate"))}
	s.DTStart = s.ValidFrom
	var byDay []string
	for _, d := range oldStrs(sc["byDay"]) {
		d = strings.TrimPrefix(jsonld.NormSchemaIRI(jsonld.Trim(d)), "https://schema.org/")
		if code := oldDays[d]; code != "" {
			byDay = append(byDay, code)
		}
	}
	s.ByDay = strings.Join(byDay, ",")
	if m := oldFrequency.FindStringSubmatch(sc.str("repeatFrequency")); m != nil {
		n, _ := strconv.Atoi(m[1])
		s.Freq, s.Interval = oldFreq(m[2], n, &s)
	} else if s.ByDay != "" {
		s.Freq, s.Interval = "WEEKLY", 1
	}
	var md []string
	for _, v := range oldAsList(sc["byMonthDay"]) {
		if n, ok := v.(interface{ String() string }); ok {
			md = append(md, n.String())
		}
	}
	s.ByMonthDay = strings.Join(md, ",")
	ok := s.ByDay != "" || s.OpensAt != "" || s.DTStart != "" || s.Freq != ""
	return s, ok
}

// freq maps an ISO 8601 repeat frequency to ORUK's WEEKLY or MONTHLY:
// daily becomes weekly on every day, whole weeks of days become weeks;
// other daily and yearly rules have no ORUK form.
func oldFreq(unit string, n int, s *V3Schedule) (string, int) {
	switch {
	case unit == "W":
		return "WEEKLY", n
	case unit == "M":
		return "MONTHLY", n
	case unit == "D" && n%7 == 0:
		return "WEEKLY", n / 7
	case unit == "D" && n == 1:
		s.ByDay = "MO,TU,WE,TH,FR,SA,SU"
		return "WEEKLY", 1
	}
	return "", 0
}

func oldAsList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	if v == nil {
		return nil
	}
	return []any{v}
}

// oneDate is a schedule of one dated occurrence, in London time.
func (c *oldConv) oneDate(start time.Time, desc string) V3Schedule {
	at := c.local(start)
	day := at.Format(time.DateOnly)
	return V3Schedule{ID: oldUuid5(c.s.ID + "\x00schedule\x00" + day), ServiceID: c.s.ID, DTStart: day, ValidFrom: day, ValidTo: day,
		OpensAt: at.Format(time.TimeOnly), Description: desc}
}

func (c *oldConv) instant(s string) (time.Time, bool) {
	if c.h.London == nil {
		return time.Time{}, false
	}
	t, _, ok := jsonld.ParseStart(s, c.h.London)
	return t, ok
}

func (c *oldConv) local(t time.Time) time.Time {
	if c.h.London == nil {
		return t.UTC()
	}
	return t.In(c.h.London)
}

// clockTime writes HH:MM or HH:MM:SS as HH:MM:SS, else "".
func oldClockTime(s string) string {
	m := oldClock.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	if m[3] == "" {
		return s + ":00"
	}
	return s
}

// terms maps activity and facilityType concepts to taxonomy attributes, and
// a genderRestriction other than none to an eligibility attribute.
func (c *oldConv) terms() {
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
	c.attribute("eligibility", uri, &V3TaxonomyTerm{ID: oldUuid5("term\x00" + uri), Name: label, Description: label,
		Taxonomy: "OpenActive genderRestriction", TermURI: uri})
	c.use("genderRestriction")
}

// concepts maps the Concepts (or bare concept IRIs) of one property.
func (c *oldConv) concepts(key, taxonomy, linkType string) {
	list := oldObjs(c.act[key])
	for _, s := range oldStrs(c.act[key]) {
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
		t := &V3TaxonomyTerm{ID: oldUuid5("term\x00" + termKey), Name: label, Description: label, Taxonomy: taxonomy}
		if jsonld.IsAbsURL(id) {
			t.TermURI = id
		}
		c.attribute(linkType, termKey, t)
		c.use(key)
	}
}

func (c *oldConv) attribute(linkType, key string, t *V3TaxonomyTerm) {
	c.s.Attributes = append(c.s.Attributes, V3Attribute{ID: oldUuid5(c.s.ID + "\x00attribute\x00" + key), LinkID: c.s.ID,
		LinkType: linkType, TaxonomyTermID: t.ID, TaxonomyTerm: t})
}

// eligibility maps ageRange to minimum_age and maximum_age.
func (c *oldConv) eligibility() {
	for _, ar := range oldObjs(c.act["ageRange"]) {
		if n, ok := oldNumber(ar["minValue"]); ok {
			c.s.MinimumAge = n
		}
		if n, ok := oldNumber(ar["maxValue"]); ok {
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
func (c *oldConv) costs() {
	for i, of := range oldObjs(c.act["offers"]) {
		n, ok := oldNumber(of["price"])
		if !ok {
			continue
		}
		co := V3CostOption{ID: oldUuid5(c.s.ID + "\x00cost\x00" + strconv.Itoa(i)), ServiceID: c.s.ID, Option: of.str("name"), Amount: n,
			AmountDescription: of.str("priceCurrency"), ValidFrom: oldDateOnly(of.str("validFrom")), ValidTo: oldDateOnly(of.str("validThrough"))}
		c.s.CostOptions = append(c.s.CostOptions, co)
		c.use("offers")
	}
	if free, ok := c.act["isAccessibleForFree"].(bool); ok && free {
		c.use("isAccessibleForFree")
		if len(c.s.CostOptions) == 0 {
			c.s.CostOptions = append(c.s.CostOptions, V3CostOption{ID: oldUuid5(c.s.ID + "\x00free"), ServiceID: c.s.ID, Option: "Free", Amount: "0"})
		}
	}
}

// dateOnly keeps the YYYY-MM-DD of a date or date-time, else "".
func oldDateOnly(s string) string {
	if _, ok := readDate(s); ok {
		return jsonld.Trim(s)[:10]
	}
	return ""
}

// decodeObj decodes a JSON object keeping numbers as json.Number.
func decodeObj(data []byte) (obj, bool) {
	// The scorer's parser is several times faster than encoding/json into
	// maps; numbers keep their literal as json.Number, as UseNumber did.
	v, err := jsonld.Parse(data)
	if err != nil || v.Kind != jsonld.Object {
		return nil, false
	}
	return obj(toAny(v).(map[string]any)), true
}

// toAny turns a parsed tree into encoding/json's shapes.
func toAny(v *jsonld.Value) any {
	switch v.Kind {
	case jsonld.Bool:
		return v.B
	case jsonld.Number:
		return json.Number(v.S)
	case jsonld.String:
		return v.S
	case jsonld.Array:
		out := make([]any, len(v.A))
		for i, e := range v.A {
			out[i] = toAny(e)
		}
		return out
	case jsonld.Object:
		out := make(map[string]any, len(v.O))
		for _, m := range v.O {
			out[m.Key] = toAny(m.Val)
		}
		return out
	}
	return nil
}

// str returns the first string value of keys, trimmed.
func (o obj) str(keys ...string) string {
	for _, k := range keys {
		if s, ok := o[k].(string); ok && jsonld.Trim(s) != "" {
			return jsonld.Trim(s)
		}
	}
	return ""
}

func (o obj) id() string { return o.str("@id", "id") }

// objs returns the objects of a value: an object, or the objects of a list.
func oldObjs(v any) []obj {
	switch x := v.(type) {
	case map[string]any:
		return []obj{x}
	case []any:
		var out []obj
		for _, e := range x {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

// strs returns the strings of a value: a string, or the strings of a list.
func oldStrs(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// number returns a JSON number ≥ 0.
func oldNumber(v any) (json.Number, bool) {
	n, ok := v.(json.Number)
	if !ok || jsonld.CmpNumber(string(n), "0") < 0 {
		return "", false
	}
	return n, true
}

// present is §8.1.2 presence for decoded values.
func oldPresent(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		return jsonld.Trim(x) != ""
	case []any:
		for _, e := range x {
			if oldPresent(e) {
				return true
			}
		}
		return false
	}
	return true
}

// findActivity finds the activity object in an item's data: the object
// whose @id is activityID at any depth, else (for keys ending "#parent")
// the first inline parent, else the data itself.
func oldFindActivity(data obj, activityID string) obj {
	if data.id() == activityID {
		return data
	}
	if o := oldFindByID(data, activityID, 0); o != nil {
		return o
	}
	if strings.HasSuffix(activityID, "#parent") {
		for _, k := range []string{"superEvent", "facilityUse"} {
			if p := oldObjs(data[k]); len(p) > 0 {
				return p[0]
			}
		}
	}
	return data
}

func oldFindByID(v any, id string, depth int) obj {
	if depth > 32 {
		return nil
	}
	if o, ok := v.(obj); ok {
		v = map[string]any(o)
	}
	switch x := v.(type) {
	case map[string]any:
		if obj(x).id() == id {
			return x
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if o := oldFindByID(x[k], id, depth+1); o != nil {
				return o
			}
		}
	case []any:
		for _, e := range x {
			if o := oldFindByID(e, id, depth+1); o != nil {
				return o
			}
		}
	}
	return nil
}

// tree builds the parsed form of a converted service directly, exactly as
// jsonld.Parse(json.Marshal(v)) reads it: readiness scores every OpenActive
// activity of every snapshot, and the JSON round trip was most of its cost.
// It follows encoding/json's rules for the shapes the V3 types use (strings,
// json.Number, ints, slices, pointers and structs with `json` tags and
// omitempty) and the parser's (`id` read as `@id`; invalid UTF-8 replaced as
// Marshal replaces it). TestTreeEqualsRoundTrip holds the two together.
func oldTree(v any) *jsonld.Value {
	return oldTreeOf(reflect.ValueOf(v))
}

var oldNumberType = reflect.TypeFor[json.Number]()

func oldTreeOf(v reflect.Value) *jsonld.Value {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return &jsonld.Value{Kind: jsonld.Null}
		}
		return oldTreeOf(v.Elem())
	case reflect.String:
		if v.Type() == oldNumberType {
			s := v.String()
			if s == "" {
				s = "0"
			}
			return &jsonld.Value{Kind: jsonld.Number, S: s}
		}
		return &jsonld.Value{Kind: jsonld.String, S: oldValidUTF8(v.String())}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return &jsonld.Value{Kind: jsonld.Number, S: strconv.FormatInt(v.Int(), 10)}
	case reflect.Bool:
		return &jsonld.Value{Kind: jsonld.Bool, B: v.Bool()}
	case reflect.Slice:
		if v.IsNil() {
			return &jsonld.Value{Kind: jsonld.Null}
		}
		out := &jsonld.Value{Kind: jsonld.Array, A: make([]*jsonld.Value, v.Len())}
		for i := range out.A {
			out.A[i] = oldTreeOf(v.Index(i))
		}
		return out
	case reflect.Struct:
		return oldStructTree(v)
	}
	// The V3 types hold nothing else; a new field kind must be added here
	// and to the round-trip test.
	panic("oruk: tree of unsupported kind " + v.Kind().String())
}

func oldStructTree(v reflect.Value) *jsonld.Value {
	fields := oldPlanOf(v.Type())
	out := &jsonld.Value{Kind: jsonld.Object, O: make([]jsonld.Member, 0, len(fields))}
	hasID := false
	for _, f := range fields {
		fv := v.Field(f.index)
		if f.omitEmpty && oldEmptyValue(fv) {
			continue
		}
		hasID = hasID || f.key == "@id"
		out.O = append(out.O, jsonld.Member{Key: f.key, Val: oldTreeOf(fv)})
	}
	for i := range out.O {
		if out.O[i].Key == "id" && !hasID {
			out.O[i].Key = "@id"
		}
	}
	return out
}

// emptyValue is encoding/json's omitempty test for these kinds.
func oldEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String, reflect.Slice:
		return v.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Bool:
		return !v.Bool()
	}
	return false
}

type oldFieldPlan struct {
	index     int
	key       string
	omitEmpty bool
}

var oldPlans sync.Map // reflect.Type → []oldFieldPlan

func oldPlanOf(t reflect.Type) []oldFieldPlan {
	if p, ok := oldPlans.Load(t); ok {
		return p.([]oldFieldPlan)
	}
	var p []oldFieldPlan
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		p = append(p, oldFieldPlan{index: i, key: name, omitEmpty: opts == "omitempty"})
	}
	oldPlans.Store(t, p)
	return p
}

// validUTF8 replaces each invalid byte with U+FFFD, as json.Marshal does.
func oldValidUTF8(s string) string {
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

// completeness runs sv.1 … sv.10 in order.
func oldCompleteness(v *oldView) [10]outcome {
	return [10]outcome{oldSvName(v), oldSvDescription(v), oldSvOrganisation(v), oldSvContact(v), oldSvLocation(v),
		oldSvSchedule(v), oldSvCost(v), oldSvAge(v), oldSvTaxonomy(v), oldSvURL(v)}
}

func oldSvName(v *oldView) outcome {
	n := jsonld.Len(oldText(v.svc, "name"))
	if n >= 1 && n <= 200 {
		return pass("name has %d characters", n)
	}
	if n == 0 {
		return fail("no name")
	}
	return fail("name has %d characters, more than 200", n)
}

func oldSvDescription(v *oldView) outcome {
	s, _ := v.svc.Get("description").Str()
	n := jsonld.Len(jsonld.Trim(stripTags(s)))
	if n >= 30 {
		return pass("description has %d characters of text", n)
	}
	return fail("description has %d characters of text; at least 30 are needed", n)
}

func oldSvOrganisation(v *oldView) outcome {
	if v.org != nil && oldText(v.org, "name") != "" {
		return pass("organization %q", oldText(v.org, "name"))
	}
	if v.org != nil {
		return fail("the organization has no name")
	}
	return fail("no organization object")
}

func oldSvContact(v *oldView) outcome {
	holders := append([]*jsonld.Value{v.svc}, v.contacts...)
	holders = append(holders, v.orgs()...)
	for _, h := range holders {
		if e := oldText(h, "email"); validEmail(e) {
			return pass("e-mail %s", e)
		}
	}
	for _, h := range holders {
		for _, ph := range oldObjects(h, "phones") {
			if n := oldText(ph, "number"); validPhone(n) {
				return pass("phone %s", n)
			}
		}
	}
	return fail("no valid e-mail address or phone number on the service, its contacts or its organization")
}

func oldSvLocation(v *oldView) outcome {
	for _, a := range v.addresses {
		if pc, ok := postcode.Normalise(oldText(a, "postal_code")); ok {
			return pass("postcode %s", pc)
		}
	}
	if v.online && jsonld.IsAbsURLValue(v.svc.Get("url")) {
		return pass("an online service with a web address")
	}
	if len(v.locations) == 0 {
		return fail("no location")
	}
	return fail("no location address has a valid UK postcode")
}

// scheduleKeys are the fields that say when a schedule runs (v3 and v1).
var oldScheduleKeys = []string{"byday", "bymonthday", "dtstart", "opens_at", "valid_from", "freq", "weekday", "description"}

func oldSvSchedule(v *oldView) outcome {
	for _, s := range v.schedules {
		for _, k := range oldScheduleKeys {
			if jsonld.Present(s.Get(k)) {
				return pass("a schedule with %s", k)
			}
		}
	}
	return fail("no schedule saying when it runs")
}

func oldSvCost(v *oldView) outcome {
	for _, c := range v.costs {
		if a := c.Get("amount"); jsonld.IsNumber(a) && jsonld.CmpNumber(a.S, "0") >= 0 {
			return pass("cost option amount %s", a.S)
		}
		if jsonld.Present(c.Get("option")) || jsonld.Present(c.Get("amount_description")) {
			return pass("a cost option with a description")
		}
	}
	if oldText(v.svc, "fees") != "" {
		return pass("fees: %s", oldText(v.svc, "fees"))
	}
	return fail("no cost option or fees")
}

func oldSvAge(v *oldView) outcome {
	for _, h := range append([]*jsonld.Value{v.svc}, v.eligibility...) {
		for _, k := range []string{"minimum_age", "maximum_age"} {
			if a := h.Get(k); jsonld.IsNumber(a) && jsonld.CmpNumber(a.S, "0") >= 0 {
				return pass("%s %s", k, a.S)
			}
		}
	}
	return fail("no numeric minimum_age or maximum_age")
}

func oldSvTaxonomy(v *oldView) outcome {
	for _, t := range v.terms {
		for _, k := range []string{"name", "term", "@id"} {
			if jsonld.Present(t.Get(k)) {
				return pass("a taxonomy term with %s", strings.TrimPrefix(k, "@"))
			}
		}
	}
	if len(v.termIDs) > 0 {
		return pass("a taxonomy term id")
	}
	return fail("no taxonomy term")
}

func oldSvURL(v *oldView) outcome {
	if jsonld.IsAbsURLValue(v.svc.Get("url")) {
		return pass("url %s", oldText(v.svc, "url"))
	}
	if jsonld.Present(v.svc.Get("url")) {
		return fail("url %q is not an absolute http(s) address", oldText(v.svc, "url"))
	}
	return fail("no url")
}

// view is one service read for scoring, with the v3 and v1 names of each
// part gathered in one place. The JSON is read with the OpenActive reading
// rules (scoring.md §8.1): after parsing, a key `id` is `@id`.
type oldView struct {
	svc         *jsonld.Value
	org         *jsonld.Value // nil without an organization object
	locations   []*jsonld.Value
	addresses   []*jsonld.Value
	schedules   []*jsonld.Value
	contacts    []*jsonld.Value
	costs       []*jsonld.Value
	eligibility []*jsonld.Value // v1 eligibilitys[]
	terms       []*jsonld.Value // taxonomy term objects
	termIDs     []*jsonld.Value // taxonomy term id values
	online      bool
}

// newView reads a parsed service.
func oldNewView(svc *jsonld.Value) *oldView {
	v := &oldView{svc: svc}
	if o := svc.Get("organization"); o.IsObject() {
		v.org = o
	}
	v.schedules = append(oldObjects(svc, "schedules"), oldObjects(svc, "regular_schedules")...)
	for _, sal := range oldObjects(svc, "service_at_locations") {
		v.schedules = append(append(v.schedules, oldObjects(sal, "schedules")...), oldObjects(sal, "regular_schedules")...)
		if loc := sal.Get("location"); loc.IsObject() {
			v.addLocation(loc)
		}
	}
	v.contacts = oldObjects(svc, "contacts")
	v.costs = oldObjects(svc, "cost_options")
	v.eligibility = oldObjects(svc, "eligibilitys")
	for _, a := range oldObjects(svc, "attributes") {
		v.addTerm(a.Get("taxonomy_term"), a.Get("taxonomy_term_id"))
	}
	for _, st := range oldObjects(svc, "service_taxonomys") {
		v.addTerm(st.Get("taxonomy"), st.Get("taxonomy_id"))
	}
	v.online = len(v.locations) > 0
	for _, loc := range v.locations {
		if s, _ := loc.Get("location_type").Str(); jsonld.Trim(s) != "virtual" {
			v.online = false
		}
	}
	return v
}

func (v *oldView) addLocation(loc *jsonld.Value) {
	v.locations = append(v.locations, loc)
	for _, k := range []string{"addresses", "physical_addresses", "postal_addresses"} {
		v.addresses = append(v.addresses, oldObjects(loc, k)...)
	}
}

func (v *oldView) addTerm(term, id *jsonld.Value) {
	if term.IsObject() {
		v.terms = append(v.terms, term)
	}
	if jsonld.Present(id) {
		v.termIDs = append(v.termIDs, id)
	}
}

// objects returns the objects listed under key of obj (one object counts
// as a list of one).
func oldObjects(obj *jsonld.Value, key string) []*jsonld.Value {
	return jsonld.Objects(obj.Get(key))
}

// text returns a string field trimmed, "" when absent or not a string.
func oldText(obj *jsonld.Value, key string) string {
	s, _ := obj.Get(key).Str()
	return jsonld.Trim(s)
}

// orgs is the organization, when there is one, as a list.
func (v *oldView) orgs() []*jsonld.Value {
	if v.org == nil {
		return nil
	}
	return []*jsonld.Value{v.org}
}
