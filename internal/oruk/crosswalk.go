package oruk

import (
	"crypto/sha1"
	"encoding/hex"
	"sort"
	"time"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// Hints are what scoring already knows of an activity and the crosswalk
// uses: the activity's key, its next occurrence (for a schedule when it has
// no eventSchedule), last change and whether it has an upcoming occurrence.
type Hints struct {
	DatasetID, ActivityID string
	NextOccurrence        *time.Time
	LastChange            *time.Time
	Upcoming              bool
	// Label names an Activity List or Facility Types id ("" unknown).
	Label  func(id string) string
	London *time.Location
}

// Crosswalk is how one OpenActive activity converts to an ORUK v3 service.
type Crosswalk struct {
	Service V3Service
	// Mapped and Lost are the activity's top-level OpenActive properties
	// carried over to ORUK, and those present with no ORUK home, sorted.
	Mapped []string
	Lost   []string
}

// ignored are keys that identify rather than describe.
var ignored = map[string]bool{"@context": true, "@id": true, "id": true, "@type": true, "type": true}

// conv is one conversion in progress.
type conv struct {
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
func Convert(act obj, h Hints) Crosswalk {
	sid := uuid5("service\x00" + h.DatasetID + "\x00" + h.ActivityID)
	c := &conv{act: act, h: h, s: &V3Service{ID: sid, Status: "inactive"}, mapped: map[string]bool{}}
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
	return Crosswalk{Service: *c.s, Mapped: keys(c.mapped), Lost: c.lost()}
}

// use marks OpenActive keys as carried over.
func (c *conv) use(keys ...string) {
	for _, k := range keys {
		if present(c.act[k]) {
			c.mapped[k] = true
		}
	}
}

func (c *conv) basics() {
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
func (c *conv) lost() []string {
	out := []string{}
	for k, v := range c.act {
		if !ignored[k] && !c.mapped[k] && present(v) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func keys(m map[string]bool) []string {
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
var namespace = [16]byte{0x6f, 0x1c, 0x3a, 0x52, 0x8e, 0x0b, 0x4d, 0x27, 0x9a, 0x44, 0x1e, 0x7d, 0x05, 0xc3, 0xb8, 0x91}

// uuid5 is the RFC 9562 name-based (SHA-1, version 5) UUID of name.
func uuid5(name string) string {
	h := sha1.New()
	h.Write(namespace[:])
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
