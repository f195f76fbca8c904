package score

import (
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// keyed is one object copy with its members among presenceKeys found in a
// single pass, so the many readers of an item's objects look each of those
// properties up by index instead of scanning the members again and again.
// get(k) is exactly obj.Get(presenceKeys[k]). It holds member positions,
// not pointers, so resetting it for the next object is a plain clear.
type keyed struct {
	obj     *jsonld.Value
	at      [len(presenceKeys)]uint8 // 1 + the member's position; 0 when none (or too far)
	far     bool                     // a presence key first met past position 254
	present keyMask                  // the present ones (§8.1.2)
	others  int                      // present members outside presenceKeys
}

// pkey is an index into presenceKeys.
type pkey uint8

// presenceIndex finds a presence key's index; the keys read through keyed
// are fixed when the package is initialised, so a missing one panics then.
func presenceIndex(k string) pkey {
	for i, p := range presenceKeys {
		if p == k {
			return pkey(i)
		}
	}
	panic("score: " + k + " is not a presence key")
}

// The properties read through keyed.
var (
	kID, kType, kName, kDescription       = presenceIndex("@id"), presenceIndex("@type"), presenceIndex("name"), presenceIndex("description")
	kActivity, kFacilityType, kLocation   = presenceIndex("activity"), presenceIndex("facilityType"), presenceIndex("location")
	kStartDate, kEndDate, kEventSchedule  = presenceIndex("startDate"), presenceIndex("endDate"), presenceIndex("eventSchedule")
	kEventStatus, kAttendanceMode         = presenceIndex("eventStatus"), presenceIndex("eventAttendanceMode")
	kVirtualLocation, kFree, kOffers      = presenceIndex("beta:virtualLocation"), presenceIndex("isAccessibleForFree"), presenceIndex("offers")
	kOrganizer, kProvider, kContactPoint  = presenceIndex("organizer"), presenceIndex("provider"), presenceIndex("beta:contactPoint")
	kImage, kAgeRange, kGenderRestriction = presenceIndex("image"), presenceIndex("ageRange"), presenceIndex("genderRestriction")
	linkKeys                              = func() (ks [len(linkProps)]pkey) {
		for i, p := range linkProps {
			ks[i] = presenceIndex(p)
		}
		return ks
	}()
)

// reset points k at obj, indexes its members and notes which are present;
// the first member of a key wins, as in Get (the parser leaves one member
// per key anyway).
func (k *keyed) reset(obj *jsonld.Value) {
	k.obj, k.at, k.far, k.present, k.others = obj, [len(presenceKeys)]uint8{}, false, 0, 0
	for i := range obj.O {
		m := &obj.O[i]
		s, ok := presenceSlots.find(m.Key)
		switch {
		case !ok:
			if jsonld.Present(m.Val) {
				k.others++
			}
			continue
		case k.at[s] != 0:
		case i < 255:
			k.at[s] = uint8(i + 1)
		default:
			k.far = true
		}
		if jsonld.Present(m.Val) {
			k.present |= 1 << s
		}
	}
}

func (k *keyed) get(p pkey) *jsonld.Value {
	if i := k.at[p]; i != 0 {
		return k.obj.O[i-1].Val
	}
	if k.far {
		return k.obj.Get(presenceKeys[p])
	}
	return nil
}

// presenceSlots finds a member's presence key: a perfect hash of a few of
// its bytes, then one comparison. Map lookups were a fifth of reading an
// object's facts.
var presenceSlots = newKeyTable(presenceKeys[:])

const keyBits = 9

type keyTable struct {
	keys  []string
	mul   uint64
	slots [1 << keyBits]uint8 // 1 + the key's index; 0 when none
}

// keyBytes packs the bytes the hash reads: the length and four characters.
// Distinct keys need distinct packs; newKeyTable checks.
func keyBytes(k string) uint64 {
	n := len(k)
	if n < 2 {
		if n == 1 {
			return 1 | uint64(k[0])<<8
		}
		return 0
	}
	return uint64(n&0xff) | uint64(k[0])<<8 | uint64(k[n/2])<<16 | uint64(k[n-2])<<24 | uint64(k[n-1])<<32
}

// newKeyTable searches for a multiplier that sends every key to a slot of
// its own (a few dozen tries for some fifty keys in 512 slots).
func newKeyTable(keys []string) *keyTable {
	mul := uint64(0x9E3779B97F4A7C15)
	for try := 0; try < 1<<16; try, mul = try+1, mul+2*0x9E3779B9 {
		t := &keyTable{keys: keys, mul: mul}
		ok := true
		for i, k := range keys {
			h := t.hash(k)
			if t.slots[h] != 0 {
				ok = false
				break
			}
			t.slots[h] = uint8(i + 1)
		}
		if ok {
			return t
		}
	}
	panic("score: no perfect hash for the presence keys; read other bytes in keyBytes")
}

func (t *keyTable) hash(k string) uint64 { return keyBytes(k) * t.mul >> (64 - keyBits) }

func (t *keyTable) find(k string) (pkey, bool) {
	s := t.slots[t.hash(k)]
	if s == 0 || t.keys[s-1] != k {
		return 0, false
	}
	return pkey(s - 1), true
}
