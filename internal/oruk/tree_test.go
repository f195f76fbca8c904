package oruk

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// TestTreeEqualsRoundTrip: the tree readiness builds from a converted
// service is the tree the parser reads from its JSON, for every real item,
// for versions of them with properties removed or mistyped, and for
// hostile text (invalid UTF-8, HTML, formulas).
func TestTreeEqualsRoundTrip(t *testing.T) {
	s := refScorer(t)
	files, _ := filepath.Glob("testdata/openactive/*.json")
	next := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(1, 2))
	n := 0
	for _, f := range files {
		base := map[string]any(realItem(t, filepath.Base(f)))
		for v := range 40 {
			act := base
			if v > 0 {
				act = mutate(rng, base).(map[string]any)
			}
			for _, h := range []Hints{{DatasetID: "d", ActivityID: obj(act).id(), Label: s.labels, London: s.london},
				{DatasetID: "d", ActivityID: "x", NextOccurrence: &next, LastChange: &next, Upcoming: true, Label: s.labels, London: s.london}} {
				cw := Convert(act, h)
				b, err := json.Marshal(cw.Service)
				if err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				want, err := jsonld.Parse(b)
				if err != nil {
					t.Fatal(err)
				}
				if got := tree(&cw.Service); !sameTree(got, want) {
					t.Fatalf("%s variant %d: tree differs from the JSON round trip\n%s", filepath.Base(f), v, b)
				}
				n++
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d services compared", n)
	}
}

// mutate returns a copy of v with some values dropped, emptied, retyped or
// replaced by hostile text.
func mutate(rng *rand.Rand, v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			switch rng.IntN(12) {
			case 0:
				continue
			case 1:
				out[k] = ""
			case 2:
				out[k] = []any{}
			case 3:
				out[k] = "bad \xff\xfe <b>=1+2</b> \u00a0"
			case 4:
				out[k] = json.Number(fmt.Sprint(rng.IntN(200)))
			default:
				out[k] = mutate(rng, e)
			}
		}
		return out
	case []any:
		out := make([]any, 0, len(x))
		for _, e := range x {
			if rng.IntN(6) > 0 {
				out = append(out, mutate(rng, e))
			}
		}
		return out
	}
	return v
}

func sameTree(a, b *jsonld.Value) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Kind != b.Kind || a.S != b.S || a.B != b.B || len(a.A) != len(b.A) || len(a.O) != len(b.O) {
		return false
	}
	for i := range a.A {
		if !sameTree(a.A[i], b.A[i]) {
			return false
		}
	}
	for i := range a.O {
		if a.O[i].Key != b.O[i].Key || !sameTree(a.O[i].Val, b.O[i].Val) {
			return false
		}
	}
	return true
}
