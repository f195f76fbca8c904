package geo

import (
	"compress/gzip"
	"context"
	"embed"
	"io"
	"strings"

	"github.com/feedgauge/feedgauge/internal/store"
)

// demoFS holds real Trafford / Greater Manchester geography (see
// demo/SOURCES.md): postcodes, LSOA 2021 polygons, the LSOA → LAD / Sub-ICB
// / ICB lookup, GP practices with their PCNs, list sizes and population.
//
//go:embed demo
var demoFS embed.FS

// demoFiles are imported in this order: list sizes are added up per PCN
// with the practice map, so it comes first.
var demoFiles = []struct{ kind, name string }{
	{"lsoa-lookup", "lsoa21_sicbl_icb_lad_trafford_derived.csv"},
	{"postcodes", "postcodes_trafford_lsoa21_lookup.csv.gz"},
	{"lsoa-boundaries", "lsoa21_trafford_generalised.geojson.gz"},
	{"practice-map", "practice_pcn_icb_lookup_greater_manchester.csv.gz"},
	{"pcn-population", "gp_registered_patients_trafford_jan2026.csv"},
	{"population", "mye2024_population_trafford_lad.csv"},
}

// ImportDemo loads the shipped demo place, Trafford (Greater Manchester),
// so the demo and tests cover real postcodes, LSOAs and PCNs. Running it
// again changes nothing.
func ImportDemo(ctx context.Context, st store.Store) ([]Report, error) {
	var reps []Report
	for _, f := range demoFiles {
		rep, err := importSource(ctx, st, f.kind, "demo/"+strings.TrimSuffix(f.name, ".gz"), demoOpener(f.name))
		reps = append(reps, rep)
		if err != nil {
			return reps, err
		}
	}
	return reps, Refresh(ctx, st)
}

// demoOpener opens an embedded file, decompressing .gz files.
func demoOpener(name string) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) {
		f, err := demoFS.Open("demo/" + name)
		if err != nil || !strings.HasSuffix(name, ".gz") {
			return f, err
		}
		z, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return nil, err
		}
		return gzipFile{z, f}, nil
	}
}

type gzipFile struct {
	*gzip.Reader
	f io.Closer
}

func (g gzipFile) Close() error {
	g.Reader.Close()
	return g.f.Close()
}
