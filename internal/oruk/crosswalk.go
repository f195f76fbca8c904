package oruk

import (
	"crypto/sha1"
	"encoding/hex"
	"slices"
	"sort"
	"time"
	"unsafe"

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
	// ids, when set, remembers the ids of organisations, locations and
	// terms, which recur across the activities of a dataset.
	ids *idCache
}

// Crosswalk is how one OpenActive activity converts to an ORUK v3 service.
type Crosswalk struct {
	Service V3Service
	// Mapped and Lost are the activity's top-level OpenActive properties
	// carried over to ORUK, and those present with no ORUK home, sorted.
	Mapped []string
	Lost   []string
}

// conv is one conversion in progress.
type conv struct {
	act    *jsonld.Value
	h      Hints
	s      V3Service
	mapped []string // unsorted, each once
	idText []byte   // where uuid5 writes ids (see conv.uuid5)
}

// Convert converts an OpenActive activity (a SessionSeries, FacilityUse,
// event or course) to an ORUK v3 service: SessionSeries/FacilityUse →
// service; organizer/provider → organization; location → location +
// service_at_location; ageRange → minimum/maximum_age; genderRestriction →
// an eligibility attribute; offers → cost_options; activity and
// facilityType → taxonomy attributes; eventSchedule → schedules. Ids are
// name-based UUIDs of the OpenActive ids, so they are stable.
func Convert(act obj, h Hints) Crosswalk {
	return convert(fromAny(map[string]any(act)), h)
}

// convert is Convert of a parsed activity: readiness reads the parser's
// tree directly, as copying it into maps cost as much as the crosswalk.
func convert(act *jsonld.Value, h Hints) Crosswalk {
	c := &conv{act: act, h: h, s: V3Service{Status: "inactive"}, mapped: make([]string, 0, 16)}
	c.s.ID = c.uuid5("service\x00", h.DatasetID, "\x00", h.ActivityID)
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
	// An exact copy: results are kept, a snapshot's worth of them at once.
	mapped := make([]string, len(c.mapped))
	copy(mapped, c.mapped)
	slices.Sort(mapped)
	return Crosswalk{Service: c.s, Mapped: mapped, Lost: c.lost()}
}

// use marks OpenActive keys as carried over.
func (c *conv) use(keys ...string) {
	for _, k := range keys {
		if jsonld.Present(c.act.Get(k)) && !c.used(k) {
			c.mapped = append(c.mapped, k)
		}
	}
}

func (c *conv) used(k string) bool { return slices.Contains(c.mapped, k) }

func (c *conv) basics() {
	c.s.Name = str(c.act, "name")
	c.s.Description = str(c.act, "description")
	if u := str(c.act, "url"); isAbsURL(u) {
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
	n := 0
	for _, m := range c.act.O {
		if c.isLost(m) {
			n++
		}
	}
	out := make([]string, 0, n) // never nil: stored as []
	for _, m := range c.act.O {
		if c.isLost(m) {
			out = append(out, m.Key)
		}
	}
	sort.Strings(out)
	return out
}

func (c *conv) isLost(m jsonld.Member) bool {
	return !ignored(m.Key) && !c.used(m.Key) && jsonld.Present(m.Val)
}

// ignored are keys that identify rather than describe.
func ignored(k string) bool {
	switch k {
	case "@context", "@id", "id", "@type", "type":
		return true
	}
	return false
}

// namespace is feedgauge's UUID namespace for converted records (a random
// v4 UUID fixed once): ids derive from OpenActive ids, so the same activity
// always converts to the same service id.
var namespace = [16]byte{0x6f, 0x1c, 0x3a, 0x52, 0x8e, 0x0b, 0x4d, 0x27, 0x9a, 0x44, 0x1e, 0x7d, 0x05, 0xc3, 0xb8, 0x91}

// uuid5 is the RFC 9562 name-based (SHA-1, version 5) UUID of the name
// the parts make together, hashed from a buffer on the stack.
func uuid5(parts ...string) string {
	var buf [192]byte
	return uuidOf(appendName(buf[:0], parts))
}

// uuid5 is uuid5 with the text of the ids carved from one buffer per
// conversion, rather than allocated for each of a service's ids. A carved
// piece is never written again, so the strings stay as they are.
func (c *conv) uuid5(parts ...string) string {
	var buf [192]byte
	name := appendName(buf[:0], parts)
	if cap(c.idText)-len(c.idText) < 36 {
		c.idText = make([]byte, 0, 36*8)
	}
	start := len(c.idText)
	c.idText = appendUUID(c.idText, name)
	return unsafe.String(&c.idText[start], 36)
}

// appendName appends the namespace and the parts: the name hashed.
func appendName(dst []byte, parts []string) []byte {
	dst = append(dst, namespace[:]...)
	for _, p := range parts {
		dst = append(dst, p...)
	}
	return dst
}

// uuidOf is the UUID of a name appendName made.
func uuidOf(name []byte) string {
	var b [36]byte
	return string(appendUUID(b[:0], name))
}

// appendUUID appends the text of the UUID of a name appendName made.
func appendUUID(dst, name []byte) []byte {
	u := sha1.Sum(name)
	u[6] = (u[6] & 0x0f) | 0x50
	u[8] = (u[8] & 0x3f) | 0x80
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	hex.Encode(b[9:13], u[4:6])
	hex.Encode(b[14:18], u[6:8])
	hex.Encode(b[19:23], u[8:10])
	hex.Encode(b[24:36], u[10:16])
	b[8], b[13], b[18], b[23] = '-', '-', '-', '-'
	return append(dst, b[:]...)
}
