package simulate

// Deterministic hashing: every random choice is a pure function of the seed
// and the thing chosen for, so any item can be generated on its own, lazily.

// mix is splitmix64's finaliser.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// hash combines values into one well-mixed number.
func hash(vals ...uint64) uint64 {
	h := uint64(0x243f6a8885a308d3)
	for _, v := range vals {
		h = mix(h ^ v)
	}
	return h
}

// unit maps a hash to [0, 1).
func unit(h uint64) float64 { return float64(h>>11) / (1 << 53) }

// pick maps a hash to [0, n).
func pick(h uint64, n int) int {
	if n <= 0 {
		return 0
	}
	return int(h % uint64(n))
}

// salts name independent draws.
const (
	sCreate uint64 = iota + 1
	sCreateAt
	sDelete
	sDeleteAt
	sPeriod
	sSlow
	sChildPeriod
	sChildPhase
	sChildUpdate
	sChildHour
	sActivity
	sVenue
	sTier
	sName
	sOrphan
	sHostile
	sSwap
	sInline
	sPrice
	sArchetype
	sWeight
	sQuality
	sFeedStyle
	sFault
	sLegacy
	sOrganiser
	sLeader
	sDesc
)
