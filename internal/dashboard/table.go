package dashboard

import (
	"github.com/feedgauge/feedgauge/internal/query"
)

// Table is a panel's data as a table: the chart's text alternative, or the
// panel itself.
type Table struct {
	Columns []TableColumn
	Rows    []TableRow
	GapNote string // what a red row means, when the panel marks gaps
}

// TableColumn is a header.
type TableColumn struct {
	Name, Label string
	Numeric     bool
}

// TableRow is one row; Gap marks a coverage gap (shown red, with a word).
type TableRow struct {
	Cells []TableCell
	Gap   bool
}

// TableCell is one formatted value with an optional link.
type TableCell struct {
	Text    string
	Href    string
	Numeric bool
	NoData  bool
}

// tableColumns are the columns a panel shows in its table: those listed,
// else every column a chart draws, else all of the query's.
func tableColumns(p *Panel, def *query.Def) []string {
	if len(p.Columns) > 0 {
		return p.Columns
	}
	var cols []string
	add := func(c string) {
		if c != "" && !contains(cols, c) {
			cols = append(cols, c)
		}
	}
	switch p.Chart {
	case ChartTable:
		for _, c := range def.Columns {
			add(c.Name)
		}
		return cols
	case ChartMap:
		add(p.Map.Area)
		if _, ok := def.Column("area_name"); ok {
			add("area_name")
		}
		add(p.Value)
	case ChartNumber, ChartGauge:
		if _, ok := def.Column("period"); ok {
			add("period")
		}
		add(p.Value)
	default:
		add(p.X)
		add(p.Series)
		for _, y := range p.Y {
			add(y)
		}
	}
	return cols
}

func buildTable(p *Panel, data *query.Result, cols []string, v Vars, labels *Labels) *Table {
	idx := make([]int, len(cols))
	t := &Table{}
	for i, name := range cols {
		idx[i] = colIndexOf(data, name)
		c := data.Columns[idx[i]]
		t.Columns = append(t.Columns, TableColumn{Name: name, Label: labelFor(p, c), Numeric: c.Type == "int" || c.Type == "float"})
	}
	gapCol := -1
	if p.Gap != nil {
		gapCol = colIndexOf(data, p.Gap.Column)
		t.GapNote = p.Gap.Label
		if t.GapNote == "" {
			t.GapNote = "Rows marked “gap” are below " + Dec1(p.Gap.Below) + " or have no data."
		}
	}
	for _, row := range data.Rows {
		tr := TableRow{Gap: gapCol >= 0 && isGap(row[gapCol], p.Gap.Below)}
		get := func(col string) string {
			if i := colIndexOf(data, col); i >= 0 {
				return query.Cell(row[i])
			}
			return ""
		}
		for i, name := range cols {
			c := data.Columns[idx[i]]
			val := row[idx[i]]
			cell := TableCell{Text: Format(val, formatFor(p, c), labels), Numeric: t.Columns[i].Numeric, NoData: val == nil}
			if tmpl := p.Links[name]; tmpl != "" {
				cell.Href = v.Link(tmpl, get)
			}
			tr.Cells = append(tr.Cells, cell)
		}
		t.Rows = append(t.Rows, tr)
	}
	return t
}

func isGap(v any, below float64) bool {
	f, ok := number(v)
	return !ok || f < below
}
