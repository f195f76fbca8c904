package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Chart sizes in pixels and the gap between stacked charts, in rows.
const (
	chartWidth   = 640
	chartHeight  = 320
	chartRowStep = 18
)

// charts draws a sheet's native charts from its own table (rows
// header+1..last), to the right of the table unless a cell is given.
func (w *workbook) charts(name string, sh *SheetDef, header, last int) error {
	if last <= header {
		return nil
	}
	for i, ch := range sh.Charts {
		c, err := w.chart(name, sh, ch, header, last)
		if err != nil {
			return err
		}
		cell := ch.Cell
		if cell == "" {
			cell, _ = excelize.CoordinatesToCellName(len(sh.Columns)+2, header+i*chartRowStep)
		}
		if err := w.f.AddChart(name, cell, c); err != nil {
			return fmt.Errorf("chart %q: %w", ch.Title, err)
		}
	}
	return nil
}

func (w *workbook) chart(name string, sh *SheetDef, ch *ChartDef, header, last int) (*excelize.Chart, error) {
	q := quoteSheet(name)
	catCol := colName(sheetColumn(sh, ch.Categories) + 1)
	cats := fmt.Sprintf("%s!$%s$%d:$%s$%d", q, catCol, header+1, catCol, last)
	var series []excelize.ChartSeries
	for _, s := range ch.Series {
		col := colName(sheetColumn(sh, s) + 1)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$%d", q, col, header),
			Categories: cats,
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", q, col, header+1, col, last),
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: 6},
		})
	}
	width, height := uint(chartWidth), uint(chartHeight)
	if ch.Width > 0 {
		width = ch.Width
	}
	if ch.Height > 0 {
		height = ch.Height
	}
	c := &excelize.Chart{
		Type:         chartTypes[ch.Type],
		Series:       series,
		Title:        excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: w.vars.expand(ch.Title)}}},
		Dimension:    excelize.ChartDimension{Width: width, Height: height},
		Legend:       excelize.ChartLegend{Position: "bottom"},
		YAxis:        excelize.ChartAxis{MajorGridLines: true},
		ShowBlanksAs: "gap",
		Format:       excelize.GraphicOptions{LockAspectRatio: false},
	}
	if ch.YTitle != "" {
		c.YAxis.Title = excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: ch.YTitle}}}
	}
	return c, nil
}
