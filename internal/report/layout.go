package report

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// pageSetup prints a sheet landscape (unless it asks for portrait) on A4,
// fitted to the page width and as many pages tall as it needs.
func (w *workbook) pageSetup(name string, sh *SheetDef) error {
	orient, size, zero, one := "landscape", 9, 0, 1
	if sh != nil && sh.Portrait {
		orient = "portrait"
	}
	if err := w.f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: &orient, Size: &size,
		FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := w.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	margin := 0.4
	return w.f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{Left: &margin, Right: &margin, Top: &margin, Bottom: &margin})
}

// finishTable freezes the header, adds the filter, the colours, the charts
// and the print titles once the rows are written (header..last).
func (w *workbook) finishTable(name string, sh *SheetDef, header, last int) error {
	if err := w.freezeAndFilter(name, sh, header, last, w.f.SetPanes); err != nil {
		return err
	}
	for i, c := range sh.Columns {
		if err := w.conditionalFormats(name, i+1, c, header+1, last); err != nil {
			return err
		}
	}
	if err := w.charts(name, sh, header, last); err != nil {
		return err
	}
	// After AutoFilter, which replaces the sheet properties (excelize 2.11).
	if err := w.pageSetup(name, sh); err != nil {
		return err
	}
	return w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: name,
		RefersTo: fmt.Sprintf("%s!$%d:$%d", quoteSheet(name), header, header)})
}

// freezeAndFilter freezes the rows down to the header (unless freeze:
// false) and puts an autofilter on the table (unless autofilter: false).
func (w *workbook) freezeAndFilter(name string, sh *SheetDef, header, last int, panes func(string, *excelize.Panes) error) error {
	if sh.Freeze == nil || *sh.Freeze {
		top, _ := excelize.CoordinatesToCellName(1, header+1)
		if err := panes(name, &excelize.Panes{Freeze: true, YSplit: header, TopLeftCell: top, ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	if (sh.AutoFilter == nil || *sh.AutoFilter) && last > header {
		ref := fmt.Sprintf("A%d:%s%d", header, colName(len(sh.Columns)), last)
		if err := w.f.AutoFilter(name, ref, nil); err != nil {
			return err
		}
	}
	return nil
}

// quoteSheet quotes a sheet name for a cell reference.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// lineHeight is the height of one line of 11-point text, in points.
const lineHeight = 15

// rowHeight estimates the height a row needs for wrapped text of the given
// width (in characters); excelize does not measure text, and LibreOffice
// keeps the stored height when printing.
func rowHeight(text string, width float64) float64 {
	chars := max(int(width*1.15), 1)
	lines := 0
	for _, l := range strings.Split(text, "\n") {
		lines += max((utf8.RuneCountInString(l)+chars-1)/chars, 1)
	}
	return float64(lines * lineHeight)
}
