package config

import (
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// DefaultMemoryLimit keeps a first snapshot of a million items under 1 GB
// of resident memory (docs/benchmarks.md): the Go heap stays under the
// limit and the embedded store's page cache and the runtime take the rest.
const DefaultMemoryLimit = 768 << 20

// GCPercent is the collector's pace under a memory limit. With the limit as
// the backstop, the heap may grow to three times what is live between
// collections instead of twice: a first snapshot used about a tenth less
// CPU, with the same peak memory (docs/benchmarks.md).
const GCPercent = 200

// ApplyMemoryLimit sets the runtime's soft memory limit from --memory-limit;
// empty means the default unless GOMEMLIMIT already set one. A soft limit
// never fails a run: near it the garbage collector works harder, so a
// dataset larger than fits is scored more slowly rather than not at all.
// Under a limit, and unless GOGC says otherwise, the collector runs at
// GCPercent.
func ApplyMemoryLimit(v string) error {
	limit := int64(DefaultMemoryLimit)
	if v != "" {
		n, err := ParseSize(v)
		if err != nil {
			return fmt.Errorf("--memory-limit %q: %w", v, err)
		}
		limit = n
	}
	switch {
	case v == "" && os.Getenv("GOMEMLIMIT") != "":
		// The environment's limit stands.
	case limit == 0:
		debug.SetMemoryLimit(math.MaxInt64) // no limit
		return nil
	default:
		debug.SetMemoryLimit(limit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(GCPercent)
	}
	return nil
}

var sizeUnits = []struct {
	suffix string
	mult   int64
}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"TB", 1e12}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}}

// ParseSize reads a byte size: a whole number with an optional unit (B,
// KB/MB/GB/TB in powers of ten, KiB/MiB/GiB/TiB in powers of two).
func ParseSize(v string) (int64, error) {
	s := strings.TrimSpace(v)
	mult := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("not a size: write a whole number of bytes with a unit, like 768MiB or 2GiB")
	}
	return n * mult, nil
}
