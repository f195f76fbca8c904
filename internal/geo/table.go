package geo

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// table reads a CSV file or a worksheet row by row and finds columns by
// header name, so any vintage's column order works.
type table struct {
	file   string
	src    rowSource
	text   *textReader // nil for a worksheet
	header []string    // as written
	norm   []string    // normalised: lower case, letters and digits only
	rec    []string
	line   int
}

// rowSource yields records with their line (row) numbers; io.EOF at the end.
type rowSource interface {
	read() ([]string, int, error)
}

type csvSource struct{ r *csv.Reader }

func (c csvSource) read() ([]string, int, error) {
	rec, err := c.r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, pe.Line, fmt.Errorf("%w: %v", ErrBadFile, pe.Err)
		}
		return nil, 0, err
	}
	line, _ := c.r.FieldPos(0)
	return rec, line, nil
}

// openTable starts reading a CSV. With headerless set, the first row is
// data and columns are found by position.
func openTable(file string, r io.Reader, headerless bool) (*table, error) {
	tr, err := newTextReader(r)
	if err != nil {
		return nil, fileErr(file, 1, "", err)
	}
	cr := csv.NewReader(tr)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	t := &table{file: file, src: csvSource{cr}, text: tr}
	if headerless {
		return t, nil
	}
	return t, t.readHeader()
}

// errEmpty marks a file or sheet without even a header row.
var errEmpty = errors.New("the file is empty")

// readHeader takes the first row as the header.
func (t *table) readHeader() error {
	head, line, err := t.src.read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return fileErr(t.file, 1, "", fmt.Errorf("%w: %w", ErrBadFile, errEmpty))
		}
		return fileErr(t.file, max(line, 1), "", fmt.Errorf("header row: %w", err))
	}
	if looksBinary(head) {
		return fileErr(t.file, 1, "", fmt.Errorf("%w: the file is not CSV text", ErrWrongKind))
	}
	t.header = append([]string(nil), head...)
	t.norm = make([]string, len(head))
	for i, h := range head {
		t.norm[i] = normName(h)
	}
	return nil
}

func looksBinary(rec []string) bool {
	for _, f := range rec {
		if strings.ContainsRune(f, 0) {
			return true
		}
	}
	return false
}

// normName lower-cases a header and keeps only letters and digits, so
// "Partner\nOrganisation\nCode", "PCN_Code" and "pcn code" all match.
func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// next reads the next data row; false at the end. A CSV syntax error is
// returned with its line.
func (t *table) next() (bool, error) {
	rec, line, err := t.src.read()
	if errors.Is(err, io.EOF) {
		return false, nil
	}
	if err != nil {
		if line == 0 {
			line = t.line + 1
		}
		return false, fileErr(t.file, line, "", err)
	}
	t.rec, t.line = rec, line
	return true, nil
}

// col returns the index of the first header matching one of the names
// (normalised), or -1.
func (t *table) col(names ...string) int {
	for _, n := range names {
		n = normName(n)
		for i, h := range t.norm {
			if h == n {
				return i
			}
		}
	}
	return -1
}

// colYear finds a year-suffixed column such as lad25cd or sicbl24cd and
// returns the one with the latest year, or -1.
func (t *table) colYear(re *regexp.Regexp) int {
	best, year := -1, ""
	for i, h := range t.norm {
		m := re.FindStringSubmatch(h)
		if m != nil && m[1] > year {
			best, year = i, m[1]
		}
	}
	return best
}

// name is the header of column i as written, for messages.
func (t *table) name(i int) string {
	if i >= 0 && i < len(t.header) {
		return strings.Join(strings.Fields(t.header[i]), " ")
	}
	return fmt.Sprintf("%d", i+1)
}

// get returns the trimmed value of column i, "" when absent.
func (t *table) get(i int) string {
	if i < 0 || i >= len(t.rec) {
		return ""
	}
	return strings.TrimSpace(t.rec[i])
}

// need fails with ErrWrongKind naming what was looked for when a required
// column is missing.
func (t *table) need(i int, what string, looked ...string) error {
	if i >= 0 {
		return nil
	}
	return fileErr(t.file, 1, "", fmt.Errorf("%w: no %s column (looked for %s; the header has %s)",
		ErrWrongKind, what, strings.Join(looked, ", "), clip(strings.Join(t.header, ","), 200)))
}

// errNotData marks a row that is not data (a header in a headerless file);
// eachRow does not count it as read.
var errNotData = errors.New("not a data row")

// eachRow opens the job's file as a CSV table, lets start find the columns,
// then calls row for every data row, counting the rows read. The reader's
// repairs (byte-order mark, Windows-1252) are noted in the report.
func (j *job) eachRow(headerless bool, start, row func(t *table) error) error {
	f, err := j.open()
	if err != nil {
		return err
	}
	defer f.Close()
	return j.eachRecord(f, headerless, start, row)
}

// eachRecord is eachRow on a reader already open.
func (j *job) eachRecord(r io.Reader, headerless bool, start, row func(t *table) error) error {
	t, err := openTable(j.file, r, headerless)
	if err != nil {
		return err
	}
	defer t.text.notes(j.rep)
	return j.rows(t, start, row)
}

// rows runs start, then row on every data row of a table.
func (j *job) rows(t *table, start, row func(t *table) error) error {
	if err := start(t); err != nil {
		return err
	}
	for {
		ok, err := t.next()
		if err != nil || !ok {
			return err
		}
		j.rep.Read++
		if err := row(t); errors.Is(err, errNotData) {
			j.rep.Read--
		} else if err != nil {
			return err
		}
	}
}
