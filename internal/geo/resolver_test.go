package geo

import (
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"github.com/paulmach/orb"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// readCSV reads a testdata CSV as maps keyed by header.
func readCSV(t testing.TB, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(testdata(name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func num(t testing.TB, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Every postcode of the real Trafford lookup resolves to its LSOA, with the
// place levels of the lookup and a PCN from the nearest real practice.
func TestTraffordPostcodes(t *testing.T) {
	r, _ := demoResolver(t)
	rows := readCSV(t, "postcodes_trafford_lsoa21_lookup.csv")
	if len(rows) != 11264 {
		t.Fatalf("%d postcodes, want 11264", len(rows))
	}
	pcns := map[string]int{}
	for _, row := range rows {
		loc := r.Locate(domain.LocateRequest{Postcodes: []string{row["postcode"]}})
		want := domain.Location{Method: domain.LocPostcode, Postcode: row["postcode"], LSOA: row["lsoa_code"],
			LAD: "E08000009", SubICB: "E38000187", ICB: "E54000057",
			Lat: num(t, row["lat"]), Lng: num(t, row["lon"]), HasPoint: true}
		pcn := loc.PCN
		loc.PCN, loc.PCNMethod = "", ""
		if loc != want {
			t.Fatalf("%s: got %+v, want %+v", row["postcode"], loc, want)
		}
		pcns[pcn]++
	}
	if pcns[""] > 0 {
		t.Errorf("%d postcodes have no PCN within 5 km of a practice", pcns[""])
	}
	if len(pcns) < 5 {
		t.Errorf("postcodes fall in only %d PCNs: %v", len(pcns), pcns)
	}
}

// The 314 Active Places venues land in the LSOA the source assigned, by
// point; by postcode first, in the LSOA of their postcode; always Trafford.
func TestActivePlacesVenues(t *testing.T) {
	r, _ := demoResolver(t)
	venues := readCSV(t, "active_places_sports_facilities_trafford.csv")
	if len(venues) != 314 {
		t.Fatalf("%d venues, want 314", len(venues))
	}
	for _, v := range venues {
		pt := &domain.Point{Lat: num(t, v["lat"]), Lng: num(t, v["lon"])}
		byPostcode := r.Locate(domain.LocateRequest{Postcodes: []string{v["postcode"]}})
		tests := []struct {
			name       string
			req        domain.LocateRequest
			method     string
			lsoa       string
			pcnMethods []string
		}{
			{"point", domain.LocateRequest{Point: pt}, domain.LocCoordinates, v["lsoa_code"], nil},
			{"swapped point, corrected", domain.LocateRequest{Point: pt, Swapped: true}, domain.LocCoordinatesSwapped, v["lsoa_code"], nil},
			{"swapped point, as published", domain.LocateRequest{Point: &domain.Point{Lat: pt.Lng, Lng: pt.Lat}, Swapped: true}, domain.LocCoordinatesSwapped, v["lsoa_code"], nil},
			{"postcode first", domain.LocateRequest{Postcodes: []string{v["postcode"]}, Point: pt}, domain.LocPostcode, byPostcode.LSOA, nil},
		}
		for _, tc := range tests {
			loc := r.Locate(tc.req)
			if loc.Method != tc.method || loc.LSOA != tc.lsoa || loc.LAD != "E08000009" || loc.ICB != "E54000057" {
				t.Fatalf("venue %s (%s) %s: got %s %s %s %s, want %s %s in Trafford",
					v["site_id"], v["postcode"], tc.name, loc.Method, loc.LSOA, loc.LAD, loc.ICB, tc.method, tc.lsoa)
			}
			if loc.PCN == "" || loc.PCNMethod != domain.PCNFromNearestPractice {
				t.Fatalf("venue %s %s: no PCN (%q %q)", v["site_id"], tc.name, loc.PCN, loc.PCNMethod)
			}
		}
	}
}

// interiorPoint finds a point inside the first part of a multipolygon: the
// middle of the widest inside stretch of a horizontal line through it (a
// line nudged off the rounded vertex latitudes).
func interiorPoint(mp orb.MultiPolygon) orb.Point {
	p := mp[0]
	b := p.Bound()
	y := (b.Min[1]+b.Max[1])/2 + (b.Max[1]-b.Min[1])*1e-6*math.Pi
	var xs []float64
	for _, r := range p {
		for i := 0; i+1 < len(r); i++ {
			a, c := r[i], r[i+1]
			if (a[1] > y) != (c[1] > y) {
				xs = append(xs, a[0]+(y-a[1])*(c[0]-a[0])/(c[1]-a[1]))
			}
		}
	}
	sort.Float64s(xs)
	best := 0
	for i := 0; i+1 < len(xs); i += 2 {
		if xs[i+1]-xs[i] > xs[best+1]-xs[best] {
			best = i
		}
	}
	return orb.Point{(xs[best] + xs[best+1]) / 2, y}
}

// The West Sussex LSOA-to-PCN table assigns PCNs as published: a point in
// each LSOA gets the PCN the table gives it, by the lsoa-pcn method.
func TestWestSussexLSOAToPCN(t *testing.T) {
	st := openSQLite(t)
	mustImport(t, st, "lsoa-boundaries", "lsoa11_pcn_west_sussex_2022.geojson")
	mustImport(t, st, "lsoa-pcn", "lsoa11_to_pcn_west_sussex_feb2022.csv")
	ctx := context.Background()
	r, err := Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	polys := lsoaPolygons(t, "lsoa11_pcn_west_sussex_2022.geojson")
	rows := readCSV(t, "lsoa11_to_pcn_west_sussex_feb2022.csv")
	if len(rows) != 507 {
		t.Fatalf("%d rows, want 507", len(rows))
	}
	for _, row := range rows {
		mp, ok := polys[row["LSOA11CD"]]
		if !ok {
			t.Fatalf("LSOA %s has no polygon", row["LSOA11CD"])
		}
		pt := interiorPoint(mp)
		loc := r.Locate(domain.LocateRequest{Point: &domain.Point{Lat: pt[1], Lng: pt[0]}})
		if loc.LSOA != row["LSOA11CD"] || loc.PCN != row["PCN_Code"] || loc.PCNMethod != domain.PCNFromLSOA {
			t.Errorf("%s: got LSOA %s PCN %s (%s), want PCN %s", row["LSOA11CD"], loc.LSOA, loc.PCN, loc.PCNMethod, row["PCN_Code"])
		}
	}
}

// lsoaPolygons reads a GeoJSON file's LSOA polygons by code.
func lsoaPolygons(t testing.TB, name string) map[string]orb.MultiPolygon {
	t.Helper()
	f, err := os.Open(testdata(name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fr, err := newFeatureReader(name, f)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]orb.MultiPolygon{}
	for {
		feat, _, ok, err := fr.next()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return out
		}
		code, _ := prop(feat.Properties, lsoaCodeProps)
		mp, err := feat.Geometry.multiPolygon()
		if err != nil {
			t.Fatal(err)
		}
		out[code] = mp
	}
}

// writeFile writes a test input into a temporary folder.
func writeFile(t testing.TB, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
