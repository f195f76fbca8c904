package geo

import (
	"context"
	"strings"

	"github.com/feedgauge/feedgauge/internal/postcode"
)

// mapCols are the columns of a practice → PCN → Sub-ICB → ICB map: NHS
// Digital's gp-reg-pat-prac-map.csv, or a geocoded copy (PRAC_LAT ...).
type mapCols struct {
	code, name, pc, lat, lng, pcn, pcnName          int
	sub, subODS, subName, icb, icbODS, icbName, ext int
}

func mapColumns(t *table) (mapCols, error) {
	c := mapCols{
		code:    t.col("practice_code", "prac_code"),
		name:    t.col("practice_name", "prac_name"),
		pc:      t.col("practice_postcode", "prac_postcode"),
		lat:     t.col("prac_lat", "practice_lat", "practice_latitude"),
		lng:     t.col("prac_lng", "prac_long", "practice_lng", "practice_longitude"),
		pcn:     t.col("pcn_code"),
		pcnName: t.col("pcn_name"),
		sub:     t.col("ons_sub_icb_location_code", "ons_loc_code", "ons_ccg_code"),
		subODS:  t.col("sub_icb_location_code", "loc_code", "ccg_code"),
		subName: t.col("sub_icb_location_name", "loc_name", "ccg_name"),
		icb:     t.col("ons_icb_code", "ons_stp_code"),
		icbODS:  t.col("icb_code", "stp_code"),
		icbName: t.col("icb_name", "stp_name"),
		ext:     t.col("extract_date"),
	}
	if err := t.need(c.code, "practice code", "PRACTICE_CODE", "PRAC_CODE"); err != nil {
		return c, err
	}
	return c, t.need(c.pcn, "PCN code", "PCN_CODE")
}

func importPracticeMap(ctx context.Context, j *job) error {
	out := newBatch(j.st, "geo_practices", colsPractices...)
	check := newPostcodeCheck()
	var areas *areaWriter
	var c mapCols
	pcCol := ""
	start := func(t *table) (err error) {
		c, err = mapColumns(t)
		pcCol = t.name(c.pc)
		return err
	}
	err := j.eachRow(false, start, func(t *table) error {
		if areas == nil {
			j.extractVintage(t.get(c.ext))
			areas = newAreaWriter("practice-map", j.vintage)
		}
		row, ok := j.mapRow(t, c, areas, check)
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
	if areas != nil {
		if err := areas.write(ctx, j.st); err != nil {
			return err
		}
	}
	return check.run(ctx, j, pcCol)
}

// extractVintage dates the file by its EXTRACT_DATE when its name has no
// month.
func (j *job) extractVintage(s string) {
	if j.monthKnown || s == "" {
		return
	}
	if d, ok := parseDate(s, false); ok {
		j.vintage, j.monthKnown = d.Format("2006-01-02"), true
		j.rep.Vintage = j.vintage
	}
}

func (j *job) mapRow(t *table, c mapCols, areas *areaWriter, check *postcodeCheck) ([]any, bool) {
	code := strings.ToUpper(t.get(c.code))
	if !practiceCode.MatchString(code) {
		j.skip(t.line, t.name(c.code), code, "not an ODS practice code")
		return nil, false
	}
	pcn := strings.ToUpper(t.get(c.pcn))
	if pcn == "U" {
		j.warn(t.line, t.name(c.pcn), pcn, "practice in no PCN (the file gives \"U\")")
		pcn = ""
	}
	if pcn != "" && !pcnCode.MatchString(pcn) {
		j.warn(t.line, t.name(c.pcn), pcn, "not a PCN code (U followed by 5 digits)")
		pcn = ""
	}
	sub, icb := j.onsOr(t, c.sub, c.subODS), j.onsOr(t, c.icb, c.icbODS)
	row := []any{"practice-map", j.vintage, code, t.get(c.name), "", nil, nil, 1, pcn, sub, icb}
	lat, lng, hasPoint, reason := parsePoint(t.get(c.lat), t.get(c.lng))
	if reason != "" {
		j.warn(t.line, t.name(c.lat), t.get(c.lat)+", "+t.get(c.lng), reason)
	}
	if hasPoint {
		row[5], row[6] = lat, lng
	}
	if pc, ok := postcode.Normalise(t.get(c.pc)); ok {
		row[4] = pc
		if !hasPoint {
			check.add(pc, t.line)
		}
	} else if t.get(c.pc) != "" {
		j.warn(t.line, t.name(c.pc), t.get(c.pc), "malformed postcode")
	}
	areas.add(LevelPCN, pcn, t.get(c.pcnName), sub, "")
	areas.add(LevelSubICB, sub, t.get(c.subName), icb, odsBeside(sub, t.get(c.subODS)))
	areas.add(LevelICB, icb, t.get(c.icbName), "", odsBeside(icb, t.get(c.icbODS)))
	return row, true
}

// onsOr prefers the ONS code (E38…, E54…) and falls back to the NHS code.
func (j *job) onsOr(t *table, ons, ods int) string {
	if v, ok := cleanCode(t.get(ons)); ok && v != "" {
		return v
	}
	return strings.ToUpper(t.get(ods))
}

// odsBeside keeps an NHS code only when it sits beside a different ONS code.
func odsBeside(code, ods string) string {
	if ods == code {
		return ""
	}
	return ods
}
