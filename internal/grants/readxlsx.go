package grants

import (
	"bytes"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits on unpacking a workbook, so a small upload cannot expand into
// gigabytes (a zip bomb).
const (
	xlsxUnzipLimit    = 512 << 20
	xlsxUnzipXMLLimit = 256 << 20
)

// readXLSX reads the grants sheet of a workbook: the sheet named "grants"
// when there is one (the standard's template), else the first sheet with an
// Identifier column. Cells are read raw, so dates arrive as Excel serial
// numbers and are converted by column type, whatever their display format.
func readXLSX(b []byte, rep *Report) (*table, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxUnzipXMLLimit})
	if err != nil {
		rep.fileIssue(SevError, "xlsx_unreadable", "the workbook cannot be opened: "+err.Error()+"; save it again as .xlsx")
		return nil, errNotUsable
	}
	defer f.Close()
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	sheets := orderSheets(f.GetSheetList())
	for i, name := range sheets {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			rep.fileIssue(SevError, "xlsx_unreadable", "sheet "+name+" cannot be read: "+err.Error())
			return nil, errNotUsable
		}
		if _, ok := findHeader(rows); !ok && i < len(sheets)-1 {
			continue
		}
		t, err := sheetTable(rows, name, rep)
		if err != nil {
			return nil, err
		}
		t.XLSX, t.Date1904 = true, date1904
		reportOtherSheets(f, sheets, name, rep)
		return t, nil
	}
	rep.fileIssue(SevError, "not_360giving", "the workbook has no sheets")
	return nil, errNotUsable
}

// orderSheets puts a sheet named "grants" first, keeping the rest in order.
func orderSheets(names []string) []string {
	out := append([]string(nil), names...)
	sort.SliceStable(out, func(i, j int) bool {
		return strings.EqualFold(out[i], "grants") && !strings.EqualFold(out[j], "grants")
	})
	return out
}

// reportOtherSheets says which non-empty sheets were not read: feedgauge
// reads the main grants sheet only (one-to-many sheets are not merged).
func reportOtherSheets(f *excelize.File, sheets []string, used string, rep *Report) {
	var skipped []string
	for _, s := range sheets {
		if s == used || strings.EqualFold(s, "meta") {
			continue
		}
		rows, err := f.GetRows(s)
		if err == nil && len(rows) > 1 {
			skipped = append(skipped, s)
		}
	}
	if len(skipped) > 0 {
		rep.fileIssue(SevWarning, "sheets_ignored", "only the sheet "+used+" was read; these sheets were not: "+strings.Join(skipped, ", ")+
			". Put one grant per row on one sheet (numbered columns such as Beneficiary Location:1:Name hold extra entries)")
	}
}
