//go:build !unix

package score

import "time"

// processCPU is unknown here; the benchmarks then omit the CPU metric.
func processCPU() time.Duration { return 0 }
