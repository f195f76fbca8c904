package assurance

import "github.com/feedgauge/feedgauge/internal/score"

// norm is scoring.md §8.9's norm(s), used here to give imported rows stable
// ids; it is the scorer's own, so ids and matching never disagree.
func norm(s string) string { return score.Norm(s) }
