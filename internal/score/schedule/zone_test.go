package schedule

import (
	"math/rand"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// TestOffsetsMatchLocal: the remembered-period shortcut gives exactly
// jsonld.Local's instant, across DST changes, odd offsets and zones that
// skipped whole days, walking dates in order (as schedules do) and jumping.
func TestOffsetsMatchLocal(t *testing.T) {
	names := []string{"Europe/London", "America/New_York", "Australia/Lord_Howe", "Pacific/Apia",
		"Asia/Tehran", "America/St_Johns", "UTC", "Etc/GMT-14", "Africa/Casablanca", "America/Sao_Paulo"}
	rng := rand.New(rand.NewSource(1))
	times := [][3]int{{0, 0, 0}, {0, 30, 0}, {1, 0, 0}, {1, 30, 0}, {2, 0, 0}, {2, 30, 0}, {3, 0, 0}, {12, 0, 0}, {23, 59, 59}}
	for _, name := range names {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		check := func(z *offsets, day int64, hms [3]int) {
			y, m, d := civil(day)
			want := jsonld.Local(loc, y, m, d, hms[0], hms[1], hms[2], 0)
			if got := z.local(day, hms[0], hms[1], hms[2]); got != want {
				t.Fatalf("%s %04d-%02d-%02d %v: got %v, want %v", name, y, m, d, hms, got, want)
			}
		}
		for _, hms := range times {
			z := offsets{loc: loc}
			for day := dayNum(1960, 1, 1); day < dayNum(2045, 1, 1); day++ {
				check(&z, day, hms)
			}
		}
		z := offsets{loc: loc}
		for i := 0; i < 20000; i++ {
			check(&z, rng.Int63n(lastDay+719468)-719468, times[rng.Intn(len(times))])
		}
	}
}
