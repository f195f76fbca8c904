package geo

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/feedgauge/feedgauge/internal/store"
)

const postcodesWithProblems = "\ufeffpcds,lsoa21cd,lad25cd,lat,long,doterm\r\n" +
	"M1 1AE,E01033658,E08000003,53.4808,-2.2426,\r\n" +
	"NOT A PC,E01033658,E08000003,53.48,-2.24,\r\n" +
	"M1 1AF,E01033658,E08000003,0,0,\r\n" +
	"M1 1AG,E01033658,E08000003,40.71,-74.00,\r\n" +
	"M1 1AH,E01033658,E08000003,-2.24,53.48,\r\n" +
	"M1 1AJ,E01033658,E08000003,384000,398000,\r\n" +
	"BT1 1AA,N00000001,N09000003,54.6,-5.9,\r\n" +
	"m11al,XYZ,E08000003,53.48,-2.24,201001\r\n"

// epraccur rows as Excel on Windows saves them: ’ is byte 0x92.
const epraccurCP1252 = `"P91003","ST MARY` + "\x92" + `S SURGERY","Y62","QOP","1 ROAD","","","SALE","","M1 1AE","19740401","","A","B","02A","20130401","","","","","","0","","02A","","4",""
"P91004","CLOSED SURGERY","Y62","QOP","2 ROAD","","","SALE","","NOTAPOSTCODE","19740401","20200101","C","B","02A","20130401","","","","","","0","","02A","","4",""
"Y00001","OUT OF HOURS","Y62","QOP","3 ROAD","","","SALE","","M33 7SS","19740401","","A","B","02A","20130401","","","","","","0","","02A","","8",""
`

