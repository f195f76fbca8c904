package config

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "1024": 1024, "768MiB": 768 << 20, "2GiB": 2 << 30, "1 GB": 1e9, "10KB": 10000, "5B": 5} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "MiB", "-1GiB", "1.5GiB", "lots", "9999999999TiB"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
}

// TestApplyMemoryLimit: a limit sets it and, unless GOGC is set, the
// collector's pace; no limit leaves the pace alone.
func TestApplyMemoryLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, tc := range []struct {
		flag, gogc, gomemlimit string
		wantLimit              int64
		wantPercent            int
	}{
		{flag: "", wantLimit: DefaultMemoryLimit, wantPercent: GCPercent},
		{flag: "2GiB", wantLimit: 2 << 30, wantPercent: GCPercent},
		{flag: "2GiB", gogc: "50", wantLimit: 2 << 30, wantPercent: 100},
		{flag: "0", wantLimit: math.MaxInt64, wantPercent: 100},
		{flag: "0", gomemlimit: "1GiB", wantLimit: math.MaxInt64, wantPercent: 100},
		{flag: "", gomemlimit: "1GiB", wantLimit: 123, wantPercent: GCPercent},
	} {
		t.Setenv("GOGC", tc.gogc)
		t.Setenv("GOMEMLIMIT", tc.gomemlimit)
		debug.SetMemoryLimit(123)
		debug.SetGCPercent(100)
		if err := ApplyMemoryLimit(tc.flag); err != nil {
			t.Fatal(err)
		}
		if got := debug.SetMemoryLimit(-1); got != tc.wantLimit {
			t.Errorf("%+v: limit %d, want %d", tc, got, tc.wantLimit)
		}
		if got := debug.SetGCPercent(100); got != tc.wantPercent {
			t.Errorf("%+v: GC percent %d, want %d", tc, got, tc.wantPercent)
		}
	}
	if err := ApplyMemoryLimit("lots"); err == nil {
		t.Error("a bad size was accepted")
	}
}
