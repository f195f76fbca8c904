package score

import "github.com/feedgauge/feedgauge/internal/decimal"

// The method's exact arithmetic is shared with the ORUK profile.
type fixed = decimal.Fixed

const fixedOne = decimal.One

var (
	parseFixed = decimal.Parse
	roundDiv   = decimal.RoundDiv
)

// percent returns round(100 × part / whole) for weights part ≤ whole.
func percent(part, whole fixed) int { return roundDiv(100*int64(part), int64(whole)) }

// half is a freshness component in halves: 0, 1 (= 0.5) or 2 (= 1).
type half int64

func (h half) float() float64 { return float64(h) / 2 }