// boundaries: one good square in Trafford and one bad feature per problem.
const badBoundaries = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"LSOA21CD":"E01006074"},"geometry":{"type":"Polygon","coordinates":[[[-2.30,53.40],[-2.29,53.40],[-2.29,53.41],[-2.30,53.41],[-2.30,53.40]]]}},
{"type":"Feature","properties":{"LSOA21CD":"E01006075"},"geometry":{"type":"Polygon","coordinates":[[[-2.30,53.40],[-2.29,53.41],[-2.29,53.40],[-2.30,53.41],[-2.30,53.40]]]}},
{"type":"Feature","properties":{"LSOA21CD":"E01006076"},"geometry":{"type":"Polygon","coordinates":[[[-2.30,53.40],[-2.29,53.40],[-2.29,53.41],[-2.30,53.41]]]}},
{"type":"Feature","properties":{"LSOA21CD":"E01006077"},"geometry":{"type":"Polygon","coordinates":[[[378000,391000],[379000,391000],[379000,392000],[378000,391000]]]}},
{"type":"Feature","properties":{"LSOA21CD":"E01006078"},"geometry":{"type":"Polygon","coordinates":[[[53.40,-2.30],[53.40,-2.29],[53.41,-2.29],[53.40,-2.30]]]}},
{"type":"Feature","properties":{"LSOA21CD":"E01006079"},"geometry":{"type":"Point","coordinates":[-2.3,53.4]}},
{"type":"Feature","properties":{"name":"no code"},"geometry":{"type":"Polygon","coordinates":[[[-2.30,53.40],[-2.29,53.40],[-2.29,53.41],[-2.30,53.40]]]}},
{"type":"Feature","properties":{"area_code":"E08000009"},"geometry":{"type":"Polygon","coordinates":[[[-2.30,53.40],[-2.29,53.40],[-2.29,53.41],[-2.30,53.40]]]}}
]}`

func TestBadInputImportsWhatIsSafe(t *testing.T) {
	tests := []struct {
		name, kind, file, content string
		read, imported, skipped   int
		problems                  []string // "line N, column C: reason" fragments the report lists
		note                      string
	}{
		{"postcodes: BOM, malformed, at sea, abroad, swapped, grid metres, NI, bad code",
			"postcodes", "pc.csv", postcodesWithProblems, 8, 6, 2,
			[]string{
				`line 3, column pcds ("NOT A PC"): malformed postcode; row skipped`,
				`line 4, column lat ("0, 0"): coordinates are 0, 0 (at sea: the real point is missing); row kept`,
				`line 5, column lat ("40.71, -74.00"): coordinates are outside the UK; row kept`,
				`line 6, column lat ("-2.24, 53.48"): latitude and longitude are swapped; row kept`,
				`line 7, column lat ("384000, 398000"): coordinates look like British National Grid metres, not WGS84 degrees; row kept`,
				`line 8, column pcds ("BT1 1AA"): Northern Ireland postcode (separate LPS licence terms): not imported; row skipped`,
				`line 9, column lsoa21cd ("XYZ"): not an ONS area code; row kept`,
			}, "byte-order mark"},
		{"epraccur in Windows-1252, a bad postcode, a postcode not in the directory",
			"practices", "epraccur.csv", epraccurCP1252, 3, 2, 1,
			[]string{
				`line 2, column 10 (postcode) ("NOTAPOSTCODE"): malformed postcode; row kept`,
				`line 1, column 10 (postcode) ("M1 1AE"): postcode not in the loaded postcode directory`,
			}, "Windows-1252"},
		{"boundaries: bow-tie, open ring, grid metres, swapped, a point, no code, a LAD",
			"lsoa-boundaries", "b.geojson", badBoundaries, 8, 1, 7,
			[]string{
				`line 3, column features[1].geometry ("E01006075"): self-intersecting polygon`,
				`line 4, column features[2].geometry ("E01006076"): polygon ring is not closed`,
				`line 5, column features[3].geometry ("E01006077"): polygon coordinates look like British National Grid metres`,
				`line 6, column features[4].geometry ("E01006078"): polygon latitude and longitude are swapped`,
				`line 7, column features[5].geometry ("E01006079"): geometry is a Point, not a Polygon or MultiPolygon`,
				`line 8, column features[6].properties: no LSOA code property`,
				`line 9, column features[7].properties.areacode ("E08000009"): a local authority code, not an LSOA code`,
			}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := openSQLite(t)
			mustImport(t, st, "postcodes", "postcodes_trafford_lsoa21_lookup.csv")
			path := writeFile(t, tc.file, tc.content)
			rep, err := Import(context.Background(), st, tc.kind, path)
			if err != nil {
				t.Fatalf("%v\n%s", err, rep)
			}
			if rep.Read != tc.read || rep.Imported != tc.imported || rep.Skipped != tc.skipped {
				t.Errorf("read %d imported %d skipped %d, want %d %d %d\n%s", rep.Read, rep.Imported, rep.Skipped, tc.read, tc.imported, tc.skipped, rep)
			}
			text := rep.String()
			for _, p := range tc.problems {
				if !strings.Contains(text, path+": "+p) {
					t.Errorf("report lacks %q:\n%s", p, text)
				}
			}
			if !strings.Contains(strings.Join(rep.Notes, " "), tc.note) {
				t.Errorf("notes %q lack %q", rep.Notes, tc.note)
			}
		})
	}
}

// The Windows-1252 name is stored as UTF-8 and the dropped coordinates as
// NULL.
func TestBadInputStoredValues(t *testing.T) {
	st := openSQLite(t)
	ctx := context.Background()
	if _, err := Import(ctx, st, "practices", writeFile(t, "e.csv", epraccurCP1252)); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(ctx, st, "postcodes", writeFile(t, "p.csv", postcodesWithProblems)); err != nil {
		t.Fatal(err)
	}
	var name string
	scanOne(t, st, "SELECT name FROM geo_practices WHERE code = 'P91003'", &name)
	if name != "ST MARY’S SURGERY" {
		t.Errorf("name %q", name)
	}
	var lat *float64
	var terminated bool
	scanOne(t, st, "SELECT lat FROM geo_postcodes WHERE postcode = 'M1 1AF'", &lat)
	scanOne(t, st, "SELECT terminated FROM geo_postcodes WHERE postcode = 'M1 1AL'", &terminated)
	if lat != nil || !terminated {
		t.Errorf("at-sea lat %v (want NULL), terminated %v (want true)", lat, terminated)
	}
}

func scanOne(t *testing.T, st store.Store, sql string, dest any) {
	t.Helper()
	rows, err := st.Query(context.Background(), sql)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatalf("no row for %s", sql)
	}
	if err := rows.Scan(dest); err != nil {
		t.Fatal(err)
	}
}

func TestBadInputRefused(t *testing.T) {
	xlsx, _ := os.ReadFile(testdata("ePCN_2022_national.xlsx"))
	tests := []struct {
		name, kind, file string
		content          string // written to a temporary file; "" uses the testdata file
		want             error
		says             []string
	}{
		{"unknown kind", "boundaries", "x.csv", "a,b\n", ErrUnknownKind, []string{"use one of postcodes, lsoa-boundaries"}},
		{"empty file", "postcodes", "empty.csv", " ", ErrWrongKind, []string{"line 1", "no postcode column"}},
		{"UTF-16 text", "postcodes", "u16.csv", "\xff\xfep\x00c\x00d\x00s\x00", ErrBadFile, []string{"UTF-16", `save it as "CSV UTF-8"`}},
		{"truncated workbook", "epcn", "ePCN.xlsx", string(xlsx[:len(xlsx)/2]), ErrBadFile, []string{"ePCN.xlsx", "truncated or not an XLSX"}},
		{"workbook given as postcodes", "postcodes", "ePCN.xlsx", string(xlsx), ErrWrongKind, []string{"line 1", "ZIP or XLSX"}},
		{"GeoJSON given as postcodes", "postcodes", "lsoa21_trafford_generalised.geojson", "", ErrWrongKind, []string{"line 1", "no postcode column"}},
		{"CSV given as boundaries", "lsoa-boundaries", "postcodes_trafford_lsoa21_lookup.csv", "", ErrWrongKind, []string{"not a GeoJSON FeatureCollection"}},
		{"LAD boundaries given as LSOA boundaries", "lsoa-boundaries", "lad.geojson",
			`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"area_code":"E08000009"},"geometry":null}]}`,
			ErrNothingImported, []string{"local authority code, not an LSOA code"}},
		{"epraccur given as a practice map", "practice-map", "epraccur_2022_greater_manchester_sussex.csv", "", ErrWrongKind, []string{"no practice code column"}},
		{"postcodes given as epraccur", "practices", "nspl_2025_format_sample_gb.csv", "", ErrWrongKind, []string{"line 1", "not an ODS practice code"}},
		{"a short CSV given as epraccur", "practices", "short.csv", "P91003,NAME,Y62\n", ErrWrongKind, []string{"line 1", "where epraccur has 27"}},
		{"JSON list sizes given as population", "population", "pcn_list_sizes_west_sussex_2022.json", "", ErrWrongKind, []string{"no area code column"}},
		{"a PCN table given as ePCN", "epcn", "lsoa11_to_pcn_west_sussex_feb2022.csv", "", ErrWrongKind, []string{"neither an ePCN workbook"}},
		{"truncated GeoJSON", "lsoa-boundaries", "cut.geojson", badBoundaries[:300], ErrBadFile, []string{"cut.geojson, line 2", "truncated file?"}},
		{"list sizes per practice before any practice map", "pcn-population", "gp_registered_patients_trafford_jan2026.csv", "", ErrNothingImported, []string{"import a practice map first"}},
		{"population without a date", "population", "pop.csv", "area_code,all_ages\nE08000009,241025\n", ErrNothingImported, []string{"line 2", "no date"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := openSQLite(t)
			path := testdata(tc.file)
			if tc.content != "" {
				path = writeFile(t, tc.file, tc.content)
			}
			before := tableCounts(t, st)
			rep, err := Import(context.Background(), st, tc.kind, path)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v\n%s", err, tc.want, rep)
			}
			for _, s := range tc.says {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
			if tc.want != ErrUnknownKind && !strings.Contains(err.Error(), filepath.Base(tc.file)) {
				t.Errorf("error %q does not name the file", err)
			}
			if after := tableCounts(t, st); after["geo_imports"] != before["geo_imports"] {
				t.Errorf("a refused file was recorded as imported")
			}
		})
	}
}
