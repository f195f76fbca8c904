package geo

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Coverage levels, as the `coverage` query names them.
const (
	LevelLSOA   = "lsoa"
	LevelLAD    = "lad"
	LevelSubICB = "sub_icb"
	LevelICB    = "icb"
	LevelRegion = "region"
	LevelPCN    = "pcn"
)

var (
	onsCode      = regexp.MustCompile(`^[A-Z][0-9]{8}$`)
	pseudoCode   = regexp.MustCompile(`^[A-Z]99999999$`)
	lsoaCode     = regexp.MustCompile(`^[EW]01[0-9]{6}$`)
	pcnCode      = regexp.MustCompile(`^U[0-9]{5}$`)
	practiceCode = regexp.MustCompile(`^[A-Z][0-9A-Z][0-9]{4}$`)
)

// cleanCode returns an ONS code, or "" for a blank or a pseudo-code such
// as E99999999 ("not applicable"). ok is false when the value is neither.
func cleanCode(s string) (code string, ok bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	switch {
	case s == "", pseudoCode.MatchString(s):
		return "", true
	case onsCode.MatchString(s):
		return s, true
	}
	return "", false
}

// levelOfCode tells a coverage level from an ONS code's entity prefix.
func levelOfCode(code string) string {
	if len(code) < 3 {
		return ""
	}
	switch code[:3] {
	case "E01", "W01":
		return LevelLSOA
	case "E06", "E07", "E08", "E09", "W06":
		return LevelLAD
	case "E38":
		return LevelSubICB
	case "E54":
		return LevelICB
	case "E12":
		return LevelRegion
	}
	return ""
}

// The UK, generously: Scilly to Shetland, Fermanagh to Lowestoft.
const (
	ukMinLat, ukMaxLat = 49.8, 61.0
	ukMinLng, ukMaxLng = -8.7, 2.0
)

func inUK(lat, lng float64) bool {
	return lat >= ukMinLat && lat <= ukMaxLat && lng >= ukMinLng && lng <= ukMaxLng
}

// checkPoint explains why a latitude/longitude pair cannot be used, or
// returns "" when it is a point in the UK.
func checkPoint(lat, lng float64) string {
	switch {
	case math.IsNaN(lat) || math.IsNaN(lng) || math.IsInf(lat, 0) || math.IsInf(lng, 0):
		return "coordinates are not numbers"
	case lat == 0 && lng == 0:
		return "coordinates are 0, 0 (at sea: the real point is missing)"
	case lat > 99 && lat < 100:
		return "no grid reference (latitude 99.999999)"
	case inUK(lng, lat):
		return "latitude and longitude are swapped"
	case math.Abs(lat) > 90 || math.Abs(lng) > 180:
		return "coordinates look like British National Grid metres, not WGS84 degrees"
	case !inUK(lat, lng):
		return "coordinates are outside the UK"
	}
	return ""
}

// parsePoint reads a latitude and longitude; ok is false when either is
// blank. reason is set when they are present but unusable.
func parsePoint(latS, lngS string) (lat, lng float64, ok bool, reason string) {
	if latS == "" || lngS == "" {
		return 0, 0, false, ""
	}
	lat, err1 := strconv.ParseFloat(latS, 64)
	lng, err2 := strconv.ParseFloat(lngS, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false, "coordinates are not numbers"
	}
	if r := checkPoint(lat, lng); r != "" {
		return 0, 0, false, r
	}
	return lat, lng, true, ""
}
