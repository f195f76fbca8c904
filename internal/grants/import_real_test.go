package grants

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// now is after every award date in the samples (Trafford's last is
// 2024-06-19), so no sample grant is "in the future".
var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// TestImportRealFiles imports every real 360Giving file of the samples
// (testdata/SOURCES.md) and checks the grant counts their sources state:
// Trafford 555 (CSV and JSON), Andrew Lloyd Webber Foundation 475 (JSON and
// XLSX), A B Charitable Trust 783 (XLSX), GrantNav's export 5. Sport
// England's 2015 conversions lack Description and Recipient Org:Identifier
// on every row and repeat Identifiers, so strict mode refuses them and
// lenient mode imports every grant whose Identifier is not repeated:
// lottery 2,919 rows, 86 ids on 206 rows → 2,799 grants, 2,713 imported;
// exchequer 2,434 rows, 439 ids on 1,227 rows → 1,646 grants, 1,207.
func TestImportRealFiles(t *testing.T) {
	cases := []struct {
		file                string
		lenient             bool
		rows, grants, valid int
		funder              string
		accepted            bool
	}{
		{"trafford_council_vcs_grants_360giving.csv", false, 555, 555, 555, "GB-LAE-TRF", true},
		{"trafford_council_vcs_grants_360giving.json", false, 555, 555, 555, "GB-LAE-TRF", true},
		{"andrew_lloyd_webber_foundation_grants_datagetter.json", false, 475, 475, 475, "GB-CHC-1015648", true},
		{"andrew_lloyd_webber_foundation_grants_publisher.xlsx", false, 475, 475, 475, "GB-CHC-1015648", true},
		{"ab_charitable_trust_grants_2013-2020_publisher.xlsx", false, 783, 783, 783, "GB-CHC-1000147", true},
		{"fixtures/grantnav_export_with_additional_data_5_grants.json", false, 5, 5, 5, "GB-CHC-200051", true},
		{"sport_england_lottery_awards_2014-15_conversion_subset.csv", false, 2919, 2799, 0, "", false},
		{"sport_england_lottery_awards_2014-15_conversion_subset.csv", true, 2919, 2799, 2713, "GB-COH-RC000766", true},
		{"sport_england_exchequer_awards_2009-2015_conversion.csv", false, 2434, 1646, 0, "", false},
		{"sport_england_exchequer_awards_2009-2015_conversion.csv", true, 2434, 1646, 1207, "GB-COH-RC000766", true},
	}
	ctx := context.Background()
	for _, c := range cases {
		t.Run(c.file+map[bool]string{true: "/lenient", false: "/strict"}[c.lenient], func(t *testing.T) {
			st := storetest.SQLite(t)
			rep, err := Import(ctx, st, "testdata/"+c.file, Options{Lenient: c.lenient, Now: now})
			if c.accepted != (err == nil) || (err != nil && !errors.Is(err, ErrRejected)) {
				t.Fatalf("Import: %v (accepted %v)", err, rep.Accepted)
			}
			if rep.Rows != c.rows || rep.Grants != c.grants || rep.Valid != c.valid || rep.Invalid != c.grants-c.valid {
				t.Errorf("rows %d grants %d valid %d invalid %d; want %d %d %d %d", rep.Rows, rep.Grants, rep.Valid, rep.Invalid,
					c.rows, c.grants, c.valid, c.grants-c.valid)
			}
			n, err := Count(ctx, st, c.funder)
			if err != nil {
				t.Fatal(err)
			}
			if want := map[bool]int{true: c.valid, false: 0}[c.accepted]; n != want {
				t.Errorf("stored %d grants, want %d", n, want)
			}
			if c.accepted && (len(rep.Funders) != 1 || rep.Funders[0].ID != c.funder || rep.New != c.valid) {
				t.Errorf("funders %v, new %d", rep.Funders, rep.New)
			}
		})
	}
}

