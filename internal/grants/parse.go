package grants

import (
	"fmt"
	"strings"
	"time"
)

// parseFile reads a file of any supported format into records, writing
// every finding to the report. It returns errNotUsable when the file as a
// whole cannot be read as 360Giving data.
func parseFile(sc *schemas, b []byte, name string, rep *Report) ([]*record, error) {
	format, err := sniff(b, name, rep)
	if err != nil {
		return nil, err
	}
	rep.Format = format
	if format == FormatJSON {
		recs, err := readJSON(sc, b, rep)
		rep.Rows = len(recs)
		if err == nil {
			rep.Rows = countRows(recs)
		}
		return recs, err
	}
	var t *table
	if format == FormatXLSX {
		t, err = readXLSX(b, rep)
	} else {
		t, err = readCSV(b, rep)
	}
	if err != nil {
		return nil, err
	}
	rep.Sheet = t.Sheet
	return tableRecords(sc, t, rep)
}

func countRows(recs []*record) int {
	n := 0
	for _, r := range recs {
		n += max(len(r.Rows), 1)
	}
	return n
}

// tableRecords maps a sheet's columns to the standard and turns its rows
// into merged grant records.
func tableRecords(sc *schemas, t *table, rep *Report) ([]*record, error) {
	cols := resolveColumns(sc.tree, t.Header)
	headers := map[string]string{}
	known := 0
	for _, c := range cols {
		switch {
		case c.known():
			known++
			headers[strings.Join(c.Path, "/")] = c.Header
			if c.Alias != "" {
				rep.fileIssue(SevInfo, "column_alias", fmt.Sprintf("the column %q was read as the standard's %q", c.Header, c.Alias))
			}
		case strings.TrimSpace(c.Header) != "":
			rep.UnknownColumns = append(rep.UnknownColumns, c.Header)
		}
	}
	if known < 3 {
		rep.fileIssue(SevError, "not_360giving", fmt.Sprintf(
			"this is not a 360Giving file: only %d of its %d column titles are 360Giving titles (such as Identifier, Title, Amount Awarded, Award Date, Recipient Org:Name)",
			known, len(cols)))
		return nil, errNotUsable
	}
	if n := len(rep.UnknownColumns); n > 0 {
		rep.fileIssue(SevInfo, "unknown_columns", fmt.Sprintf("%s not in the standard %s kept with each grant but not used: %s",
			plural(n, "column", "columns"), map[bool]string{true: "was", false: "were"}[n == 1], clip(strings.Join(rep.UnknownColumns, ", "))))
	}
	rows := readRows(t, cols, rep)
	rep.Rows = len(rows)
	if len(rows) == 0 {
		rep.fileIssue(SevError, "no_grants", "the sheet has column titles but no grant rows")
		return nil, errNotUsable
	}
	return mergeRows(rows, headers, rep), nil
}

// judge validates each record and decides whether it can be imported.
// Strict mode imports only grants that pass the 360Giving schema and every
// critical check. Lenient mode also imports grants that fail the schema
// (the failures become warnings) as long as they have what compliance
// needs (minimumMissing) and pass the critical checks.
func judge(sc *schemas, recs []*record, lenient bool, now time.Time, rep *Report) []*record {
	var ok []*record
	for _, rec := range recs {
		if rec.Obj == nil {
			rep.Invalid++
			continue
		}
		issues := checkGrant(sc, rec, now)
		schemaErrs := schemaIssues(sc, rec)
		if lenient {
			for i := range schemaErrs {
				schemaErrs[i].Severity = SevWarning
				schemaErrs[i].Message += " (imported anyway: lenient mode)"
			}
			if miss := minimumMissing(rec.Obj); len(miss) > 0 {
				issues = append(issues, Issue{Severity: SevError, Code: "missing_for_compliance", Row: rec.Row, GrantID: rec.ID,
					Message: "cannot be tracked without " + strings.Join(miss, ", ")})
			}
			rec.Lenient = len(schemaErrs) > 0
		}
		issues = append(issues, schemaErrs...)
		for _, is := range issues {
			rep.add(is)
			if is.Severity == SevError {
				rec.Errors++
			}
		}
		if rec.Errors > 0 {
			rep.Invalid++
			continue
		}
		rep.Valid++
		ok = append(ok, rec)
	}
	return ok
}
