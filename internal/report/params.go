package report

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
)

// bindParams checks the raw parameters against the workbook's declared ones
// and returns the template values they give.
func (d *Def) bindParams(raw map[string]string) (vars, error) {
	for k := range raw {
		if d.param(k) == nil {
			return nil, fmt.Errorf("%w: report %s has no parameter %q (it takes: %s)", ErrBadParam, d.Name, k, d.paramNames())
		}
	}
	v := vars{"report.title": d.Title}
	for _, p := range d.Params {
		val, ok := raw[p.Name]
		if !ok {
			if p.Default == nil {
				return nil, fmt.Errorf("%w: report %s needs --param %s=… (%s)", ErrBadParam, d.Name, p.Name, p.hint())
			}
			val = *p.Default
		}
		if err := p.bind(v, val); err != nil {
			return nil, fmt.Errorf("%w: report %s: %s=%q: %v", ErrBadParam, d.Name, p.Name, val, err)
		}
	}
	return v, nil
}

func (p *ParamDef) bind(v vars, val string) error {
	switch p.Type {
	case "quarter":
		q, err := query.ParseQuarter(val)
		if err != nil {
			return err
		}
		quarterVars(v, p.Name, q)
		return nil
	case "enum":
		if !contains(p.Values, val) {
			return fmt.Errorf("must be %s", p.hint())
		}
	}
	if len(val) > 2000 {
		return fmt.Errorf("too long")
	}
	v[p.Name] = val
	return nil
}

func (p *ParamDef) hint() string {
	switch p.Type {
	case "quarter":
		return "a quarter like 2026Q3"
	case "enum":
		return "one of " + strings.Join(p.Values, ", ")
	}
	if p.Description != "" {
		return p.Description
	}
	return "a value"
}

func (d *Def) param(name string) *ParamDef {
	for _, p := range d.Params {
		if p.Name == name {
			return p
		}
	}
	return nil
}

func (d *Def) paramNames() string {
	var out []string
	for _, p := range d.Params {
		out = append(out, p.Name)
	}
	if len(out) == 0 {
		return "no parameters"
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// lookup runs each parameter's lookup query: a value that finds no row does
// not exist; a row's columns become ${param.column}.
func (d *Def) lookup(ctx context.Context, st store.Store, v vars) error {
	for _, p := range d.Params {
		q := d.lookups[p.Name]
		if q == nil || v[p.Name] == "" {
			continue
		}
		args, err := q.Bind(map[string]string{p.lookupParam(): v[p.Name]})
		if err != nil {
			return fmt.Errorf("%w: report %s: %s: %v", ErrBadParam, d.Name, p.Name, err)
		}
		res, err := query.Run(ctx, st, q, args)
		if err != nil {
			return fmt.Errorf("report %s: look up %s %q: %w", d.Name, p.Name, v[p.Name], err)
		}
		if len(res.Rows) == 0 {
			msg := vars{"value": v[p.Name]}.expand(p.Missing)
			if msg == "" {
				msg = fmt.Sprintf("there is no %s %q", p.Name, v[p.Name])
			}
			return fmt.Errorf("%w: %s", ErrNotFound, msg)
		}
		for i, c := range res.Columns {
			v[p.Name+"."+c.Name] = query.Cell(res.Rows[0][i])
		}
	}
	return nil
}

// provenanceRow reads the report_provenance row for a range: the snapshot
// a period's figures come from (snapshot_t is nil when there is none).
func (d *Def) provenanceRow(ctx context.Context, st store.Store, from, to string) (map[string]any, error) {
	args, err := d.provenance.Bind(map[string]string{"from": from, "to": to})
	if err != nil {
		return nil, fmt.Errorf("%w: report %s snapshot bounds: %v", ErrBadParam, d.Name, err)
	}
	res, err := query.Run(ctx, st, d.provenance, args)
	if err != nil {
		return nil, fmt.Errorf("report %s: read the snapshots: %w", d.Name, err)
	}
	row := map[string]any{}
	if len(res.Rows) > 0 {
		for i, c := range res.Columns {
			row[c.Name] = res.Rows[0][i]
		}
	}
	return row, nil
}

// snapshot picks the snapshot the workbook is "as at" (and the previous
// one when the workbook compares), failing with ErrNoData when the period
// has none.
func (d *Def) snapshot(ctx context.Context, st store.Store, v vars) (cur, prev map[string]any, err error) {
	from, to := orDefault(v.expand(d.Snapshot.From), "1970-01-01T00:00:00Z"), orDefault(v.expand(d.Snapshot.To), "2100-01-01T00:00:00Z")
	if cur, err = d.provenanceRow(ctx, st, from, to); err != nil {
		return nil, nil, err
	}
	t, ok := cur["snapshot_t"].(time.Time)
	if !ok {
		return nil, nil, d.noData(v, cur)
	}
	snapshotVars(v, "snapshot", t)
	if d.Snapshot.PreviousFrom == "" {
		return cur, nil, nil
	}
	if prev, err = d.provenanceRow(ctx, st, v.expand(d.Snapshot.PreviousFrom), v.expand(d.Snapshot.PreviousTo)); err != nil {
		return nil, nil, err
	}
	if pt, ok := prev["snapshot_t"].(time.Time); ok {
		snapshotVars(v, "previous", pt)
	}
	return cur, prev, nil
}

func (d *Def) noData(v vars, row map[string]any) error {
	period := orDefault(v.expand(d.Snapshot.Period), "that period")
	day := func(t time.Time) string { return t.In(query.London).Format("2006-01-02") }
	first, ok := row["first_snapshot"].(time.Time)
	if !ok {
		return fmt.Errorf("%w for %s: the store holds no complete snapshot yet (run feedgauge snapshot first)", ErrNoData, period)
	}
	last, _ := row["last_snapshot"].(time.Time)
	if to, err := query.ParseTime(v.expand(d.Snapshot.To)); err == nil && first.After(to) {
		return fmt.Errorf("%w for %s: the first snapshot is %s", ErrNoData, period, day(first))
	}
	return fmt.Errorf("%w for %s: no complete snapshot was taken then (snapshots run from %s to %s)",
		ErrNoData, period, day(first), day(last))
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
