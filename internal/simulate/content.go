package simulate

import (
	"fmt"
	"strconv"
	"time"
)

// keys are the JSON-LD keywords a dataset writes: @id/@type, or the legacy
// id/type some publishers (Legend) still use.
type keys struct{ id, typ string }

func (d *dataset) keys() keys {
	if d.legacy {
		return keys{"id", "type"}
	}
	return keys{"@id", "@type"}
}

// atID is the JSON-LD @id of item key of f.
func (f *feed) atID(key uint32) string {
	return "https://" + f.ds.slug + ".example.org/api/" + f.spec.path + "/" + f.rpdeID(key)
}

// appendItem writes one RPDE item of f.
func (w *world) appendItem(b []byte, f *feed, e entry) []byte {
	j := &jw{b: b}
	j.open()
	if e.del {
		j.kv("state", "deleted")
	} else {
		j.kv("state", "updated")
	}
	j.kv("kind", f.spec.kind)
	j.key("id")
	if f.numericIDs {
		j.raw(f.rpdeID(e.key))
	} else {
		j.str(f.rpdeID(e.key))
	}
	j.key("modified")
	j.raw(f.modified(e))
	if !e.del {
		j.key("data")
		w.writeData(j, f, e)
	}
	j.close()
	return j.b
}

func (w *world) writeData(j *jw, f *feed, e entry) {
	switch f.spec.typ {
	case "SessionSeries":
		w.sessionSeries(j, f, int(e.key), e.ver, true)
	case "ScheduledSession":
		w.scheduledSession(j, f, e)
	case "FacilityUse":
		w.facilityUse(j, f, int(e.key), e.ver, true)
	case "Slot":
		w.slot(j, f, e)
	case "Event":
		w.event(j, f, int(e.key), e.ver)
	case "CourseInstance":
		w.course(j, f, int(e.key), e.ver)
	default:
		w.onDemand(j, f, int(e.key), e.ver)
	}
}

// versionTime is when version ver of parent slot s was made (dates of
// events and courses are relative to it, so they change only with it).
func (w *world) versionTime(f *feed, s int, ver uint16) int64 {
	c, _, p := w.parentLife(f, s)
	return c + int64(ver)*p
}

func (w *world) header(j *jw, f *feed, typ string, key uint32, ctx bool) {
	k := f.ds.keys()
	j.open()
	if ctx {
		j.key("@context")
		j.raw(`["https://openactive.io/","https://openactive.io/ns-beta"]`)
	}
	j.kv(k.typ, typ)
	j.kv(k.id, f.atID(key))
	j.kv("identifier", f.rpdeID(key))
}

func (w *world) concept(j *jw, k keys, c concept, scheme string) {
	j.open()
	j.kv(k.typ, "Concept")
	j.kv(k.id, c.ID)
	j.kv("prefLabel", c.Label)
	j.kv("inScheme", scheme)
	j.close()
}

func (w *world) activity(j *jw, d *dataset, p profile) {
	j.karr("activity")
	if p.has[fActID] {
		w.concept(j, d.keys(), p.act, "https://openactive.io/activity-list")
	} else {
		j.open()
		j.kv("prefLabel", p.act.Label)
		j.close()
	}
	j.closeArr()
}

func (w *world) organizer(j *jw, d *dataset, p profile, key string) {
	k := d.keys()
	j.kobj(key)
	j.kv(k.typ, "Organization")
	j.kv(k.id, "https://"+d.slug+".example.org/organisers/"+slugify(p.club))
	j.kv("name", p.club)
	if p.has[fOrgURL] {
		j.kv("url", "https://www."+slugify(p.club)+".example.org/")
	}
	if p.has[fContact] {
		j.kv("email", "hello@"+slugify(p.club)+".example.org")
		j.kv("telephone", fmt.Sprintf("0161 496 0%03d", len(p.club)*37%1000))
	}
	if p.has[fCriteria] {
		j.key("beta:formalCriteriaMet")
		j.raw(`["https://www.sportengland.org/funds-and-campaigns/join-the-movement"]`)
	}
	j.close()
}

