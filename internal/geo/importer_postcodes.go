package geo

import (
	"context"
	"regexp"
	"strings"

	"github.com/feedgauge/feedgauge/internal/postcode"
)

// Year-suffixed columns of the 2025 NSPL and the ONS lookups (lad25cd,
// sicbl24cd, icb23cd, rgn25cd ...), matched on normalised header names.
var (
	reLADcd   = regexp.MustCompile(`^lad([0-9]{2})cd$`)
	reLADnm   = regexp.MustCompile(`^lad([0-9]{2})nm$`)
	reSICBLcd = regexp.MustCompile(`^sicbl([0-9]{2})cd$`)
	reCCGcd   = regexp.MustCompile(`^ccg([0-9]{2})cd$`)
	reICBcd   = regexp.MustCompile(`^icb([0-9]{2})cd$`)
	reSTPcd   = regexp.MustCompile(`^stp([0-9]{2})cd$`)
	reRGNcd   = regexp.MustCompile(`^rgn([0-9]{2})cd$`)
)

// pcCols are the column positions of a postcode file (-1 when absent).
type pcCols struct {
	pc, lsoa21, lsoa11, lad, sub, icb, rgn, lat, lng, doterm, lsoaName, ladName int
}

func either(a, b int) int {
	if a >= 0 {
		return a
	}
	return b
}

func postcodeCols(t *table) (pcCols, error) {
	c := pcCols{
		pc:       t.col("pcds", "pcd", "pcd2", "pcd7", "pcd8", "postcode", "postcode_space"),
		lsoa21:   t.col("lsoa21", "lsoa21cd", "lsoa_code", "lsoacd", "lsoa"),
		lsoa11:   t.col("lsoa11", "lsoa11cd"),
		lad:      either(t.colYear(reLADcd), t.col("laua", "oslaua", "ladcd", "la_code", "lad")),
		sub:      either(t.colYear(reSICBLcd), either(t.col("sicbl", "ccg"), t.colYear(reCCGcd))),
		icb:      either(t.colYear(reICBcd), either(t.col("icb", "stp"), t.colYear(reSTPcd))),
		rgn:      either(t.colYear(reRGNcd), t.col("rgn", "region")),
		lat:      t.col("lat", "latitude"),
		lng:      t.col("long", "lon", "lng", "longitude"),
		doterm:   t.col("doterm"),
		lsoaName: t.col("lsoa21nm", "lsoa_name", "lsoanm"),
		ladName:  either(t.colYear(reLADnm), t.col("ladnm", "la_name")),
	}
	if err := t.need(c.pc, "postcode", "pcds", "pcd", "pcd7", "pcd8", "postcode"); err != nil {
		return c, err
	}
	if c.lsoa21 < 0 && c.lsoa11 < 0 && c.lad < 0 && c.lat < 0 {
		return c, t.need(-1, "LSOA, local authority or latitude", "lsoa21", "lsoa21cd", "lsoa11", "laua", "lad25cd", "lat")
	}
	return c, nil
}

func importPostcodes(ctx context.Context, j *job) error {
	out := newBatch(j.st, "geo_postcodes", colsPostcodes...)
	areas := newAreaWriter("postcodes", j.vintage)
	var c pcCols
	start := func(t *table) (err error) {
		c, err = postcodeCols(t)
		if err == nil && c.lsoa21 < 0 {
			j.rep.note("this directory has no LSOA 2021 column (only %q): its postcodes count as not found when locating, until a directory with lsoa21 is loaded", t.name(c.lsoa11))
		}
		return err
	}
	err := j.eachRow(false, start, func(t *table) error {
		row, ok := j.postcodeRow(t, c, areas)
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
	return areas.write(ctx, j.st)
}

// postcodeRow turns one row into a geo_postcodes row, or skips it.
func (j *job) postcodeRow(t *table, c pcCols, areas *areaWriter) ([]any, bool) {
	raw := t.get(c.pc)
	pc, ok := postcode.Normalise(raw)
	if !ok {
		j.skip(t.line, t.name(c.pc), raw, "malformed postcode")
		return nil, false
	}
	if strings.HasPrefix(pc, "BT") {
		j.skip(t.line, t.name(c.pc), raw, "Northern Ireland postcode (separate LPS licence terms): not imported")
		return nil, false
	}
	code := func(i int) string {
		v, ok := cleanCode(t.get(i))
		if !ok {
			j.warn(t.line, t.name(i), t.get(i), "not an ONS area code")
		}
		return v
	}
	lsoa21, lsoa11, lad := code(c.lsoa21), code(c.lsoa11), code(c.lad)
	row := []any{j.vintage, pc, lsoa21, lsoa11, lad, code(c.sub), code(c.icb), code(c.rgn), nil, nil, t.get(c.doterm) != ""}
	lat, lng, ok, reason := parsePoint(t.get(c.lat), t.get(c.lng))
	if reason != "" {
		j.warn(t.line, t.name(c.lat), t.get(c.lat)+", "+t.get(c.lng), reason)
	}
	if ok {
		row[8], row[9] = lat, lng
	}
	areas.add(LevelLSOA, lsoa21, t.get(c.lsoaName), lad, "")
	areas.add(LevelLAD, lad, t.get(c.ladName), "", "")
	return row, true
}
