// Package geo places activities: it imports the geography files ONS and the
// NHS publish (postcode directories, LSOA boundaries and lookups, LSOA-to-PCN
// tables, ePCN, GP practice lists, list sizes and population estimates) into
// the store, and resolves a postcode or a point to LSOA, local authority,
// Sub-ICB, ICB, region and PCN (scoring.md §7, §8.10).
package geo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// Kind is one importer: the KIND of `feedgauge import geo KIND FILE`.
type Kind struct {
	Name string
	Help string
}

type importer struct {
	Kind
	run func(ctx context.Context, j *job) error
}

var importers = []importer{
	{Kind{"postcodes", "ONS postcode directory (NSPL or ONSPD, any edition) or a postcode-to-LSOA lookup, CSV"}, importPostcodes},
	{Kind{"lsoa-boundaries", "LSOA 2021 (or 2011) boundary polygons, GeoJSON in WGS84 (ONS BFC/BGC)"}, importBoundaries},
	{Kind{"lsoa-lookup", "LSOA to local authority, Sub-ICB, ICB and region lookup, or an OA-LSOA-LAD lookup, CSV"}, importLookup},
	{Kind{"lsoa-pcn", "LSOA to PCN table, CSV: LSOA code, PCN code, optional share"}, importLSOAPCN},
	{Kind{"epcn", "ODS ePCN workbook (ePCN.xlsx, both tabs) or its headerless CSV reports"}, importEPCN},
	{Kind{"practices", "ODS epraccur GP practice list, headerless CSV"}, importPractices},
	{Kind{"practice-map", "NHS practice to PCN to Sub-ICB to ICB map (gp-reg-pat-prac-map.csv or a geocoded copy), CSV"}, importPracticeMap},
	{Kind{"pcn-population", "registered patients per PCN (CSV or JSON), or per practice added up with the loaded practice map"}, importPCNPopulation},
	{Kind{"population", "ONS mid-year population estimates (LAD, LSOA, Sub-ICB, ICB, region), CSV"}, importPopulation},
}

// Kinds lists the importers with one line of help each.
func Kinds() []Kind {
	out := make([]Kind, len(importers))
	for i, im := range importers {
		out[i] = im.Kind
	}
	return out
}

func findImporter(kind string) (importer, error) {
	names := make([]string, len(importers))
	for i, im := range importers {
		if im.Name == kind {
			return im, nil
		}
		names[i] = im.Name
	}
	return importer{}, fmt.Errorf("%w %q: use one of %s", ErrUnknownKind, kind, strings.Join(names, ", "))
}

// Import reads one geography file of the given KIND into the store, then
// rebuilds the area index the coverage query lists areas from. Importing
// the same file again changes nothing and says so in the Report.
func Import(ctx context.Context, st store.Store, kind, path string) (Report, error) {
	open := func() (io.ReadCloser, error) { return os.Open(path) }
	rep, err := importSource(ctx, st, kind, path, open)
	if err != nil || rep.Unchanged {
		return rep, err
	}
	if err := Refresh(ctx, st); err != nil {
		return rep, err
	}
	return rep, nil
}

// job is one import in progress.
type job struct {
	st         store.Store
	file       string
	open       func() (io.ReadCloser, error)
	vintage    string
	monthKnown bool
	// datedByYear: rows were dated from a year-only file name (noted once).
	datedByYear bool
	rep         *Report
}

func (j *job) skip(line int, col, val, reason string) {
	j.rep.Skipped++
	j.rep.add(Problem{Line: line, Column: col, Value: val, Reason: reason, Skipped: true})
}

func (j *job) warn(line int, col, val, reason string) {
	j.rep.add(Problem{Line: line, Column: col, Value: val, Reason: reason})
}

// importSource runs one importer without rebuilding the area index.
func importSource(ctx context.Context, st store.Store, kind, file string, open func() (io.ReadCloser, error)) (Report, error) {
	im, err := findImporter(kind)
	if err != nil {
		return Report{}, err
	}
	sum, err := hashOf(open)
	if err != nil {
		return Report{}, fmt.Errorf("read %s: %w", file, err)
	}
	rep := Report{Kind: kind, File: file, SHA256: sum}
	if done, err := priorImport(ctx, st, kind, sum, &rep); err != nil || done {
		return rep, err
	}
	j := &job{st: st, file: file, open: open, rep: &rep}
	j.vintage, j.monthKnown = vintageOf(file)
	rep.Vintage = j.vintage
	if err := im.run(ctx, j); err != nil {
		return rep, fmt.Errorf("import geo %s: %w", kind, err)
	}
	if rep.Imported == 0 {
		return rep, fmt.Errorf("import geo %s: %w", kind, fileErr(file, 0, "", nothingErr(rep)))
	}
	rep.ImportedAt = time.Now().UTC().Truncate(time.Second)
	return rep, recordImport(ctx, st, rep)
}

func nothingErr(rep Report) error {
	msg := fmt.Sprintf("%d rows read, none could be imported", rep.Read)
	if len(rep.Problems) > 0 {
		msg += "; first problem: " + rep.Problems[0].String()
	}
	return fmt.Errorf("%w: %s", ErrNothingImported, msg)
}

func hashOf(open func() (io.ReadCloser, error)) (string, error) {
	f, err := open()
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// priorImport fills rep and returns true when this kind and content were
// imported before.
func priorImport(ctx context.Context, st store.Store, kind, sum string, rep *Report) (bool, error) {
	rows, err := st.Query(ctx, "SELECT vintage, imported_at, rows_read, rows_imported, rows_skipped FROM geo_imports"+st.Final()+
		" WHERE kind = @kind AND sha256 = @sha", store.A("kind", kind), store.A("sha", sum))
	if err != nil {
		return false, fmt.Errorf("check earlier imports (has the store been migrated? run feedgauge migrate): %w", err)
	}
	defer rows.Close()
	if !rows.Next() {
		return false, rows.Err()
	}
	rep.Unchanged = true
	return true, rows.Scan(&rep.Vintage, &rep.ImportedAt, &rep.Read, &rep.Imported, &rep.Skipped)
}

func recordImport(ctx context.Context, st store.Store, rep Report) error {
	reasons, _ := json.Marshal(rep.Reasons)
	if rep.Reasons == nil {
		reasons = []byte("{}")
	}
	row := []any{rep.Kind, rep.SHA256, rep.File, rep.Vintage, rep.Read, rep.Imported, rep.Skipped, string(reasons), rep.ImportedAt}
	if err := st.Insert(ctx, "geo_imports", colsImports, [][]any{row}); err != nil {
		return fmt.Errorf("record the import of %s: %w", rep.File, err)
	}
	return nil
}
