package webscore_test

import (
	"testing"

	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/web/webscore"
)

func TestMethodFromDefaultProfile(t *testing.T) {
	ref, err := score.DefaultReference()
	if err != nil {
		t.Fatal(err)
	}
	m := webscore.Method(ref.Profile)
	if len(m.SPReadyChecks) != 14 || len(m.AssuranceChecks) != 5 || m.SPReadyChecks[8].Title == "" || m.Hash == "" {
		t.Errorf("method = %+v", m)
	}
	if m.HorizonDays != 56 || m.Overall.Freshness != "0.4" || len(m.Grades) != 4 {
		t.Errorf("profile values not carried: %+v", m)
	}
}
