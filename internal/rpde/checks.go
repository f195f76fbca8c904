package rpde

import "github.com/feedgauge/feedgauge/internal/domain"

// Checks is the set of RPDE rule checks (domain.Check*) that failed at
// least once, as a bit set in the order of domain.RPDEChecks.
type Checks uint32

func checkBit(key string) Checks {
	for i, k := range domain.RPDEChecks {
		if k == key {
			return 1 << i
		}
	}
	return 0
}

// Fail marks a check as failed.
func (c *Checks) Fail(key string) { *c |= checkBit(key) }

// Failed reports whether a check failed.
func (c Checks) Failed(key string) bool { return c&checkBit(key) != 0 }

// Add merges another set.
func (c *Checks) Add(o Checks) { *c |= o }

// List returns the failed check keys in display order.
func (c Checks) List() []string {
	var out []string
	for i, k := range domain.RPDEChecks {
		if c&(1<<i) != 0 {
			out = append(out, k)
		}
	}
	return out
}
