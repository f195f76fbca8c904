package geo

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// realImports are the sample files in the order a place lead would load
// them (list sizes per practice need the practice map first), with what
// each import must report.
var realImports = []struct {
	kind, file              string
	read, imported, skipped int
	vintage                 string
	reason                  string // one reason the report must count, if any
}{
	{"postcodes", "postcodes_trafford_lsoa21_lookup.csv", 11264, 11264, 0, "postcodes_trafford_lsoa21_lookup", ""},
	{"postcodes", "nspl_nov2021_wigan_WN1-WN3.csv", 3598, 3598, 0, "2021-11", "no grid reference (latitude 99.999999)"},
	{"postcodes", "nspl_2025_format_sample_gb.csv", 11, 11, 0, "2025", ""},
	{"lsoa-boundaries", "lsoa21_trafford_generalised.geojson", 139, 139, 0, "lsoa21_trafford_generalised", ""},
	{"lsoa-boundaries", "lsoa11_pcn_west_sussex_2022.geojson", 507, 507, 0, "2022", "polygon has 2 tiny self-crossing(s), as rounding leaves; used as is"},
	{"lsoa-lookup", "oa21_lsoa21_msoa21_lad22_lookup_greater_manchester.csv", 8966, 1702, 0, "oa21_lsoa21_msoa21_lad22_lookup_greater_manchester", ""},
	{"lsoa-pcn", "lsoa11_to_pcn_west_sussex_feb2022.csv", 507, 507, 0, "2022-02", ""},
	{"epcn", "ePCN_2022_national.xlsx", 8677, 7734, 943, "2022", "membership ended (end date set)"},
	{"practices", "epraccur_2022_greater_manchester_sussex.csv", 995, 642, 353, "2022", "not a GP practice (prescribing setting is not 4)"},
	{"practice-map", "practice_pcn_icb_lookup_greater_manchester.csv", 413, 413, 0, "practice_pcn_icb_lookup_greater_manchester", "practice in no PCN (the file gives \"U\")"},
	{"pcn-population", "pcn_list_sizes_west_sussex_2022.json", 20, 20, 0, "2022", ""},
	{"pcn-population", "pcn_registered_population_sample_jan2026.csv", 100, 100, 0, "2026-01", ""},
	{"pcn-population", "gp_registered_patients_trafford_jan2026.csv", 26, 31, 0, "2026-01", ""},
	{"population", "mye2024_population_trafford_lad.csv", 3, 1, 2, "2024", "not a persons row (only all persons are kept)"},
	{"population", "mye2024_population_trafford_lsoa21.csv", 417, 139, 278, "2024", ""},
}

var geoTables = []string{"geo_imports", "geo_postcodes", "geo_lsoa_boundaries", "geo_lsoa_lookup", "geo_areas",
	"geo_lsoa_pcn", "geo_practices", "geo_populations", "geo_area_index"}

// tableCounts counts the visible rows of every geography table.
func tableCounts(t *testing.T, st store.Store) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, tb := range geoTables {
		rows, err := st.Query(context.Background(), "SELECT count(*) FROM "+tb+st.Final())
		if err != nil {
			t.Fatal(err)
		}
		var n int64
		for rows.Next() {
			if err := rows.Scan(&n); err != nil {
				t.Fatal(err)
			}
		}
		rows.Close()
		out[tb] = n
	}
	return out
}

func TestImportRealFiles(t *testing.T) {
	for _, st := range openStores(t) {
		t.Run(st.Backend(), func(t *testing.T) {
			for _, tc := range realImports {
				rep := mustImport(t, st, tc.kind, tc.file)
				if rep.Read != tc.read || rep.Imported != tc.imported || rep.Skipped != tc.skipped || rep.Vintage != tc.vintage {
					t.Errorf("%s: read %d imported %d skipped %d vintage %q; want %d %d %d %q\n%s",
						tc.file, rep.Read, rep.Imported, rep.Skipped, rep.Vintage, tc.read, tc.imported, tc.skipped, tc.vintage, rep)
				}
				if tc.reason != "" && rep.Reasons[tc.reason] == 0 {
					t.Errorf("%s: no %q in %v", tc.file, tc.reason, rep.Reasons)
				}
			}
			checkStoredFigures(t, st)
			before := tableCounts(t, st)
			for _, tc := range realImports {
				rep := mustImport(t, st, tc.kind, tc.file)
				if !rep.Unchanged || rep.Read != tc.read {
					t.Errorf("re-import of %s: unchanged %v read %d\n%s", tc.file, rep.Unchanged, rep.Read, rep)
				}
			}
			copied := filepath.Join(t.TempDir(), "renamed.csv")
			data, _ := os.ReadFile(testdata("gp_registered_patients_trafford_jan2026.csv"))
			os.WriteFile(copied, data, 0o644)
			if rep, err := Import(context.Background(), st, "pcn-population", copied); err != nil || !rep.Unchanged {
				t.Errorf("the same content under another name: unchanged %v, %v", rep.Unchanged, err)
			}
			if after := tableCounts(t, st); !equalCounts(before, after) {
				t.Errorf("re-importing changed the tables:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

func equalCounts(a, b map[string]int64) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return len(a) == len(b)
}

// checkStoredFigures spot-checks values that came from the files.
func checkStoredFigures(t *testing.T, st store.Store) {
	t.Helper()
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		basis, level, code string
		period             time.Time
		want               int64
	}{
		{BasisRegistered, LevelPCN, "U04748", day(2022, 1, 1), 28830},  // West Sussex JSON "Total"
		{BasisRegistered, LevelPCN, "U91215", day(2026, 1, 1), 40554},  // sample CSV POPN_PERSONS
		{BasisRegistered, LevelPCN, "U83990", day(2026, 1, 1), 65330},  // Sale Central: 5 practices added up
		{BasisRegistered, LevelPCN, "U42898", day(2026, 1, 1), 33244},  // South Trafford: 6 of 7 practices listed
		{BasisRegistered, "practice", "P91003", day(2026, 1, 1), 7855}, // Park Medical Practice
		{BasisResident, LevelLAD, "E08000009", day(2024, 6, 30), 241025},
		{BasisResident, LevelLSOA, "E01006074", day(2024, 6, 30), 1634},
	} {
		rows, err := st.Query(context.Background(), "SELECT population FROM geo_populations"+st.Final()+
			" WHERE basis = @b AND level = @l AND code = @c AND period = @p",
			store.A("b", c.basis), store.A("l", c.level), store.A("c", c.code), store.A("p", c.period))
		if err != nil {
			t.Fatal(err)
		}
		var got int64
		for rows.Next() {
			rows.Scan(&got)
		}
		rows.Close()
		if got != c.want {
			t.Errorf("population %s %s %s %s: %d, want %d", c.basis, c.level, c.code, c.period.Format("2006-01-02"), got, c.want)
		}
	}
}

func TestKinds(t *testing.T) {
	want := "postcodes lsoa-boundaries lsoa-lookup lsoa-pcn epcn practices practice-map pcn-population population"
	var names []string
	for _, k := range Kinds() {
		if k.Help == "" {
			t.Errorf("%s has no help", k.Name)
		}
		names = append(names, k.Name)
	}
	if got := strings.Join(names, " "); got != want {
		t.Errorf("kinds %q, want %q", got, want)
	}
}
