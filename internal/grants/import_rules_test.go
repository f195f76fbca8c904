package grants

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// TestFileLevelRejections: files that cannot be 360Giving at all are
// refused with one clear reason, and nothing is stored.
func TestFileLevelRejections(t *testing.T) {
	cases := []struct {
		name, file string
		content    []byte
		code       string
	}{
		{"address list", "contacts.csv", csvOf("Name,Email,Phone", "Sale Harriers,info@example.org,0161"), "not_360giving"},
		{"json object", "data.json", []byte(`{"results": [{"id": 1}]}`), "not_360giving"},
		{"json list", "data.json", []byte(`[{"id": "360G-x-1"}]`), "not_360giving"},
		{"bad json", "data.json", []byte(`{"grants": [`), "json_unreadable"},
		{"pdf", "grants.csv", []byte("%PDF-1.7 binary"), "not_360giving"},
		{"empty", "grants.csv", []byte("  \n"), "empty_file"},
		{"header only", "grants.csv", csvOf(header), "no_grants"},
		{"empty grants", "grants.json", []byte(`{"grants": []}`), "no_grants"},
		{"old excel", "grants.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0, 0}, "old_excel"},
		{"identifier only", "ids.csv", csvOf("Identifier,Name", "1,a"), "not_360giving"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := storetest.SQLite(t)
			rep, err := Import(context.Background(), st, writeFile(t, c.file, c.content), Options{Now: now})
			if !errors.Is(err, ErrRejected) || rep.Accepted {
				t.Fatalf("want rejected, got %v", err)
			}
			if len(rep.FileIssues) == 0 || rep.FileIssues[0].Code != c.code {
				t.Errorf("file issues %+v, want %s first", rep.FileIssues, c.code)
			}
		})
	}
}

// TestSizeCap: a 200 MB upload is refused before it is read (the file is
// sparse, so the test writes nothing).
func TestSizeCap(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.json")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(200 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	rep, err := Import(context.Background(), storetest.SQLite(t), p, Options{Now: now})
	if !errors.Is(err, ErrRejected) || rep.FileIssues[0].Code != "too_large" || rep.Size != 200<<20 {
		t.Fatalf("err %v, report %+v", err, rep.FileIssues)
	}
	if rep.FileIssues[0].Message != "the file is 200.0 MB, over the 50.0 MB limit; split it by year or programme" {
		t.Errorf("message %q", rep.FileIssues[0].Message)
	}
}

