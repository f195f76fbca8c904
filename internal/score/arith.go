package score

import (
	"fmt"
	"strings"
)

// fixed is an exact decimal with six places (value × 10^6). Profile decimals
// are read into it so every score is computed with integers, never floating
// point (scoring.md §8).
type fixed int64

const fixedOne fixed = 1_000_000

// parseFixed reads a decimal string such as "0.4" or "2" exactly.
func parseFixed(s string) (fixed, error) {
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
	return fixed(v), nil
}

// roundDiv returns round(num / den) with round(x) = ⌊x + ½⌋, for num ≥ 0 and
// den > 0: ⌊(2·num + den) / (2·den)⌋.
func roundDiv(num, den int64) int {
	if den <= 0 {
		return 0
	}
	return int((2*num + den) / (2 * den))
}

// percent returns round(100 × part / whole) for weights part ≤ whole.
func percent(part, whole fixed) int { return roundDiv(100*int64(part), int64(whole)) }

// half is a freshness component in halves: 0, 1 (= 0.5) or 2 (= 1).
type half int64

func (h half) float() float64 { return float64(h) / 2 }
