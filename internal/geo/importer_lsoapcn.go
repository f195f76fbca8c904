package geo

import (
	"context"
	"strconv"
	"strings"
)

// importLSOAPCN reads an LSOA-to-PCN table: one PCN per LSOA (share 1), or
// several with the share of the LSOA's registered patients.
func importLSOAPCN(ctx context.Context, j *job) error {
	out := newBatch(j.st, "geo_lsoa_pcn", colsLSOAPCN...)
	areas := newAreaWriter("lsoa-pcn", j.vintage)
	var lsoaC, pcnC, nameC, shareC int
	start := func(t *table) error {
		lsoaC = t.col("lsoa21cd", "lsoa11cd", "lsoa_code", "lsoacd", "lsoa21", "lsoa11", "lsoa")
		pcnC, nameC = t.col("pcn_code", "pcncode", "pcn"), t.col("pcn_name", "pcnname")
		shareC = t.col("share", "pct", "proportion", "percent", "percentage")
		if err := t.need(lsoaC, "LSOA code", "LSOA21CD", "LSOA11CD", "LSOA_CODE"); err != nil {
			return err
		}
		return t.need(pcnC, "PCN code", "PCN_Code", "PCN_CODE")
	}
	err := j.eachRow(false, start, func(t *table) error {
		lsoa, pcn := strings.ToUpper(t.get(lsoaC)), strings.ToUpper(t.get(pcnC))
		switch {
		case !lsoaCode.MatchString(lsoa):
			j.skip(t.line, t.name(lsoaC), lsoa, notLSOA(lsoa))
			return nil
		case !pcnCode.MatchString(pcn):
			j.skip(t.line, t.name(pcnC), pcn, "not a PCN code (U followed by 5 digits)")
			return nil
		}
		share, ok := j.share(t, shareC)
		if !ok {
			return nil
		}
		areas.add(LevelPCN, pcn, t.get(nameC), "", "")
		j.rep.Imported++
		return out.add(ctx, j.vintage, lsoa, pcn, share)
	})
	if err != nil {
		return err
	}
	if err := out.flush(ctx); err != nil {
		return err
	}
	return areas.write(ctx, j.st)
}

// share reads the optional share column: 1 when there is none.
func (j *job) share(t *table, c int) (float64, bool) {
	if c < 0 {
		return 1, true
	}
	raw := strings.TrimSuffix(t.get(c), "%")
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || v < 0 {
		j.skip(t.line, t.name(c), t.get(c), "share is not a number of 0 or more")
		return 0, false
	}
	return v, true
}
