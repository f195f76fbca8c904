package geo

import (
	"context"
	"fmt"
	"strings"

	"github.com/feedgauge/feedgauge/internal/postcode"
)

// epraccur columns (1-based in the ODS specification, 0-based here).
const (
	eprCode      = 0
	eprName      = 1
	eprICB       = 3
	eprPostcode  = 9
	eprStatus    = 12
	eprSubICB    = 14
	eprSetting   = 25
	eprMinFields = 26
)

// importPractices reads the ODS epraccur list: headerless, 27 columns.
// Only GP practices (prescribing setting 4) are kept; status A is active.
func importPractices(ctx context.Context, j *job) error {
	out := newBatch(j.st, "geo_practices", colsPractices...)
	check := newPostcodeCheck()
	noStart := func(*table) error { return nil }
	err := j.eachRow(true, noStart, func(t *table) error {
		if err := j.checkEpraccurShape(t); err != nil {
			return err
		}
		if t.line == 1 && !practiceCode.MatchString(t.get(eprCode)) {
			if err := j.epraccurHeader(t); err != nil {
				return err
			}
			return errNotData
		}
		row, ok := j.epraccurRow(t, check)
		if !ok {
			return nil
		}
		j.rep.Imported++
		return out.add(ctx, row...)
	})
	if err != nil {
		return err
	}
	if err := out.flush(ctx); err != nil {
		return err
	}
	return check.run(ctx, j, "10 (postcode)")
}

// epraccurHeader accepts a first row that names the columns; any other
// first row that is not a practice means the file is something else.
func (j *job) epraccurHeader(t *table) error {
	if h := normName(t.get(eprCode)); strings.Contains(h, "code") || strings.Contains(h, "organisation") {
		j.rep.note("the first row was read as a header")
		return nil
	}
	return fileErr(j.file, 1, "1", fmt.Errorf("%w: the first row starts with %q, not an ODS practice code; epraccur lists one practice per row with no header",
		ErrWrongKind, clip(t.get(eprCode), 30)))
}

func (j *job) checkEpraccurShape(t *table) error {
	if len(t.rec) >= eprMinFields {
		return nil
	}
	return fileErr(j.file, t.line, "", fmt.Errorf("%w: %d columns where epraccur has 27 (organisation code, name, ..., postcode in column 10); is this the right file?",
		ErrWrongKind, len(t.rec)))
}

func (j *job) epraccurRow(t *table, check *postcodeCheck) ([]any, bool) {
	code := strings.ToUpper(t.get(eprCode))
	if !practiceCode.MatchString(code) {
		j.skip(t.line, "1 (organisation code)", code, "not an ODS practice code")
		return nil, false
	}
	if s := t.get(eprSetting); s != "4" {
		j.rep.leaveOut("not a GP practice (prescribing setting is not 4)")
		return nil, false
	}
	active := 0
	if t.get(eprStatus) == "A" {
		active = 1
	}
	pc, ok := postcode.Normalise(t.get(eprPostcode))
	if !ok {
		j.warn(t.line, "10 (postcode)", t.get(eprPostcode), "malformed postcode")
	} else if active == 1 {
		check.add(pc, t.line)
	}
	return []any{"practices", j.vintage, code, t.get(eprName), pc, nil, nil, active, "",
		t.get(eprSubICB), t.get(eprICB)}, true
}
