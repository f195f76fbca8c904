package report

import (
	"context"

	"github.com/xuri/excelize/v2"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
)

// streamSheet renders a big sheet with excelize's StreamWriter fed row by
// row from query.Stream, so neither the result nor the sheet sits in memory
// whole (the writer spills to a temporary file past 16 MB). Page setup,
// colours and the filter are set on the sheet before Flush, which writes
// them after the rows.
func (w *workbook) streamSheet(ctx context.Context, sh *SheetDef, args []store.Arg) error {
	name := sh.sheetName
	if err := w.pageSetup(name, sh); err != nil {
		return err
	}
	sw, err := w.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, c := range sh.Columns {
		if err := sw.SetColWidth(i+1, i+1, columnWidth(c)); err != nil {
			return err
		}
	}
	heading := w.headingRows(sh)
	header := len(heading) + 1
	if err := w.freezeAndFilter(name, sh, header, header, func(_ string, p *excelize.Panes) error { return sw.SetPanes(p) }); err != nil {
		return err
	}
	for i, line := range heading {
		if err := w.streamRow(sw, i+1, []any{excelize.Cell{StyleID: w.headingStyle(sh, i), Value: SafeText(line)}}); err != nil {
			return err
		}
	}
	if err := w.streamRow(sw, header, w.headerCells(sh), excelize.RowOpts{Height: headerHeight}); err != nil {
		return err
	}
	n, err := w.streamRows(ctx, sw, sh, args, header+1)
	if err != nil {
		return err
	}
	if n == 0 {
		empty := orDefault(w.vars.expand(sh.Empty), "No rows for these parameters.")
		if err := w.streamRow(sw, header+1, []any{excelize.Cell{StyleID: w.styles.nodata, Value: empty}}); err != nil {
			return err
		}
	}
	if err := w.streamFinish(name, sh, header, header+n); err != nil {
		return err
	}
	w.log.Debug("report sheet streamed", "report", w.def.Name, "sheet", name, "rows", n)
	return sw.Flush()
}

func (w *workbook) streamRow(sw *excelize.StreamWriter, row int, cells []any, opts ...excelize.RowOpts) error {
	cell, err := excelize.CoordinatesToCellName(1, row)
	if err != nil {
		return err
	}
	return sw.SetRow(cell, cells, opts...)
}

func (w *workbook) headerCells(sh *SheetDef) []any {
	out := make([]any, len(sh.Columns))
	for i, c := range sh.Columns {
		out[i] = excelize.Cell{StyleID: w.styles.header, Value: SafeText(w.vars.expand(c.Header))}
	}
	return out
}

// streamRows writes every query row from first on and returns how many.
func (w *workbook) streamRows(ctx context.Context, sw *excelize.StreamWriter, sh *SheetDef, args []store.Arg, first int) (int, error) {
	n := 0
	cells := make([]any, len(sh.Columns))
	err := query.Stream(ctx, w.st, sh.query, args, func(vals []any) error {
		height := float64(lineHeight)
		for i, c := range sh.Columns {
			val, style, err := w.cell(sh, c, vals)
			if err != nil {
				return err
			}
			cells[i] = excelize.Cell{StyleID: style, Value: val}
			if text, ok := val.(string); ok && c.Wrap {
				height = max(height, rowHeight(text, columnWidth(c)))
			}
		}
		var opts []excelize.RowOpts
		if height > lineHeight {
			opts = append(opts, excelize.RowOpts{Height: height})
		}
		if err := w.streamRow(sw, first+n, cells, opts...); err != nil {
			return err
		}
		n++
		if n%10000 == 0 {
			return ctx.Err()
		}
		return nil
	})
	return n, err
}

// streamFinish adds the filter and colours to a streamed sheet before its
// Flush (panes were set on the writer before the first row).
func (w *workbook) streamFinish(name string, sh *SheetDef, header, last int) error {
	noFreeze := false
	copySh := *sh
	copySh.Freeze = &noFreeze
	if err := w.freezeAndFilter(name, &copySh, header, last, nil); err != nil {
		return err
	}
	for i, c := range sh.Columns {
		if err := w.conditionalFormats(name, i+1, c, header+1, last); err != nil {
			return err
		}
	}
	return nil
}
