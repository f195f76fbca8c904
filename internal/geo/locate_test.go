package geo

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// square is a GeoJSON feature: an LSOA square between two corners.
func square(code string, minLng, minLat, maxLng, maxLat float64) string {
	return fmt.Sprintf(`{"type":"Feature","properties":{"LSOA21CD":%q},"geometry":{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}}`,
		code, minLng, minLat, maxLng, minLat, maxLng, maxLat, minLng, maxLat, minLng, minLat)
}

// ruleResolver loads a small made-up geography that exercises every rule
// of scoring.md §8.10.
func ruleResolver(t *testing.T) *Resolver {
	t.Helper()
	st := openSQLite(t)
	files := []struct{ kind, name, content string }{
		{"postcodes", "pc.csv", "pcds,lsoa21cd,lad25cd,sicbl24cd,icb23cd,rgn25cd,lat,long\n" +
			"M1 1AA,E01000001,E08000001,E38000001,E54000001,E12000001,53.4,-2.3\n" +
			"M1 1AB,,E08000001,E38000001,E54000001,E12000001,53.4,-2.3\n" +
			"M1 1AD,E01000002,E08000001,,,,,\n"},
		{"lsoa-lookup", "lookup.csv", "LSOA21CD,LAD23CD\nE01000001,E08000002\n"},
		{"lsoa-boundaries", "b.geojson", `{"type":"FeatureCollection","features":[` + strings.Join([]string{
			square("E01000002", -2.5, 53.45, -2.25, 53.55),
			square("E01000004", -2.15, 53.30, -2.05, 53.40),
			square("E01000003", -2.20, 53.30, -2.10, 53.40),
		}, ",") + "]}"},
		{"lsoa-pcn", "lsoapcn.csv", "LSOA21CD,PCN_CODE,share\nE01000003,U00002,0.5\nE01000003,U00001,0.5\nE01000001,U00008,0.3\nE01000001,U00009,0.7\n"},
		{"practice-map", "map.csv", "PRACTICE_CODE,PCN_CODE,PRAC_LAT,PRAC_LNG\n" +
			"A00002,U10002,53.4921875,-2.375\nA00001,U10001,53.5078125,-2.375\nA00000,U10000,53.5,-2.37\n"},
		{"practices", "epraccur.csv", `"A00000","CLOSED","Y62","QOP","","","","","","M1 1AA","19740401","20200101","C","B","02A","","","","","","","0","","","","4",""` + "\n"},
	}
	ctx := context.Background()
	for _, f := range files {
		if rep, err := Import(ctx, st, f.kind, writeFile(t, f.name, f.content)); err != nil {
			t.Fatalf("%s: %v\n%s", f.name, err, rep)
		}
	}
	r, err := Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestLocateRules(t *testing.T) {
	r := ruleResolver(t)
	pt := func(lat, lng float64) *domain.Point { return &domain.Point{Lat: lat, Lng: lng} }
	tests := []struct {
		name string
		req  domain.LocateRequest
		want domain.Location
	}{
		{"postcode: LAD from the lookup, other levels from the directory row, PCN by largest share",
			domain.LocateRequest{Postcodes: []string{"m11aa"}, Point: pt(53.5, -2.375)},
			domain.Location{Method: "postcode", Postcode: "M1 1AA", LSOA: "E01000001", LAD: "E08000002", SubICB: "E38000001",
				ICB: "E54000001", Region: "E12000001", PCN: "U00009", PCNMethod: "lsoa-pcn", Lat: 53.4, Lng: -2.3, HasPoint: true}},
		{"the first postcode found; malformed ones and rows without an LSOA count as not found",
			domain.LocateRequest{Postcodes: []string{"not one", "M1 1AB", "M1 9ZZ", "M1 1AA"}},
			domain.Location{Method: "postcode", Postcode: "M1 1AA", LSOA: "E01000001", LAD: "E08000002", SubICB: "E38000001",
				ICB: "E54000001", Region: "E12000001", PCN: "U00009", PCNMethod: "lsoa-pcn", Lat: 53.4, Lng: -2.3, HasPoint: true}},
		{"postcode without a point: no nearest practice",
			domain.LocateRequest{Postcodes: []string{"M1 1AD"}},
			domain.Location{Method: "postcode", Postcode: "M1 1AD", LSOA: "E01000002", LAD: "E08000001"}},
		{"coordinates: no lookup for the LSOA, so no LAD (never guessed); nearest practice, ties to the lowest code, closed ones ignored",
			domain.LocateRequest{Postcodes: []string{"M1 1AB"}, Point: pt(53.5, -2.375)},
			domain.Location{Method: "coordinates", Postcode: "M1 1AB", LSOA: "E01000002", PCN: "U10001", PCNMethod: "nearest-practice",
				Lat: 53.5, Lng: -2.375, HasPoint: true}},
		{"swapped coordinates",
			domain.LocateRequest{Point: pt(53.5, -2.375), Swapped: true},
			domain.Location{Method: "coordinates-swapped", LSOA: "E01000002", PCN: "U10001", PCNMethod: "nearest-practice",
				Lat: 53.5, Lng: -2.375, HasPoint: true}},
		{"no practice within 5,000 m",
			domain.LocateRequest{Point: pt(53.46, -2.49)},
			domain.Location{Method: "coordinates", LSOA: "E01000002", Lat: 53.46, Lng: -2.49, HasPoint: true}},
		{"in two polygons: the lowest code; PCN share tie: the lowest code",
			domain.LocateRequest{Point: pt(53.35, -2.125)},
			domain.Location{Method: "coordinates", LSOA: "E01000003", PCN: "U00001", PCNMethod: "lsoa-pcn",
				Lat: 53.35, Lng: -2.125, HasPoint: true}},
		{"at sea: unlocated", domain.LocateRequest{Point: pt(53.8, -4.0)}, domain.Location{Method: "unlocated"}},
		{"at sea and online: online", domain.LocateRequest{Point: pt(53.8, -4.0), Online: true}, domain.Location{Method: "online"}},
		{"nothing: unlocated", domain.LocateRequest{}, domain.Location{Method: "unlocated"}},
		{"online only", domain.LocateRequest{Online: true, Postcodes: []string{"M1 9ZZ"}}, domain.Location{Method: "online", Postcode: "M1 9ZZ"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := r.Locate(tc.req); got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
	if v := r.Vintages(); v != "lsoa-boundaries=b; lsoa-lookup=lookup; lsoa-pcn=lsoapcn; postcodes=pc; practice-map=map; practices=epraccur" {
		t.Errorf("vintages %q", v)
	}
}

func TestHaversine(t *testing.T) {
	// One degree of latitude on the mean sphere.
	if d := haversine(53, -2, 54, -2); d < 111194 || d > 111196 {
		t.Errorf("1 degree: %.1f m", d)
	}
	if d := haversine(53.5, -2.375, 53.5, -2.375); d != 0 {
		t.Errorf("same point: %v", d)
	}
}

// Practices at the same distance: the lowest code wins, whatever the order
// they were loaded in; none beyond 5,000 m; closed ones never.
func TestNearestPractice(t *testing.T) {
	at := func(code string, lat, lng float64, active int) *practice {
		return &practice{code: code, lat: lat, lng: lng, hasPoint: true, active: active, pcn: "U" + code[1:]}
	}
	tests := []struct {
		name      string
		practices []*practice
		lat, lng  float64
		want      string
	}{
		{"same place, lowest code", []*practice{at("B00002", 53.5, -2.3, 1), at("B00001", 53.5, -2.3, 1)}, 53.51, -2.3, "B00001"},
		{"nearer wins over lower code", []*practice{at("B00001", 53.52, -2.3, 1), at("B00002", 53.505, -2.3, 1)}, 53.5, -2.3, "B00002"},
		{"closed practices are skipped", []*practice{at("B00001", 53.5, -2.3, 0), at("B00002", 53.52, -2.3, 1)}, 53.5, -2.3, "B00002"},
		{"4,999 m away", []*practice{at("B00001", 53.5+4999/earthRadius/rad, -2.3, 1)}, 53.5, -2.3, "B00001"},
		{"5,001 m away", []*practice{at("B00001", 53.5+5001/earthRadius/rad, -2.3, 1)}, 53.5, -2.3, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			if p := newPracticeSet(tc.practices).nearest(tc.lat, tc.lng); p != nil {
				got = p.code
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