func (w *world) location(j *jw, d *dataset, p profile) {
	k := d.keys()
	j.kobj("location")
	j.kv(k.typ, "Place")
	j.kv("name", p.venue)
	if p.has[fAddress] || p.has[fPostcode] {
		j.kobj("address")
		j.kv(k.typ, "PostalAddress")
		j.kv("streetAddress", "1 "+p.venue)
		j.kv("addressLocality", orDefault(p.place.Name, d.town))
		if p.has[fPostcode] {
			j.kv("postalCode", p.place.Postcode)
		}
		j.kv("addressCountry", "GB")
		j.close()
	}
	if p.has[fGeo] {
		lat, lng := p.place.Lat, p.place.Lng
		if p.swapped {
			lat, lng = lng, lat
		}
		j.kobj("geo")
		j.kv(k.typ, "GeoCoordinates")
		j.key("latitude")
		j.flt(lat)
		j.key("longitude")
		j.flt(lng)
		j.close()
	}
	j.close()
}

func (w *world) offers(j *jw, d *dataset, p profile, ver uint16) {
	if !p.has[fOffers] {
		return
	}
	k := d.keys()
	price := p.price + int64(ver%2)*50
	j.karr("offers")
	j.open()
	j.kv(k.typ, "Offer")
	j.kv("name", "Adult drop-in")
	j.key("price")
	j.raw(strconv.FormatFloat(float64(price)/100, 'f', 2, 64))
	j.kv("priceCurrency", "GBP")
	j.close()
	j.closeArr()
	if price == 0 {
		j.key("isAccessibleForFree")
		j.boolean(true)
	}
}

// extras are the fields a link worker values that publishers often skip.
func (w *world) extras(j *jw, f *feed, p profile, key uint32) {
	d := f.ds
	k := d.keys()
	if p.has[fURL] {
		j.kv("url", "https://"+d.slug+".example.org/book/"+f.rpdeID(key))
	}
	if p.has[fImage] {
		j.karr("image")
		j.open()
		j.kv(k.typ, "ImageObject")
		j.kv("url", "https://images.example.org/"+slugify(p.act.Label)+".jpg")
		j.close()
		j.closeArr()
	}
	if p.has[fAccess] {
		j.karr("accessibilitySupport")
		w.concept(j, k, w.vocab.Accessibility[int(key)%len(w.vocab.Accessibility)], "https://openactive.io/accessibility-support")
		j.closeArr()
		j.kv("accessibilityInformation", "Step-free access and an accessible toilet.")
	}
	if p.has[fLevel] {
		j.karr("level")
		j.str(levels[int(key)%len(levels)])
		j.closeArr()
		j.karr("category")
		j.str(categories[int(key)%len(categories)])
		j.closeArr()
	}
	if p.has[fInstr] {
		j.kv("attendeeInstructions", instructions[int(key)%len(instructions)])
	}
	if p.has[fAge] {
		j.kobj("ageRange")
		j.kv(k.typ, "QuantitativeValue")
		j.kn("minValue", int64(16+int(key)%3*20))
		j.close()
		j.kv("genderRestriction", "https://openactive.io/NoRestriction")
	}
	if p.has[fLeader] {
		j.karr("leader")
		j.open()
		j.kv(k.typ, "Person")
		j.kv("givenName", givenNames[int(key)%len(givenNames)])
		j.kv("familyName", familyNames[int(key)/3%len(familyNames)])
		j.close()
		j.closeArr()
	}
}

const isoZ = "2006-01-02T15:04:05Z"

func (j *jw) kdate(k string, t int64) {
	j.key(k)
	j.sep()
	j.b = append(j.b, '"')
	j.b = time.Unix(t, 0).UTC().AppendFormat(j.b, isoZ)
	j.b = append(j.b, '"')
}
