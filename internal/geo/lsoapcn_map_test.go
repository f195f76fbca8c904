package geo

import (
	"context"
	"strings"
	"testing"

	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// TestLSOAPCNsForMaps: the demo place has no LSOA-to-PCN table, so maps
// give each Trafford LSOA the PCN of the practice nearest its centroid; every
// one of the 139 gets a real PCN code.
func TestLSOAPCNsForMaps(t *testing.T) {
	ctx := context.Background()
	st := storetest.SQLite(t)
	if _, err := ImportDemo(ctx, st); err != nil {
		t.Fatal(err)
	}
	r, err := Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	m := r.LSOAPCNs()
	if len(m) != 139 {
		t.Fatalf("%d LSOAs have a PCN for the map, want all 139", len(m))
	}
	pcns := map[string]bool{}
	for lsoa, pcn := range m {
		if !strings.HasPrefix(lsoa, "E01") || !strings.HasPrefix(pcn, "U") {
			t.Errorf("LSOA %q → PCN %q", lsoa, pcn)
		}
		pcns[pcn] = true
	}
	if len(pcns) < 4 {
		t.Errorf("Trafford's LSOAs fall in only %d PCNs: %v", len(pcns), pcns)
	}
}
