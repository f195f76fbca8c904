package assurance

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// readXLSX reads the first sheet of a register workbook. Date columns must
// be date cells (a number formatted as a date, or a typed date), never text.
func readXLSX(b []byte) ([]rawRow, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: 256 << 20, UnzipXMLSizeLimit: 128 << 20})
	if err != nil {
		return nil, fmt.Errorf("the workbook cannot be opened: %w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("the workbook has no sheets")
	}
	sheet := sheets[0]
	recs, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("sheet %s cannot be read: %w", sheet, err)
	}
	date1904 := false
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		date1904 = *p.Date1904
	}
	return tableRows(recs, func(row, col int) dateCell { return readDateCell(f, sheet, row, col, recs, date1904) })
}

func readDateCell(f *excelize.File, sheet string, row, col int, recs [][]string, date1904 bool) dateCell {
	text := ""
	if row < len(recs) && col < len(recs[row]) {
		text = strings.TrimSpace(recs[row][col])
	}
	if text == "" {
		return dateCell{Empty: true}
	}
	cell, err := excelize.CoordinatesToCellName(col+1, row+1)
	if err != nil {
		return dateCell{Text: text}
	}
	typ, _ := f.GetCellType(sheet, cell)
	if typ == excelize.CellTypeDate {
		if t, ok := parseTypedDate(text); ok {
			return dateCell{IsDate: true, T: t, Text: text}
		}
	}
	if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		return dateCell{Text: text}
	}
	n, err := strconv.ParseFloat(text, 64)
	if err != nil || !dateStyled(f, sheet, cell) {
		return dateCell{Text: text}
	}
	t, err := excelize.ExcelDateToTime(n, date1904)
	if err != nil {
		return dateCell{Text: text}
	}
	return dateCell{IsDate: true, T: t, Text: text}
}

func parseTypedDate(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02T15:04:05Z", "2006-01-02T15:04:05", "2006-01-02"} {
		if v, err := time.Parse(layout, s); err == nil {
			return v, true
		}
	}
	return time.Time{}, false
}

// Built-in number formats that show dates (ECMA-376 §18.8.30).
var dateNumFmts = map[int]bool{14: true, 15: true, 16: true, 17: true, 22: true, 27: true, 28: true, 29: true, 30: true,
	31: true, 32: true, 33: true, 34: true, 35: true, 36: true, 50: true, 51: true, 52: true, 53: true, 54: true,
	55: true, 56: true, 57: true, 58: true}

// dateStyled reports a cell whose number format shows a date.
func dateStyled(f *excelize.File, sheet, cell string) bool {
	idx, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		return false
	}
	st, err := f.GetStyle(idx)
	if err != nil || st == nil {
		return false
	}
	if dateNumFmts[st.NumFmt] {
		return true
	}
	if st.CustomNumFmt == nil {
		return false
	}
	return customDate(*st.CustomNumFmt)
}

// customDate looks for day, month or year codes outside quoted text.
func customDate(format string) bool {
	inQuote := false
	for _, r := range strings.ToLower(format) {
		switch {
		case r == '"':
			inQuote = !inQuote
		case !inQuote && (r == 'd' || r == 'y'):
			return true
		}
	}
	return false
}
