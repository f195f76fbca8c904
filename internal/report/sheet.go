package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/feedgauge/feedgauge/internal/query"
)

// Sheet layout: an optional title (row 1) and intro lines, a blank row,
// then the table: a header row and one row per query row.

// headingRows returns the title and intro lines of a sheet, expanded.
func (w *workbook) headingRows(sh *SheetDef) []string {
	var out []string
	if sh.Title != "" {
		out = append(out, w.vars.expand(sh.Title))
	}
	for _, l := range sh.Intro {
		out = append(out, w.vars.expand(l))
	}
	if len(out) > 0 {
		out = append(out, "")
	}
	return out
}

// tableSheet renders a sheet in normal mode (styles, charts, filters).
func (w *workbook) tableSheet(sh *SheetDef, res *query.Result) error {
	name := sh.sheetName
	header := 1
	for i, line := range w.headingRows(sh) {
		if err := w.text(name, 1, i+1, line, w.headingStyle(sh, i)); err != nil {
			return err
		}
		header = i + 2
	}
	if err := w.headerRow(name, sh, header); err != nil {
		return err
	}
	for i, row := range res.Rows {
		if err := w.dataRow(name, sh, header+1+i, row); err != nil {
			return err
		}
	}
	last := header + len(res.Rows)
	if len(res.Rows) == 0 {
		last = header
		if err := w.text(name, 1, header+1, orDefault(w.vars.expand(sh.Empty), "No rows for these parameters."), w.styles.nodata); err != nil {
			return err
		}
	}
	w.log.Debug("report sheet written", "report", w.def.Name, "sheet", name, "rows", len(res.Rows))
	return w.finishTable(name, sh, header, last)
}

func (w *workbook) headingStyle(sh *SheetDef, i int) int {
	if i == 0 && sh.Title != "" {
		return w.styles.title
	}
	return w.styles.intro
}

func (w *workbook) text(sheet string, col, row int, s string, style int) error {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	if err := w.f.SetCellStr(sheet, cell, SafeText(s)); err != nil {
		return err
	}
	return w.f.SetCellStyle(sheet, cell, cell, style)
}

func (w *workbook) headerRow(name string, sh *SheetDef, row int) error {
	for i, c := range sh.Columns {
		if err := w.text(name, i+1, row, w.vars.expand(c.Header), w.styles.header); err != nil {
			return err
		}
		if err := w.f.SetColWidth(name, colName(i+1), colName(i+1), columnWidth(c)); err != nil {
			return err
		}
	}
	return w.f.SetRowHeight(name, row, headerHeight)
}

// headerHeight fits two lines of header text.
const headerHeight = 32

// dataRow writes one query row: every value typed (numbers stay numbers),
// "no data" as grey text, and each cell styled by its column.
func (w *workbook) dataRow(name string, sh *SheetDef, row int, vals []any) error {
	height := float64(lineHeight)
	for i, c := range sh.Columns {
		cell, _ := excelize.CoordinatesToCellName(i+1, row)
		val, style, err := w.cell(sh, c, vals)
		if err != nil {
			return err
		}
		if err := w.f.SetCellValue(name, cell, val); err != nil {
			return err
		}
		if err := w.f.SetCellStyle(name, cell, cell, style); err != nil {
			return err
		}
		if text, ok := val.(string); ok && c.Wrap {
			height = max(height, rowHeight(text, columnWidth(c)))
		}
	}
	if height > lineHeight {
		return w.f.SetRowHeight(name, row, height)
	}
	return nil
}

// cell returns a column's value and style for one query row.
func (w *workbook) cell(sh *SheetDef, c *ColumnDef, vals []any) (any, int, error) {
	val, ok := cellValue(vals[c.index], w.transform(c))
	if !ok {
		nd := noDataText
		if sh.NoData != nil {
			nd = *sh.NoData
		}
		if c.NoData != nil {
			nd = *c.NoData
		}
		if nd == "" {
			return nil, w.styles.nodata, nil
		}
		return nd, w.styles.nodata, nil
	}
	id, err := w.styles.cell(w.columnFormat(sh, c, vals), c.Wrap, c.Align)
	return val, id, err
}

func (w *workbook) columnFormat(sh *SheetDef, c *ColumnDef, vals []any) string {
	if c.byIndex >= 0 {
		if f, ok := c.Formats[query.Cell(vals[c.byIndex])]; ok {
			return f
		}
	}
	if c.Format != "" {
		return c.Format
	}
	switch sh.query.Columns[c.index].Type {
	case "time":
		return "datetime"
	case "int":
		return "count"
	}
	return ""
}

func columnWidth(c *ColumnDef) float64 {
	if c.Width > 0 {
		return c.Width
	}
	return float64(min(max(len(c.Header)+4, 10), 40))
}

func colName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

// missingSheet stands in for an optional sheet whose query does not exist.
func (w *workbook) missingSheet(sh *SheetDef) error {
	lines := append(w.headingRows(sh),
		fmt.Sprintf("This sheet is not available yet: it needs the named query %q, which this build of feedgauge does not have.", sh.Query),
		"It will fill in once that query is added; nothing else in this workbook depends on it.")
	for i, l := range lines {
		style := w.styles.intro
		if i == 0 && sh.Title != "" {
			style = w.styles.title
		}
		if err := w.text(sh.sheetName, 1, i+1, l, style); err != nil {
			return err
		}
	}
	return w.f.SetColWidth(sh.sheetName, "A", "A", 110)
}
