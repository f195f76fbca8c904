package geo

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/paulmach/orb"
)

var (
	lsoaCodeProps = []string{"lsoa21cd", "lsoa11cd", "lsoacd", "lsoacode", "areacode", "code", "lsoa21", "lsoa11"}
	lsoaNameProps = []string{"lsoa21nm", "lsoa11nm", "lsoanm", "lsoaname", "areaname", "name"}
)

// prop finds a feature property by normalised name; it returns the value
// as text and the key that matched.
func prop(props map[string]any, names []string) (string, string) {
	for _, n := range names {
		for k, v := range props {
			if normName(k) == n && v != nil {
				return strings.TrimSpace(fmt.Sprint(v)), normName(k)
			}
		}
	}
	return "", ""
}

func importBoundaries(ctx context.Context, j *job) error {
	f, err := j.open()
	if err != nil {
		return err
	}
	defer f.Close()
	fr, err := newFeatureReader(j.file, f)
	if err != nil {
		return err
	}
	out := newBatch(j.st, "geo_lsoa_boundaries", colsBoundaries...)
	areas := newAreaWriter("lsoa-boundaries", j.vintage)
	seen := map[string]int{}
	for {
		feat, line, ok, err := fr.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		j.rep.Read++
		row, ok := j.boundaryRow(feat, line, fr.column(), seen)
		if !ok {
			continue
		}
		if err := out.add(ctx, row...); err != nil {
			return err
		}
		areas.add(LevelLSOA, row[1].(string), row[2].(string), "", "")
		j.rep.Imported++
	}
	if err := out.flush(ctx); err != nil {
		return err
	}
	fr.lines.r.(*textReader).notes(j.rep)
	return areas.write(ctx, j.st)
}

func (j *job) boundaryRow(feat rawFeature, line int, col string, seen map[string]int) ([]any, bool) {
	code, key := prop(feat.Properties, lsoaCodeProps)
	if code == "" {
		j.skip(line, col+".properties", "", "no LSOA code property (looked for LSOA21CD, LSOA11CD, area_code, code)")
		return nil, false
	}
	if !lsoaCode.MatchString(code) {
		j.skip(line, col+".properties."+key, code, notLSOA(code))
		return nil, false
	}
	if first, dup := seen[code]; dup {
		j.skip(line, col, code, fmt.Sprintf("LSOA code repeated (first at line %d); the first feature is kept", first))
		return nil, false
	}
	if feat.Geometry == nil {
		j.skip(line, col+".geometry", code, "feature has no geometry")
		return nil, false
	}
	mp, ok := j.geometry(feat.Geometry, line, col+".geometry", code)
	if !ok {
		return nil, false
	}
	seen[code] = line
	name, _ := prop(feat.Properties, lsoaNameProps)
	geom, _ := json.Marshal(map[string]any{"type": "MultiPolygon", "coordinates": mp})
	b := mp.Bound()
	return []any{j.vintage, code, name, j.edition(key), string(geom), b.Min[0], b.Min[1], b.Max[0], b.Max[1]}, true
}

// geometry decodes and checks a feature's polygons, reporting why it
// cannot be used or what was repaired.
func (j *job) geometry(g *rawGeometry, line int, col, code string) (orb.MultiPolygon, bool) {
	mp, err := g.multiPolygon()
	if err != nil {
		j.skip(line, col, code, err.Error())
		return nil, false
	}
	var clean orb.MultiPolygon
	for _, p := range mp {
		p, why, note := cleanPolygon(p)
		if why != "" {
			j.skip(line, col, code, why)
			return nil, false
		}
		if note != "" {
			j.warn(line, col, code, note)
		}
		if p != nil {
			clean = append(clean, p)
		}
	}
	if len(clean) == 0 {
		j.skip(line, col, code, "polygon has no area")
		return nil, false
	}
	return clean, true
}

// notLSOA says what a code is when it is not an LSOA code.
func notLSOA(code string) string {
	switch levelOfCode(code) {
	case LevelLAD:
		return "a local authority code, not an LSOA code (is this a LAD boundary file?)"
	case LevelICB, LevelSubICB:
		return "an NHS area code, not an LSOA code (is this an ICB or Sub-ICB boundary file?)"
	}
	if pcnCode.MatchString(code) {
		return "a PCN code, not an LSOA code (is this a PCN boundary file?)"
	}
	return "not an LSOA code (E01… or W01…)"
}

// edition tells LSOA 2011 from 2021 by the property name, else the file
// name; 2021 by default.
func (j *job) edition(key string) string {
	switch {
	case strings.Contains(key, "11"):
		return "2011"
	case strings.Contains(key, "21"):
		return "2021"
	}
	name := strings.ToLower(j.file)
	if strings.Contains(name, "lsoa11") || strings.Contains(name, "2011") {
		return "2011"
	}
	return "2021"
}
