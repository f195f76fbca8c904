package report

import (
	"errors"
	"strings"

	"github.com/feedgauge/feedgauge/internal/query"
)

// ProvenanceQuery is the named query every workbook reads its snapshot and
// provenance from.
const ProvenanceQuery = "report_provenance"

var paramTypes = []string{"string", "enum", "quarter"}

// validate checks a workbook against the catalogue and resolves its queries.
func (d *Def) validate(cat *query.Catalog) error {
	if d.Title == "" {
		return d.errAt(1, "the workbook has no title")
	}
	prov, err := cat.Get(ProvenanceQuery)
	if err != nil {
		return d.errAt(1, "every report needs the named query %s: %v", ProvenanceQuery, err)
	}
	d.provenance, d.lookups = prov, map[string]*query.Def{}
	if err := d.validateParams(cat); err != nil {
		return err
	}
	if err := d.validateSnapshot(); err != nil {
		return err
	}
	if len(d.Sheets) == 0 {
		return d.errAt(1, "the workbook has no sheets")
	}
	names := map[string]bool{strings.ToLower(MethodSheet): true}
	for _, sh := range d.Sheets {
		sh.sheetName = SheetName(sh.Name)
		if names[strings.ToLower(sh.sheetName)] {
			return d.errAt(sh.line, "sheet name %q is used twice (the Method sheet is added to every workbook)", sh.sheetName)
		}
		names[strings.ToLower(sh.sheetName)] = true
		if err := d.validateSheet(cat, sh); err != nil {
			return err
		}
	}
	return d.checkTemplate(d.Filename, 1, "filename")
}

func (d *Def) validateParams(cat *query.Catalog) error {
	seen := map[string]bool{}
	for _, p := range d.Params {
		if seen[p.Name] || p.Name == "snapshot" || p.Name == "previous" || p.Name == "generated" || p.Name == "report" {
			return d.errAt(p.line, "parameter %s is declared twice or uses a reserved name", p.Name)
		}
		seen[p.Name] = true
		if !contains(paramTypes, p.Type) {
			return d.errAt(p.line, "parameter %s has type %q; use one of %s", p.Name, p.Type, strings.Join(paramTypes, ", "))
		}
		if p.Lookup == "" {
			continue
		}
		q, err := cat.Get(p.Lookup)
		if err != nil {
			return d.errAt(p.line, "parameter %s looks up %v", p.Name, err)
		}
		qp := p.lookupParam()
		if q.ParamMap[qp] == nil {
			return d.errAt(p.line, "parameter %s looks up query %s, which has no parameter %s", p.Name, q.Name, qp)
		}
		d.lookups[p.Name] = q
	}
	return nil
}

func (p *ParamDef) lookupParam() string {
	if p.LookupParam != "" {
		return p.LookupParam
	}
	return p.Name
}

func (d *Def) validateSnapshot() error {
	s := d.Snapshot
	line := max(s.line, 1)
	if (s.PreviousFrom == "") != (s.PreviousTo == "") {
		return d.errAt(line, "snapshot needs both previous_from and previous_to, or neither")
	}
	for _, t := range []string{s.From, s.To, s.Period, s.PreviousFrom, s.PreviousTo} {
		if err := d.checkTemplate(t, line, "snapshot"); err != nil {
			return err
		}
	}
	return nil
}

func (d *Def) validateSheet(cat *query.Catalog, sh *SheetDef) error {
	for _, t := range append([]string{sh.Title, sh.Empty}, sh.Intro...) {
		if err := d.checkTemplate(t, sh.line, "sheet "+sh.Name); err != nil {
			return err
		}
	}
	q, err := cat.Get(sh.Query)
	if errors.Is(err, query.ErrUnknown) && sh.Optional {
		return nil
	}
	if err != nil {
		return d.errAt(sh.line, "sheet %q: %v (mark the sheet optional: true while its query is being written)", sh.Name, err)
	}
	sh.query = q
	if err := d.validateSheetParams(sh); err != nil {
		return err
	}
	if len(sh.Columns) == 0 {
		// No columns listed: every column of the query, headed by its label.
		for _, qc := range q.Columns {
			sh.Columns = append(sh.Columns, &ColumnDef{Column: qc.Name, Header: orDefault(qc.Label, qc.Name), line: sh.line})
		}
	}
	for _, c := range sh.Columns {
		if err := d.validateColumn(sh, c); err != nil {
			return err
		}
	}
	return d.validateCharts(sh)
}

func (d *Def) validateSheetParams(sh *SheetDef) error {
	for k, v := range sh.Params.Values {
		line := sh.Params.Lines[k]
		if sh.query.ParamMap[k] == nil {
			return d.errAt(line, "sheet %q passes parameter %s, which query %s does not take (it takes: %s)",
				sh.Name, k, sh.query.Name, queryParams(sh.query))
		}
		if err := d.checkTemplate(v, line, "sheet "+sh.Name+" parameter "+k); err != nil {
			return err
		}
	}
	for _, p := range sh.query.Params {
		if _, ok := sh.Params.Values[p.Name]; !ok && p.Default == nil {
			return d.errAt(sh.line, "sheet %q must pass parameter %s to query %s", sh.Name, p.Name, sh.query.Name)
		}
	}
	return nil
}

func queryParams(q *query.Def) string {
	var out []string
	for _, p := range q.Params {
		out = append(out, p.Name)
	}
	return strings.Join(out, ", ")
}
