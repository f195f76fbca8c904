package grants

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// File formats.
const (
	FormatJSON = "json"
	FormatCSV  = "csv"
	FormatXLSX = "xlsx"
)

// errNotUsable marks a file-level problem already written to the report.
var errNotUsable = errors.New("file not usable")

// sniff decides the format from the content, not the name: a ZIP is an
// XLSX workbook, text starting with { or [ is JSON, other text is CSV.
func sniff(b []byte, name string, rep *Report) (string, error) {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(b, utf8BOM), " \t\r\n")
	switch {
	case len(trimmed) == 0:
		rep.fileIssue(SevError, "empty_file", "the file is empty")
		return "", errNotUsable
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return FormatXLSX, nil
	case bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		rep.fileIssue(SevError, "old_excel", "this is an old Excel .xls workbook; save it as .xlsx (Excel Workbook) or CSV UTF-8 and upload again")
		return "", errNotUsable
	case bytes.HasPrefix(b, []byte("%PDF")):
		rep.fileIssue(SevError, "not_360giving", "this is a PDF, not a 360Giving file; upload the JSON, CSV or XLSX your grants system exports")
		return "", errNotUsable
	case trimmed[0] == '{' || trimmed[0] == '[':
		return FormatJSON, nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return FormatCSV, nil
	}
	head := b[:min(len(b), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		ext := strings.ToLower(filepath.Ext(name))
		rep.fileIssue(SevError, "not_360giving", fmt.Sprintf("this %s file is binary, not JSON, CSV or XLSX", firstNonEmpty(ext, "unnamed")))
		return "", errNotUsable
	}
	return FormatCSV, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeText returns UTF-8 text: a UTF-8 byte-order mark is dropped, UTF-16
// (with its mark) is converted, and text that is not valid UTF-8 is read as
// Windows-1252, the usual "CSV" of Excel on Windows. The encoding is reported.
func decodeText(b []byte, rep *Report) (string, error) {
	switch {
	case bytes.HasPrefix(b, utf8BOM):
		rep.Encoding = "utf-8 (with byte-order mark)"
		return string(b[3:]), nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		rep.Encoding = "utf-16"
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		out, err := dec.Bytes(b)
		if err != nil {
			rep.fileIssue(SevError, "encoding", "the file says it is UTF-16 but cannot be read as such; save it as CSV UTF-8")
			return "", errNotUsable
		}
		return string(out), nil
	case utf8.Valid(b):
		rep.Encoding = "utf-8"
		return string(b), nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		rep.fileIssue(SevError, "encoding", "the file is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8")
		return "", errNotUsable
	}
	rep.Encoding = "windows-1252"
	rep.fileIssue(SevInfo, "encoding_windows_1252",
		"the file is not UTF-8, so it was read as Windows-1252 (Excel's older CSV); check names with accents or £ signs, or save as CSV UTF-8")
	return string(out), nil
}

// readCSV reads a CSV into a table, finding the header row.
func readCSV(b []byte, rep *Report) (*table, error) {
	text, err := decodeText(b, rep)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			rep.fileIssue(SevError, "csv_unreadable", "the CSV cannot be read: "+err.Error())
			return nil, errNotUsable
		}
		rows = append(rows, rec)
	}
	return sheetTable(rows, "", rep)
}

// sheetTable finds the header of a sheet's rows and reports rows above it.
func sheetTable(rows [][]string, sheet string, rep *Report) (*table, error) {
	h, ok := findHeader(rows)
	if !ok {
		first := ""
		if len(rows) > 0 {
			first = clip(strings.Join(rows[0], ", "))
		}
		rep.fileIssue(SevError, "not_360giving",
			"this is not a 360Giving file: no column is titled Identifier in the first 10 rows (the first row reads: "+first+")")
		return nil, errNotUsable
	}
	if h > 0 {
		rep.fileIssue(SevWarning, "rows_above_header",
			fmt.Sprintf("the column titles are on row %d; the %s above were ignored (the standard wants titles on row 1)", h+1, plural(h, "row", "rows")))
	}
	return &table{Header: rows[h], HeaderRow: h + 1, Rows: rows[h+1:], Sheet: sheet}, nil
}
