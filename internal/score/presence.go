package score

import (
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// Presence of a property (§8.1.2) is read once per object, when an item is
// decoded, as one bit of a mask over presenceKeys: every field of the
// embedded model files and every property the sp checks test for presence.
// Scoring then ORs the masks of an activity's sources instead of looking
// properties up source by source. A present property outside this list is
// kept by name (objFacts.otherKeys), so model files with other fields still
// score correctly, only more slowly. TestPresenceKeysCoverModels keeps the
// list in step with models/.
var presenceKeys = [...]string{
	"@id", "@type", "activity", "ageRange", "description", "duration", "endDate", "eventSchedule",
	"eventStatus", "facilityType", "facilityUse", "genderRestriction", "hoursAvailable", "identifier",
	"image", "isCoached", "leader", "level", "location", "maximumAttendeeCapacity", "maximumUses", "name",
	"offers", "organizer", "programme", "provider", "remainingAttendeeCapacity", "remainingUses",
	"startDate", "subEvent", "url", "workFeatured",
	// sp.10, sp.11, sp.12 and sp.14 beyond the model fields.
	"accessibilitySupport", "accessibilityInformation", "beta:isWheelchairAccessible", "category",
	"attendeeInstructions", "meetingPoint", "beta:participantSuppliedEquipment", "contributor",
	// Common properties no check reads, listed so that they are not kept
	// by name (otherKeys) for nearly every object.
	"@context", "superEvent", "individualFacilityUse", "aggregateFacilityUse", "instanceOfCourse",
	"eventAttendanceMode", "beta:virtualLocation", "isAccessibleForFree", "beta:contactPoint", "sameAs",
	"endTime", "startTime", "schedulingNote", "beta:formattedDescription", "beta:offerValidityPeriod",
}

// keyMask is a set of presenceKeys.
type keyMask uint64

var presenceBit = func() map[string]keyMask {
	m := make(map[string]keyMask, len(presenceKeys))
	for i, k := range presenceKeys {
		m[k] = 1 << i
	}
	return m
}()

// maskOf is the mask of the listed keys; keys outside presenceKeys are
// returned separately.
func maskOf(keys ...string) (keyMask, []string) {
	var m keyMask
	var others []string
	for _, k := range keys {
		if b, ok := presenceBit[k]; ok {
			m |= b
		} else {
			others = append(others, k)
		}
	}
	return m, others
}

// readPresence records which properties of the object are present (k has
// found them).
func readPresence(k *keyed, f *objFacts) {
	f.present = k.present
	if k.others == 0 {
		return
	}
	keys := make([]string, 0, k.others)
	for _, m := range k.obj.O {
		if _, ok := presenceBit[m.Key]; !ok && jsonld.Present(m.Val) {
			keys = append(keys, m.Key)
		}
	}
	f.more().otherKeys = keys
}

// anyPresentIn reports whether some source has one of the properties.
func anyPresentIn(srcs []*objFacts, mask keyMask, others []string) bool {
	for _, s := range srcs {
		if s.present&mask != 0 || s.hasOther(others) {
			return true
		}
	}
	return false
}

func (f *objFacts) hasOther(keys []string) bool {
	for _, k := range keys {
		for _, o := range f.otherKeys {
			if o == k {
				return true
			}
		}
	}
	return false
}

// fieldSpec is one scored entry of a model (§8.6.7): a required or
// recommended field, or a requiredOptions group, with its presence mask and
// the words used when it is missing, built once when the model is loaded.
type fieldSpec struct {
	name       string // the field, or a group written a|b
	weight     int
	required   bool
	location   bool // the single field `location`, not counted for an online activity (§8.14.4)
	mask       keyMask
	others     []string // fields outside presenceKeys
	missingMsg string   // as.4's problem when a required entry is missing
}

func newFieldSpec(fields []string, weight int, required bool) fieldSpec {
	name := fields[0]
	for _, f := range fields[1:] {
		name += "|" + f
	}
	s := fieldSpec{name: name, weight: weight, required: required, location: len(fields) == 1 && name == "location"}
	s.mask, s.others = maskOf(fields...)
	if required {
		s.missingMsg = "required property " + name + " is missing"
	}
	return s
}

// fieldSpecs lists a model's entries in model order: required fields,
// requiredOptions groups, recommended fields.
func (m *Model) fieldSpecs() []fieldSpec {
	if m.specs != nil {
		return m.specs
	}
	return buildSpecs(m) // a Model not made by LoadModels
}

func buildSpecs(m *Model) []fieldSpec {
	specs := make([]fieldSpec, 0, len(m.Required)+len(m.Options)+len(m.Recommended))
	for _, f := range m.Required {
		specs = append(specs, newFieldSpec([]string{f}, 2, true))
	}
	for _, g := range m.Options {
		specs = append(specs, newFieldSpec(g, 2, true))
	}
	for _, f := range m.Recommended {
		specs = append(specs, newFieldSpec([]string{f}, 1, false))
	}
	return specs
}
