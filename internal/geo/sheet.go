package geo

import (
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// xlsxSource reads a worksheet row by row.
type xlsxSource struct {
	rows *excelize.Rows
	n    int
}

func (x *xlsxSource) read() ([]string, int, error) {
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return nil, x.n + 1, fmt.Errorf("%w: %v", ErrBadFile, err)
		}
		return nil, 0, io.EOF
	}
	x.n++
	cols, err := x.rows.Columns()
	if err != nil {
		return nil, x.n, fmt.Errorf("%w: %v", ErrBadFile, err)
	}
	return cols, x.n, nil
}

// openWorkbook opens an XLSX, explaining a truncated or foreign file.
func openWorkbook(file string, r io.Reader) (*excelize.File, error) {
	x, err := excelize.OpenReader(r)
	if err != nil {
		return nil, fileErr(file, 0, "", fmt.Errorf("%w: the workbook cannot be opened; it is truncated or not an XLSX file (%v)", ErrBadFile, err))
	}
	return x, nil
}

// sheetTable reads one worksheet as a table with its first row as header.
// Messages name the file and the sheet.
func sheetTable(x *excelize.File, file, sheet string) (*table, error) {
	rows, err := x.Rows(sheet)
	if err != nil {
		return nil, fileErr(file, 0, "", fmt.Errorf("%w: sheet %q: %v", ErrBadFile, sheet, err))
	}
	t := &table{file: fmt.Sprintf("%s [%s]", file, sheet), src: &xlsxSource{rows: rows}}
	if err := t.readHeader(); err != nil && !errors.Is(err, errEmpty) {
		return nil, err
	}
	return t, nil
}

// colFunc returns the first column whose normalised header satisfies ok.
func (t *table) colFunc(ok func(string) bool) int {
	for i, h := range t.norm {
		if ok(h) {
			return i
		}
	}
	return -1
}

// named gives a headerless table the header names a specification uses,
// so it is read by name like any other.
func (t *table) named(names ...string) {
	t.header = names
	t.norm = make([]string, len(names))
	for i, n := range names {
		t.norm[i] = normName(n)
	}
}
