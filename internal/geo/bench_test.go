package geo

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
)

const benchPoints = 1_000_000

// densify adds n-1 evenly spaced vertices inside every edge, so the 20 m
// generalised Trafford polygons (45 vertices each on average) get about as
// many as full-resolution ones (the BFC file is about 14 times larger).
func densify(mp orb.MultiPolygon, n int) orb.MultiPolygon {
	out := make(orb.MultiPolygon, len(mp))
	for i, p := range mp {
		for _, r := range p {
			var nr orb.Ring
			for k := 0; k+1 < len(r); k++ {
				a, b := r[k], r[k+1]
				for s := 0; s < n; s++ {
					f := float64(s) / float64(n)
					nr = append(nr, orb.Point{a[0] + f*(b[0]-a[0]), a[1] + f*(b[1]-a[1])})
				}
			}
			out[i] = append(out[i], append(nr, r[len(r)-1]))
		}
	}
	return out
}

// writeDense writes the Trafford LSOAs densified as a GeoJSON file.
func writeDense(b *testing.B, n int) (string, int) {
	b.Helper()
	type feature struct {
		Type       string            `json:"type"`
		Properties map[string]string `json:"properties"`
		Geometry   map[string]any    `json:"geometry"`
	}
	var feats []feature
	vertices := 0
	for code, mp := range lsoaPolygons(b, "lsoa21_trafford_generalised.geojson") {
		d := densify(mp, n)
		for _, p := range d {
			for _, r := range p {
				vertices += len(r)
			}
		}
		feats = append(feats, feature{"Feature", map[string]string{"LSOA21CD": code}, map[string]any{"type": "MultiPolygon", "coordinates": d}})
	}
	data, _ := json.Marshal(map[string]any{"type": "FeatureCollection", "features": feats})
	path := filepath.Join(b.TempDir(), "lsoa21_trafford_dense.geojson")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	return path, vertices
}

// randomPoints spreads points evenly over a box (some fall in no LSOA).
func randomPoints(bound orb.Bound) []domain.Point {
	rng := rand.New(rand.NewPCG(1, 2))
	pts := make([]domain.Point, benchPoints)
	for i := range pts {
		pts[i] = domain.Point{
			Lat: bound.Min[1] + rng.Float64()*(bound.Max[1]-bound.Min[1]),
			Lng: bound.Min[0] + rng.Float64()*(bound.Max[0]-bound.Min[0]),
		}
	}
	return pts
}

func setBound(s *boundarySet) orb.Bound {
	min, max := s.tree.Bounds()
	return orb.Bound{Min: orb.Point{min[0], min[1]}, Max: orb.Point{max[0], max[1]}}
}

// BenchmarkResolvePoints resolves 1,000,000 points per iteration with
// Locate (LSOA, place, PCN by nearest practice) and reports points/s.
// Sets: the demo place with Trafford's LSOAs densified 16× (about 700
// vertices each, like full-resolution BFC), and West Sussex's 507 LSOA 2011
// polygons with its LSOA-to-PCN table.
func BenchmarkResolvePoints(b *testing.B) {
	ctx := context.Background()
	b.Run("trafford-dense-x16", func(b *testing.B) {
		st := openSQLite(b)
		if _, err := ImportDemo(ctx, st); err != nil {
			b.Fatal(err)
		}
		path, vertices := writeDense(b, 16)
		if rep, err := Import(ctx, st, "lsoa-boundaries", path); err != nil {
			b.Fatalf("%v\n%s", err, rep)
		}
		b.Logf("%d LSOAs, %d vertices", 139, vertices)
		benchLocate(b, st)
	})
	b.Run("west-sussex-lsoa11", func(b *testing.B) {
		st := openSQLite(b)
		mustImport(b, st, "lsoa-boundaries", "lsoa11_pcn_west_sussex_2022.geojson")
		mustImport(b, st, "lsoa-pcn", "lsoa11_to_pcn_west_sussex_feb2022.csv")
		benchLocate(b, st)
	})
}

func benchLocate(b *testing.B, st store.Store) {
	b.Helper()
	r, err := Load(context.Background(), st)
	if err != nil {
		b.Fatal(err)
	}
	pts := randomPoints(setBound(r.bounds))
	located := 0
	b.ResetTimer()
	start := time.Now()
	for n := 0; n < b.N; n++ {
		located = 0
		for i := range pts {
			if r.Locate(domain.LocateRequest{Point: &pts[i]}).LSOA != "" {
				located++
			}
		}
	}
	b.ReportMetric(float64(benchPoints*b.N)/time.Since(start).Seconds(), "points/s")
	b.ReportMetric(float64(located)/benchPoints*100, "%located")
}
