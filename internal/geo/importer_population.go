package geo

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Population bases: never mixed in one figure (scoring.md §8.11.2).
const (
	BasisRegistered = "registered"
	BasisResident   = "resident"
)

// importPopulation reads ONS population estimates: one row per area (the
// level is told by the code) with an all-ages count; only rows for persons
// are kept when a sex column is present.
func importPopulation(ctx context.Context, j *job) error {
	out := newBatch(j.st, "geo_populations", colsPopulation...)
	areas := newAreaWriter("population", j.vintage)
	var c popCols
	start := func(t *table) (err error) {
		c, err = populationColumns(t)
		return err
	}
	err := j.eachRow(false, start, func(t *table) error {
		if sex := strings.ToLower(t.get(c.sex)); c.sex >= 0 && sex != "persons" && sex != "all" && sex != "all persons" {
			j.rep.leaveOut("not a persons row (only all persons are kept)")
			return nil
		}
		code, level, ok := j.populationArea(t, c.code)
		if !ok {
			return nil
		}
		n, okN := j.count(t, c.pop)
		period, okP := j.period(t, c.period, true)
		if !okN || !okP {
			return nil
		}
		areas.add(level, code, t.get(c.name), "", "")
		j.rep.Imported++
		return out.add(ctx, BasisResident, level, code, period, n, j.vintage)
	})
	if err != nil {
		return err
	}
	if err := out.flush(ctx); err != nil {
		return err
	}
	return areas.write(ctx, j.st)
}

type popCols struct{ code, name, pop, sex, period int }

func populationColumns(t *table) (popCols, error) {
	c := popCols{
		code:   either(t.col("area_code", "areacode", "code", "geography_code", "ladcode"), t.colYear(reLADcd)),
		name:   t.col("area_name", "name", "geography_name"),
		pop:    t.col("all_ages", "allages", "population", "obs_value", "persons", "count"),
		sex:    t.col("sex"),
		period: t.col("period", "date", "mid_year", "year"),
	}
	if err := t.need(c.code, "area code", "area_code", "code", "LAD23CD"); err != nil {
		return c, err
	}
	return c, t.need(c.pop, "population", "all_ages", "population", "OBS_VALUE")
}

func (j *job) populationArea(t *table, c int) (string, string, bool) {
	code, ok := cleanCode(t.get(c))
	if !ok || code == "" {
		j.skip(t.line, t.name(c), t.get(c), "not an ONS area code")
		return "", "", false
	}
	level := levelOfCode(code)
	if level == "" {
		j.skip(t.line, t.name(c), code, "not a level feedgauge reports (LSOA, local authority, Sub-ICB, ICB or region)")
		return "", "", false
	}
	return code, level, true
}

// count reads a population count: a whole number, commas allowed.
func (j *job) count(t *table, c int) (int64, bool) {
	raw := strings.ReplaceAll(t.get(c), ",", "")
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || n < 0 {
		j.skip(t.line, t.name(c), t.get(c), "population is not a whole number")
		return 0, false
	}
	return n, true
}

// period reads the reference date of a row, else dates the file by its
// name; midYear makes a bare year 30 June.
func (j *job) period(t *table, c int, midYear bool) (time.Time, bool) {
	if raw := t.get(c); raw != "" {
		if d, ok := parseDate(raw, midYear); ok {
			return d, true
		}
		j.skip(t.line, t.name(c), raw, "date not understood (use YYYY-MM-DD)")
		return time.Time{}, false
	}
	if d, ok := vintageDate(j.vintage, midYear); ok {
		if !j.monthKnown && !j.datedByYear {
			j.datedByYear = true
			j.rep.note("the rows have no date and the file name gives only the year: they are dated %s; put the month in the name (e.g. _jan%s) for an exact date",
				d.Format("2 January 2006"), j.vintage)
		}
		return d, true
	}
	stem := strings.TrimSuffix(filepath.Base(j.file), filepath.Ext(j.file))
	j.skip(t.line, "", "", fmt.Sprintf("no date: add a period or EXTRACT_DATE column, or put the date in the file name (e.g. %s_jan2026)", stem))
	return time.Time{}, false
}
