package grants

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

var grantCols = []string{"funder_id", "grant_id", "funder_name", "title", "currency", "amount_awarded", "award_date",
	"recipient_key", "recipient_id", "recipient_name", "recipient_charity_number", "recipient_company_number",
	"recipient_postcode", "recipient_url", "recipient_org_ids", "recipient_lad", "recipient_individual",
	"programme_code", "programme_title", "beneficiary_codes", "planned_start", "planned_end", "planned_months",
	"schema_valid", "data", "content_hash", "import_id", "first_import_id", "imported_at", "version"}

// putGrants upserts grants by (funder, Identifier).
func putGrants(ctx context.Context, st store.Store, gs []Grant) error {
	if len(gs) == 0 {
		return nil
	}
	v := store.NextSeq(len(gs))
	rows := make([][]any, len(gs))
	for i, g := range gs {
		rows[i] = []any{g.FunderID, g.ID, g.FunderName, g.Title, g.Currency, g.Amount, g.AwardDate.UTC(),
			g.RecipientKey, g.RecipientID, g.RecipientName, g.CharityNumber, g.CompanyNumber, g.Postcode, g.URL,
			nonNil(g.OrgIDs), g.LAD, g.Individual, g.ProgrammeCode, g.ProgrammeTitle, nonNil(g.Beneficiaries),
			g.PlannedStart, g.PlannedEnd, g.PlannedMonths, g.SchemaValid, string(g.Data), g.Hash, g.ImportID,
			g.FirstImportID, g.ImportedAt.UTC(), v + int64(i)}
	}
	if err := st.Insert(ctx, "grants", grantCols, rows); err != nil {
		return fmt.Errorf("store %d grants: %w", len(gs), err)
	}
	return nil
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// storedHash is what an import compares against: the stored grant's content
// hash and the import that first brought it.
type storedHash struct{ hash, firstImport string }

// storedHashes reads the content hashes of a funder's stored grants.
func storedHashes(ctx context.Context, st store.Store, funderID string) (map[string]storedHash, error) {
	rows, err := st.Query(ctx, "SELECT grant_id, content_hash, first_import_id FROM grants"+st.Final()+
		" WHERE funder_id = @f", store.A("f", funderID))
	if err != nil {
		return nil, fmt.Errorf("read stored grants of %s: %w", funderID, err)
	}
	defer rows.Close()
	out := map[string]storedHash{}
	for rows.Next() {
		var id string
		var h storedHash
		if err := rows.Scan(&id, &h.hash, &h.firstImport); err != nil {
			return nil, err
		}
		out[id] = h
	}
	return out, rows.Err()
}

var importCols = []string{"id", "file", "sha256", "format", "mode", "size", "funder_ids", "funder_names", "rows_read",
	"grants_valid", "grants_invalid", "grants_new", "grants_updated", "grants_unchanged", "accepted", "errors",
	"warnings", "report", "imported_by", "imported_at", "version"}

// putImport records an import and its report.
func putImport(ctx context.Context, st store.Store, r *Report) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	var ids, names []string
	for _, f := range r.Funders {
		ids, names = append(ids, f.ID), append(names, f.Name)
	}
	row := []any{r.ImportID, r.File, r.SHA256, r.Format, r.Mode, r.Size, nonNil(ids), nonNil(names), r.Rows,
		r.Valid, r.Invalid, r.New, r.Updated, r.Unchanged, r.Accepted, r.Errors(), r.Warnings(), string(b),
		r.ImportedBy, r.ImportedAt.UTC(), store.NextSeq(1)}
	if err := st.Insert(ctx, "grant_imports", importCols, [][]any{row}); err != nil {
		return fmt.Errorf("record the import of %s: %w", r.File, err)
	}
	return nil
}

// ImportSummary is one row of the import log.
type ImportSummary struct {
	ID, File, Format, Mode string
	Funders                []string
	Rows, Valid, Invalid   int
	New, Updated           int
	Accepted               bool
	Errors, Warnings       int
	By                     string
	At                     time.Time
}

// Imports lists imports, newest first.
func Imports(ctx context.Context, st store.Store, limit int) ([]ImportSummary, error) {
	rows, err := st.Query(ctx, "SELECT id, file, format, mode, funder_names, rows_read, grants_valid, grants_invalid, grants_new, "+
		"grants_updated, accepted, errors, warnings, imported_by, imported_at FROM grant_imports"+st.Final()+
		" ORDER BY imported_at DESC, id LIMIT @n", store.A("n", limit))
	if err != nil {
		return nil, fmt.Errorf("read the grant import log: %w", err)
	}
	defer rows.Close()
	var out []ImportSummary
	for rows.Next() {
		var s ImportSummary
		if err := rows.Scan(&s.ID, &s.File, &s.Format, &s.Mode, &s.Funders, &s.Rows, &s.Valid, &s.Invalid, &s.New,
			&s.Updated, &s.Accepted, &s.Errors, &s.Warnings, &s.By, &s.At); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ImportReport reads the stored report of one import.
func ImportReport(ctx context.Context, st store.Store, id string) (Report, bool, error) {
	rows, err := st.Query(ctx, "SELECT report FROM grant_imports"+st.Final()+" WHERE id = @id", store.A("id", strings.TrimSpace(id)))
	if err != nil {
		return Report{}, false, fmt.Errorf("read import %s: %w", id, err)
	}
	defer rows.Close()
	if !rows.Next() {
		return Report{}, false, rows.Err()
	}
	var raw string
	if err := rows.Scan(&raw); err != nil {
		return Report{}, false, err
	}
	var r Report
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		return Report{}, false, fmt.Errorf("import %s has an unreadable report: %w", id, err)
	}
	return r, true, nil
}

// Get reads one stored grant by funder and Identifier.
func Get(ctx context.Context, st store.Store, funderID, grantID string) (Grant, bool, error) {
	rows, err := st.Query(ctx, "SELECT "+strings.Join(grantCols[:29], ", ")+" FROM grants"+st.Final()+
		" WHERE funder_id = @f AND grant_id = @g", store.A("f", funderID), store.A("g", grantID))
	if err != nil {
		return Grant{}, false, fmt.Errorf("read grant %s of %s: %w", grantID, funderID, err)
	}
	defer rows.Close()
	if !rows.Next() {
		return Grant{}, false, rows.Err()
	}
	var g Grant
	var data string
	err = rows.Scan(&g.FunderID, &g.ID, &g.FunderName, &g.Title, &g.Currency, &g.Amount, &g.AwardDate, &g.RecipientKey,
		&g.RecipientID, &g.RecipientName, &g.CharityNumber, &g.CompanyNumber, &g.Postcode, &g.URL, &g.OrgIDs, &g.LAD,
		&g.Individual, &g.ProgrammeCode, &g.ProgrammeTitle, &g.Beneficiaries, &g.PlannedStart, &g.PlannedEnd,
		&g.PlannedMonths, &g.SchemaValid, &data, &g.Hash, &g.ImportID, &g.FirstImportID, &g.ImportedAt)
	g.Data = json.RawMessage(data)
	return g, err == nil, err
}

// Count returns how many grants are stored, for one funder or all ("").
func Count(ctx context.Context, st store.Store, funderID string) (int, error) {
	rows, err := st.Query(ctx, "SELECT count(*) FROM grants"+st.Final()+" WHERE @f = '' OR funder_id = @f", store.A("f", funderID))
	if err != nil {
		return 0, fmt.Errorf("count grants: %w", err)
	}
	defer rows.Close()
	n := 0
	if rows.Next() {
		err = rows.Scan(&n)
	}
	return n, err
}
