package geo

import (
	"context"
	"fmt"
	"regexp"
)

var (
	reSICBLcdh = regexp.MustCompile(`^sicbl([0-9]{2})cdh$`)
	reSICBLnm  = regexp.MustCompile(`^sicbl([0-9]{2})nm$`)
	reICBcdh   = regexp.MustCompile(`^icb([0-9]{2})cdh$`)
	reICBnm    = regexp.MustCompile(`^icb([0-9]{2})nm$`)
	reRGNnm    = regexp.MustCompile(`^rgn([0-9]{2})nm$`)
)

// lookupCols are the columns of an LSOA lookup (-1 when absent).
type lookupCols struct {
	lsoa, lsoaName, lad, ladName, sub, subODS, subName, icb, icbODS, icbName, rgn, rgnName int
}

func lookupColumns(t *table) (lookupCols, error) {
	c := lookupCols{
		lsoa:     t.col("lsoa21cd", "lsoa11cd", "lsoacd", "lsoa_code", "lsoa21", "lsoa11"),
		lsoaName: t.col("lsoa21nm", "lsoa11nm", "lsoanm", "lsoa_name"),
		lad:      either(t.colYear(reLADcd), t.col("laua", "ladcd", "la_code")),
		ladName:  either(t.colYear(reLADnm), t.col("ladnm", "la_name")),
		sub:      either(t.colYear(reSICBLcd), either(t.col("sicbl", "ccg"), t.colYear(reCCGcd))),
		subODS:   t.colYear(reSICBLcdh),
		subName:  t.colYear(reSICBLnm),
		icb:      either(t.colYear(reICBcd), t.col("icb")),
		icbODS:   t.colYear(reICBcdh),
		icbName:  t.colYear(reICBnm),
		rgn:      either(t.colYear(reRGNcd), t.col("rgn")),
		rgnName:  t.colYear(reRGNnm),
	}
	if err := t.need(c.lsoa, "LSOA code", "LSOA21CD", "LSOA11CD", "lsoa_code"); err != nil {
		return c, err
	}
	if c.lad < 0 && c.sub < 0 && c.icb < 0 && c.rgn < 0 {
		return c, t.need(-1, "local authority, Sub-ICB, ICB or region", "LAD23CD", "SICBL23CD", "ICB23CD", "RGN23CD")
	}
	return c, nil
}

type lookupRow struct {
	line                  int
	lad, sub, icb, region string
}

func importLookup(ctx context.Context, j *job) error {
	areas := newAreaWriter("lsoa-lookup", j.vintage)
	rows := map[string]lookupRow{}
	var order []string
	dups := 0
	var c lookupCols
	start := func(t *table) (err error) {
		c, err = lookupColumns(t)
		return err
	}
	err := j.eachRow(false, start, func(t *table) error {
		lsoa, r, ok := j.lookupLine(t, c, areas)
		if !ok {
			return nil
		}
		if first, dup := rows[lsoa]; dup {
			j.checkSame(t, lsoa, first, r)
			dups++
			return nil
		}
		rows[lsoa] = r
		order = append(order, lsoa)
		return nil
	})
	if err != nil {
		return err
	}
	if dups > 0 {
		j.rep.note("%d rows repeat an LSOA already read (one row per output area): %d LSOAs", dups, len(order))
	}
	if err := j.writeLookup(ctx, order, rows); err != nil {
		return err
	}
	return areas.write(ctx, j.st)
}

func (j *job) lookupLine(t *table, c lookupCols, areas *areaWriter) (string, lookupRow, bool) {
	lsoa := t.get(c.lsoa)
	if !lsoaCode.MatchString(lsoa) {
		j.skip(t.line, t.name(c.lsoa), lsoa, notLSOA(lsoa))
		return "", lookupRow{}, false
	}
	code := func(i int) string {
		v, ok := cleanCode(t.get(i))
		if !ok {
			j.warn(t.line, t.name(i), t.get(i), "not an ONS area code")
		}
		return v
	}
	r := lookupRow{line: t.line, lad: code(c.lad), sub: code(c.sub), icb: code(c.icb), region: code(c.rgn)}
	areas.add(LevelLSOA, lsoa, t.get(c.lsoaName), r.lad, "")
	areas.add(LevelLAD, r.lad, t.get(c.ladName), r.region, "")
	areas.add(LevelSubICB, r.sub, t.get(c.subName), r.icb, t.get(c.subODS))
	areas.add(LevelICB, r.icb, t.get(c.icbName), "", t.get(c.icbODS))
	areas.add(LevelRegion, r.region, t.get(c.rgnName), "", "")
	return lsoa, r, true
}

// checkSame reports an LSOA that a later row places elsewhere (an OA-level
// lookup repeats each LSOA once per output area).
func (j *job) checkSame(t *table, lsoa string, first, r lookupRow) {
	if first.lad == r.lad && first.sub == r.sub && first.icb == r.icb && first.region == r.region {
		return
	}
	j.warn(t.line, "", lsoa, fmt.Sprintf("LSOA placed differently from line %d; line %d is kept", first.line, first.line))
}

func (j *job) writeLookup(ctx context.Context, order []string, rows map[string]lookupRow) error {
	out := newBatch(j.st, "geo_lsoa_lookup", colsLookup...)
	for _, lsoa := range order {
		r := rows[lsoa]
		if err := out.add(ctx, j.vintage, lsoa, r.lad, r.sub, r.icb, r.region); err != nil {
			return err
		}
		j.rep.Imported++
	}
	return out.flush(ctx)
}
