package report

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

var (
	ragKinds   = []string{"grade", "rag", "score", "change"}
	transforms = []string{"check_titles", "check_fixes", "check_counts", "activity_type"}
	condOps    = []string{">=", ">", "<=", "<", "==", "!="}
	colours    = []string{"green", "amber", "red"}
	chartTypes = map[string]excelize.ChartType{"col": excelize.Col, "col_stacked": excelize.ColStacked,
		"bar": excelize.Bar, "line": excelize.Line}
)

func (d *Def) validateColumn(sh *SheetDef, c *ColumnDef) error {
	c.index, c.byIndex = columnIndex(sh, c.Column), -1
	if c.index < 0 {
		return d.errAt(c.line, "sheet %q column %q: query %s has no such column (it has: %s)",
			sh.Name, c.Column, sh.query.Name, queryColumns(sh))
	}
	if c.Header == "" {
		c.Header = c.Column
	}
	if err := d.checkTemplate(c.Header, c.line, "header"); err != nil {
		return err
	}
	if c.FormatBy != "" {
		if c.byIndex = columnIndex(sh, c.FormatBy); c.byIndex < 0 {
			return d.errAt(c.line, "sheet %q column %q: format_by names %q, which query %s does not return",
				sh.Name, c.Column, c.FormatBy, sh.query.Name)
		}
	}
	if c.Align != "" && !contains([]string{"left", "center", "right"}, c.Align) {
		return d.errAt(c.line, "column %q: align %q; use left, center or right", c.Column, c.Align)
	}
	if c.RAG != "" && !contains(ragKinds, c.RAG) {
		return d.errAt(c.line, "column %q: rag %q; use one of %s", c.Column, c.RAG, strings.Join(ragKinds, ", "))
	}
	if c.Transform != "" && !contains(transforms, c.Transform) {
		return d.errAt(c.line, "column %q: transform %q; use one of %s", c.Column, c.Transform, strings.Join(transforms, ", "))
	}
	for _, cf := range c.Conditional {
		if !contains(condOps, cf.Op) || !contains(colours, cf.Colour) {
			return d.errAt(cf.line, "column %q: a condition needs op (%s) and colour (%s)",
				c.Column, strings.Join(condOps, " "), strings.Join(colours, ", "))
		}
	}
	return nil
}

func columnIndex(sh *SheetDef, name string) int {
	for i, c := range sh.query.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

func queryColumns(sh *SheetDef) string {
	var out []string
	for _, c := range sh.query.Columns {
		out = append(out, c.Name)
	}
	return strings.Join(out, ", ")
}

// sheetColumn returns the position of a query column among the sheet's
// columns (charts draw from the sheet, not the query).
func sheetColumn(sh *SheetDef, name string) int {
	for i, c := range sh.Columns {
		if c.Column == name {
			return i
		}
	}
	return -1
}

func (d *Def) validateCharts(sh *SheetDef) error {
	for _, ch := range sh.Charts {
		if sh.Stream {
			return d.errAt(ch.line, "sheet %q is streamed; streamed sheets cannot hold charts", sh.Name)
		}
		if _, ok := chartTypes[ch.Type]; !ok {
			return d.errAt(ch.line, "chart type %q; use col, col_stacked, bar or line", ch.Type)
		}
		if sheetColumn(sh, ch.Categories) < 0 {
			return d.errAt(ch.line, "chart categories %q is not a column of sheet %q", ch.Categories, sh.Name)
		}
		if len(ch.Series) == 0 {
			return d.errAt(ch.line, "chart %q has no series", ch.Title)
		}
		for _, s := range ch.Series {
			if sheetColumn(sh, s) < 0 {
				return d.errAt(ch.line, "chart series %q is not a column of sheet %q", s, sh.Name)
			}
		}
		if ch.Cell != "" {
			if _, _, err := excelize.CellNameToCoordinates(ch.Cell); err != nil {
				return d.errAt(ch.line, "chart cell %q is not a cell like H2", ch.Cell)
			}
		}
		if err := d.checkTemplate(ch.Title, ch.line, "chart title"); err != nil {
			return err
		}
	}
	return nil
}

// numberValue reads a YAML condition value as a number when it is one, so
// the condition compares numbers rather than text.
func numberValue(s string) string {
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return strconv.Quote(s)
}
