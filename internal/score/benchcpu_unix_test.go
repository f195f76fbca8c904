//go:build unix

package score

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used, user and system. The
// benchmarks report throughput per CPU second as well as per wall second
// because the machines they run on are shared: a busy neighbour stretches
// wall time but not, to first order, CPU time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