// TestSportEnglandReport checks the strict report says exactly why Sport
// England's conversion is refused: repeated Identifiers and two missing
// required columns on every grant.
func TestSportEnglandReport(t *testing.T) {
	st := storetest.SQLite(t)
	rep, err := Import(context.Background(), st, "testdata/sport_england_lottery_awards_2014-15_conversion_subset.csv", Options{Now: now})
	if !errors.Is(err, ErrRejected) || rep.Accepted {
		t.Fatalf("want rejected, got %v", err)
	}
	// 86 repeated ids; 2,713 grants each missing Description and Recipient
	// Org:Identifier (5,426), and each Last modified a date, not a date-time.
	want := map[string]int{"duplicate_identifier": 86, "schema_required": 5426, "schema": 2713, "no_valid_grants": 1, "column_alias": 1}
	for code, n := range want {
		if rep.Counts[code] != n {
			t.Errorf("%s: %d issues, want %d", code, rep.Counts[code], n)
		}
	}
	first := rep.Issues[0]
	if first.Code != "duplicate_identifier" || first.Row != 47 || first.GrantID != "360G-ACW-2012007111" {
		t.Errorf("first issue = %+v", first)
	}
}

// TestSameGrantsAnyFormat: Trafford's CSV and JSON describe the same 555
// grants; importing one after the other changes nothing, which checks the
// spreadsheet conversion against the publisher's own JSON.
func TestSameGrantsAnyFormat(t *testing.T) {
	ctx := context.Background()
	st := storetest.SQLite(t)
	if _, err := Import(ctx, st, "testdata/trafford_council_vcs_grants_360giving.csv", Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	rep, err := Import(ctx, st, "testdata/trafford_council_vcs_grants_360giving.json", Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Unchanged != 555 || rep.New != 0 || rep.Updated != 0 {
		t.Errorf("JSON after CSV: new %d updated %d unchanged %d", rep.New, rep.Updated, rep.Unchanged)
	}
	g, ok, err := Get(ctx, st, "GB-LAE-TRF", "360G-traffordmbc-VSG1342")
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if g.Amount != 2266 || g.AwardDate != time.Date(2013, 1, 18, 0, 0, 0, 0, time.UTC) || g.LAD != "E08000009" ||
		g.RecipientKey != "GB-LAE-TRF/360G-trafford-altrincham_childrens_choir" || g.ProgrammeTitle != "Voluntary Sector Grants" {
		t.Errorf("grant = %+v", g)
	}
}

// TestXLSXSerialDates: the publishers' workbooks hold award dates as Excel
// serial numbers (44222 = 2021-01-26); they are dates, read as such.
func TestXLSXSerialDates(t *testing.T) {
	ctx := context.Background()
	st := storetest.SQLite(t)
	for _, f := range []string{"ab_charitable_trust_grants_2013-2020_publisher.xlsx", "andrew_lloyd_webber_foundation_grants_publisher.xlsx"} {
		if _, err := Import(ctx, st, "testdata/"+f, Options{Now: now}); err != nil {
			t.Fatal(err)
		}
	}
	expectGrant(t, st, "GB-CHC-1000147", "360G-ABCT-0065I000005BoDGQA044222", func(g Grant) bool {
		return g.AwardDate.Equal(time.Date(2021, 1, 26, 0, 0, 0, 0, time.UTC)) && g.Amount == 30000 &&
			g.URL == "http://www.atjf.org.uk" && len(g.OrgIDs) == 1 && g.OrgIDs[0] == "GB-CHC-1126147"
	})
	expectGrant(t, st, "GB-CHC-1015648", "360G-ALWF-1978", func(g Grant) bool {
		return g.AwardDate.Equal(time.Date(2020, 11, 3, 0, 0, 0, 0, time.UTC)) &&
			str(mustObj(t, g.Data), "dateModified") == "2021-02-15T00:00:00Z" && g.ProgrammeTitle == "Music"
	})
}

func expectGrant(t *testing.T, st store.Store, funder, id string, ok func(Grant) bool) {
	t.Helper()
	g, found, err := Get(context.Background(), st, funder, id)
	if err != nil || !found {
		t.Fatalf("grant %s: found %v, %v", id, found, err)
	}
	if !ok(g) {
		t.Errorf("grant %s = %+v\n%s", id, g, g.Data)
	}
}