// TestRowRules: a file with good and bad rows imports the good ones and
// says exactly what happened to each bad one.
func TestRowRules(t *testing.T) {
	content := csvOf(header,
		row("360G-t-1", `"£1,250"`, "2025-04-01", "GB-CHC-1111111", "Club One"),       // row 2: amount as text, read
		row("360G-t-2", "0", "2025-04-01", "GB-CHC-2222222", "Club Two"),              // row 3: £0, refused
		row("360G-t-3", "500", "2025-02-31", "GB-CHC-3333333", "Club Three"),          // row 4: no 31 February
		row("=1+2", "500", "2025-04-01", "GB-CHC-4444444", "Club Four"),               // row 5: formula identifier
		row("360G-t-5", "500", "2025-04-01", "RUBBISH-123", `=HYPERLINK("http://x")`), // row 6: warnings only
		row("360G-t-6", "500", "44652", "GB-COH-5465848", "Club Six"),                 // row 7: serial date in a CSV
		row("360G-t-7", "500", "01/04/2025", "GB-CHC-7777777", "Club Seven"),          // row 8: DD/MM/YYYY refused
		row("360G-t-8", "500", "2027-04-01", "GB-CHC-8888888", "Club Eight"),          // row 9: future, warning
	)
	st := storetest.SQLite(t)
	rep, err := Import(context.Background(), st, writeFile(t, "rules.csv", content), Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Valid != 4 || rep.Invalid != 4 || rep.New != 4 {
		t.Errorf("valid %d invalid %d new %d\n%s", rep.Valid, rep.Invalid, rep.New, text(rep))
	}
	expectIssues(t, rep, []wantIssue{
		{"number_as_text", 2, "Amount Awarded", "£1,250"},
		{"zero_amount", 3, "Amount Awarded", "0"},
		{"impossible_date", 4, "Award Date", "2025-02-31"},
		{"formula_text", 5, "Identifier", "=1+2"},
		{"unrecognised_org_id_prefix", 6, "Recipient Org:Identifier", "RUBBISH-123"},
		{"formula_text", 6, "Recipient Org:Name", `=HYPERLINK("http://x")`},
		{"excel_serial_date", 7, "Award Date", "44652"},
		{"schema", 8, "Award Date", "01/04/2025"},
		{"award_date_future", 9, "Award Date", "2027-04-01"},
	})
	expectGrant(t, st, "GB-LAE-TRF", "360G-t-1", func(g Grant) bool { return g.Amount == 1250 })
	expectGrant(t, st, "GB-LAE-TRF", "360G-t-6", func(g Grant) bool {
		return g.AwardDate.Equal(time.Date(2022, 4, 1, 0, 0, 0, 0, time.UTC)) && g.OrgIDs[0] == "GB-COH-05465848" &&
			g.RecipientKey == "GB-COH-05465848"
	})
	expectGrant(t, st, "GB-LAE-TRF", "360G-t-5", func(g Grant) bool {
		return g.RecipientName == `=HYPERLINK("http://x")` && len(g.OrgIDs) == 0 && g.RecipientKey == "GB-LAE-TRF/RUBBISH-123"
	})
}

// TestLineBreakInIdentifier: critical in the DQ tool (GrantNav drops such
// grants).
func TestLineBreakInIdentifier(t *testing.T) {
	content := csvOf(header, row(`"360G-t-1`+"\n"+`x"`, "10", "2025-04-01", "GB-CHC-1111111", "Club"),
		row("360G-t-2", "10", "2025-04-01", "GB-CHC-1111111", "Club"))
	rep, err := Import(context.Background(), storetest.SQLite(t), writeFile(t, "lb.csv", content), Options{Now: now})
	if err != nil || rep.Valid != 1 {
		t.Fatalf("err %v valid %d", err, rep.Valid)
	}
	expectIssues(t, rep, []wantIssue{{"line_break_in_id", 2, "Identifier", `360G-t-1\nx`}})
}

// TestHeaderVariants: real-world titles (case, spaces around ':', numbered
// rolled-up columns, Programme Name), a byte-order mark, multiple rows for
// one grant and GrantNav export columns.
func TestHeaderVariants(t *testing.T) {
	head := "\ufeffidentifier,TITLE,Description,Currency,Amount Awarded,Award Date,Recipient Org:0:Identifier," +
		"Recipient Org : Name,Recipient Org:Web Address,Funding Org:Identifier,Funding Org:Name,Programme Name," +
		"Beneficiary Location:1:Geographic Code,Recipient Org: Org ID(s),Best Available Recipient District Geographic Code,Notes"
	content := csvOf(head,
		"360G-v-1,T,D,GBP,100,2025-04-01,360G-v-club,Sale Club,https://www.saleclub.org.uk/,GB-LAE-TRF,Trafford,Active Lives,,"+
			`"GB-CHC-1234567,GB-COH-08049101",E08000009,first`,
		"360G-v-1,,,,,,,,,,,,E05000820,,,first") // the multiple-rows rule: adds a geocode
	st := storetest.SQLite(t)
	rep, err := Import(context.Background(), st, writeFile(t, "variants.csv", content), Options{Now: now})
	if err != nil || rep.Valid != 1 {
		t.Fatalf("err %v valid %d\n%s", err, rep.Valid, text(rep))
	}
	if rep.Encoding != "utf-8 (with byte-order mark)" || len(rep.UnknownColumns) != 1 || rep.UnknownColumns[0] != "Notes" {
		t.Errorf("encoding %q unknown %v", rep.Encoding, rep.UnknownColumns)
	}
	expectIssues(t, rep, []wantIssue{{"multiple_rows", 2, "Identifier", ""}, {"column_alias", 0, "", ""}})
	expectGrant(t, st, "GB-LAE-TRF", "360G-v-1", func(g Grant) bool {
		return g.ProgrammeTitle == "Active Lives" && g.LAD == "E08000009" && g.URL == "https://www.saleclub.org.uk/" &&
			len(g.OrgIDs) == 2 && g.OrgIDs[0] == "GB-CHC-1234567" && g.OrgIDs[1] == "GB-COH-08049101" &&
			len(g.Beneficiaries) == 1 && g.Beneficiaries[0] == "E05000820"
	})
}

// TestLenientNeedsTheMinimum: lenient mode still refuses a grant without
// what compliance needs.
func TestLenientNeedsTheMinimum(t *testing.T) {
	content := csvOf("Identifier,Title,Currency,Amount Awarded,Award Date,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name",
		"360G-l-1,T,GBP,100,2025-04-01,Club,GB-LAE-TRF,Trafford",
		"360G-l-2,T,GBP,100,,Club,GB-LAE-TRF,Trafford")
	st := storetest.SQLite(t)
	rep, err := Import(context.Background(), st, writeFile(t, "lenient.csv", content), Options{Now: now, Lenient: true})
	if err != nil || rep.Valid != 1 || rep.Invalid != 1 {
		t.Fatalf("err %v valid %d invalid %d", err, rep.Valid, rep.Invalid)
	}
	expectIssues(t, rep, []wantIssue{{"missing_for_compliance", 3, "", ""}, {"schema_required", 2, "Description", ""}})
	expectGrant(t, st, "GB-LAE-TRF", "360G-l-1", func(g Grant) bool { return !g.SchemaValid && g.RecipientKey == "GB-LAE-TRF/name:club" })
}

// TestJSONAmountAsText: a JSON amount written as text is read (with a
// warning) when unambiguous, and refused when it is not a number at all.
func TestJSONAmountAsText(t *testing.T) {
	grant := func(id, amount string) string {
		return `{"id":"` + id + `","title":"T","description":"D","currency":"GBP","amountAwarded":` + amount +
			`,"awardDate":"2025-04-01","recipientOrganization":[{"id":"GB-CHC-1111111","name":"Club"}],` +
			`"fundingOrganization":[{"id":"GB-LAE-TRF","name":"Trafford"}]}`
	}
	body := `{"grants":[` + grant("360G-j-1", `"£2,500.50"`) + "," + grant("360G-j-2", `"lots"`) + "," + grant("360G-j-3", "100") + `]}`
	st := storetest.SQLite(t)
	rep, err := Import(context.Background(), st, writeFile(t, "amounts.json", []byte(body)), Options{Now: now})
	if err != nil || rep.Valid != 2 || rep.Invalid != 1 {
		t.Fatalf("err %v valid %d invalid %d\n%s", err, rep.Valid, rep.Invalid, text(rep))
	}
	expectIssues(t, rep, []wantIssue{{"number_as_text", 1, "Amount Awarded", "£2,500.50"}, {"schema", 2, "Amount Awarded", "lots"}})
	expectGrant(t, st, "GB-LAE-TRF", "360G-j-1", func(g Grant) bool { return g.Amount == 2500.5 })
}
