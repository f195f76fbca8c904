package geo

import (
	"context"
	"testing"
)

// The area index built from the demo place knows which areas overlap which
// places, names them, and is not rewritten when nothing changed.
func TestAreaIndex(t *testing.T) {
	_, st := demoResolver(t)
	ctx := context.Background()
	gen, rows, err := currentIndex(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		level, code, place, name string
	}{
		{LevelLAD, "E08000009", "E08000009", "Trafford"},
		{LevelLAD, "E08000009", "E54000057", "Trafford"},
		{LevelLAD, "E08000009", "E38000187", "Trafford"},
		{LevelSubICB, "E38000187", "E54000057", "NHS Greater Manchester ICB - 02A"},
		{LevelICB, "E54000057", "E08000009", "NHS Greater Manchester Integrated Care Board"},
		{LevelPCN, "U83990", "E08000009", "SALE CENTRAL PCN"},              // its practices stand in Trafford
		{LevelPCN, "U83990", "E38000187", "SALE CENTRAL PCN"},              // and Trafford's Sub-ICB commissions them
		{LevelPCN, "U79938", "E38000016", "BREIGHTMET & LITTLE LEVER PCN"}, // a Bolton PCN, in Bolton's Sub-ICB
	}
	for _, tc := range tests {
		name, ok := rows[indexRow{tc.level, tc.code, tc.place}]
		if !ok || name != tc.name {
			t.Errorf("%s %s in %s: found %v, name %q; want %q", tc.level, tc.code, tc.place, ok, name, tc.name)
		}
	}
	if _, ok := rows[indexRow{LevelPCN, "U79938", "E08000009"}]; ok {
		t.Error("a Bolton PCN is indexed as overlapping Trafford")
	}
	if err := Refresh(ctx, st); err != nil {
		t.Fatal(err)
	}
	if again, _, _ := currentIndex(ctx, st); again != gen {
		t.Errorf("refresh without changes wrote generation %d over %d", again, gen)
	}
	var generations int64
	scanOne(t, st, "SELECT count(DISTINCT generation) FROM geo_area_index", &generations)
	if generations != 1 {
		t.Errorf("%d generations kept on SQLite, want 1", generations)
	}
}
