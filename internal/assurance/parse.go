package assurance

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/feedgauge/feedgauge/internal/domain"
	"golang.org/x/text/encoding/charmap"
)

// A register row as read: text per column, and for XLSX the date cells.
type rawRow struct {
	Row   int
	Cells map[string]string
	Dates map[string]dateCell // XLSX only
}

// dateCell is a workbook cell in a date column.
type dateCell struct {
	Empty  bool
	IsDate bool
	T      time.Time
	Text   string
}

// parseRegister reads a CSV or XLSX register into valid entries, rejecting
// every other row with its number and reason (scoring.md §8.9).
func parseRegister(b []byte, name string, rep *ImportReport) ([]domain.RegisterEntry, error) {
	var rows []rawRow
	var err error
	if bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		rows, err = readXLSX(b)
	} else {
		rows, err = readCSV(b)
	}
	if err != nil {
		return nil, err
	}
	rep.Rows = len(rows)
	seen := map[string]int{}
	var out []domain.RegisterEntry
	for _, r := range rows {
		e, err := rowEntry(r)
		if err == nil {
			if first, dup := seen[e.ID]; dup {
				err = fmt.Errorf("repeats row %d (same scheme and organiser)", first)
			}
		}
		if err != nil {
			rep.Rejected = append(rep.Rejected, Rejected{Row: r.Row, Reason: strings.TrimPrefix(err.Error(), ErrInvalid.Error()+": ")})
			continue
		}
		seen[e.ID] = r.Row
		out = append(out, e)
	}
	return out, nil
}

// rowEntry turns one row into an entry, or says why it cannot be one.
func rowEntry(r rawRow) (domain.RegisterEntry, error) {
	e := domain.RegisterEntry{OrganiserID: r.Cells["organiser_id"], OrganiserURL: r.Cells["organiser_url"],
		OrganiserName: r.Cells["organiser_name"], LocalAuthority: r.Cells["local_authority"], Scheme: r.Cells["scheme"],
		AssuredBy: r.Cells["assured_by"], EvidenceURL: r.Cells["evidence_url"]}
	var err error
	if e.AssuredOn, err = rowDate(r, "assured_on"); err != nil {
		return e, err
	}
	if e.ExpiresOn, err = rowDate(r, "expires_on"); err != nil {
		return e, err
	}
	e = Normalise(e)
	if err := Validate(e); err != nil {
		return e, err
	}
	e.ID = IdentityID(e)
	return e, nil
}

var isoDate = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// rowDate reads a date column: YYYY-MM-DD text in a CSV, a date cell in a
// workbook; empty is the zero time.
func rowDate(r rawRow, col string) (time.Time, error) {
	if r.Dates != nil {
		c := r.Dates[col]
		switch {
		case c.Empty:
			return time.Time{}, nil
		case !c.IsDate:
			return time.Time{}, fmt.Errorf("%s %q is not a date cell; format the cell as a date", col, c.Text)
		}
		return day(c.T), nil
	}
	s := strings.TrimSpace(r.Cells[col])
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if !isoDate.MatchString(s) || err != nil {
		return time.Time{}, fmt.Errorf("%s %q is not a date written YYYY-MM-DD", col, s)
	}
	return t, nil
}

// readCSV reads a register CSV (UTF-8, with or without a byte-order mark;
// Windows-1252 otherwise).
func readCSV(b []byte) ([]rawRow, error) {
	b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	if !utf8.Valid(b) {
		dec, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err != nil {
			return nil, fmt.Errorf("the file is neither UTF-8 nor Windows-1252 text")
		}
		b = dec
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	var recs [][]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("the CSV cannot be read: %w", err)
		}
		recs = append(recs, rec)
	}
	return tableRows(recs, nil)
}

// tableRows maps columns by header and returns the non-empty data rows.
func tableRows(recs [][]string, dates func(row, col int) dateCell) ([]rawRow, error) {
	if len(recs) == 0 {
		return nil, fmt.Errorf("the file is empty; the first row must hold the columns %s", strings.Join(Columns, ", "))
	}
	idx := map[string]int{}
	for i, h := range recs[0] {
		idx[strings.ToLower(strings.TrimSpace(h))] = i
	}
	var missing []string
	for _, c := range Columns {
		if _, ok := idx[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("the first row must name the columns %s; missing: %s", strings.Join(Columns, ", "), strings.Join(missing, ", "))
	}
	var out []rawRow
	for i, rec := range recs[1:] {
		r := rawRow{Row: i + 2, Cells: map[string]string{}}
		empty := true
		for _, c := range Columns {
			if j := idx[c]; j < len(rec) {
				r.Cells[c] = strings.TrimSpace(rec[j])
				empty = empty && r.Cells[c] == ""
			}
		}
		if dates != nil {
			r.Dates = map[string]dateCell{"assured_on": dates(i+1, idx["assured_on"]), "expires_on": dates(i+1, idx["expires_on"])}
		}
		if !empty {
			out = append(out, r)
		}
	}
	return out, nil
}
