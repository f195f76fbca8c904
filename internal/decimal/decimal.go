// Package decimal is the exact arithmetic the published methods require
// (scoring.md §8): profile decimals are read into six-place fixed point and
// every score is computed with integers, never floating point.
package decimal

import (
	"fmt"
	"strings"
)

// Fixed is an exact decimal with six places (value × 10^6).
type Fixed int64

// One is 1.0.
const One Fixed = 1_000_000

// Parse reads a non-negative decimal string such as "0.4" or "2" exactly.
func Parse(s string) (Fixed, error) {
	s = strings.TrimSpace(s)
	intPart, frac, _ := strings.Cut(s, ".")
	if intPart == "" || len(frac) > 6 || strings.HasPrefix(s, "-") || len(intPart) > 9 {
		return 0, fmt.Errorf("decimal %q: want a non-negative number with at most 6 decimal places", s)
	}
	var v int64
	for _, c := range intPart + frac + strings.Repeat("0", 6-len(frac)) {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("decimal %q: not a number", s)
		}
		v = v*10 + int64(c-'0')
	}
	return Fixed(v), nil
}

// RoundDiv returns round(num / den) with round(x) = ⌊x + ½⌋, for num ≥ 0
// and den > 0: ⌊(2·num + den) / (2·den)⌋; 0 when den ≤ 0.
func RoundDiv(num, den int64) int {
	if den <= 0 {
		return 0
	}
	return int((2*num + den) / (2 * den))
}
