package webtest

import (
	"context"
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// Area is one area of the synthetic geography.
type Area struct {
	Code, Name string
	LAD, PCN   string // parents (LSOAs and PCNs)
	Population int
	// Square of an LSOA, in degrees.
	MinLng, MinLat, MaxLng, MaxLat float64
}

// Geography is two local authorities of one ICB and region, three PCNs
// each, and a grid of 6 × 5 square LSOAs per local authority.
type Geography struct {
	Region, ICB string
	SubICB      map[string]string // LAD → Sub-ICB
	LADs        []Area
	PCNs        []Area
	LSOAs       []Area
}

// Codes of the synthetic geography.
const (
	Region   = "E12000002"
	ICB      = "E54000057"
	Trafford = "E08000009"
	Salford  = "E08000006"
)

func newGeography() *Geography {
	g := &Geography{Region: Region, ICB: ICB, SubICB: map[string]string{Trafford: "E38000187", Salford: "E38000143"}}
	g.LADs = []Area{{Code: Trafford, Name: "Trafford", Population: 236_000}, {Code: Salford, Name: "Salford", Population: 275_000}}
	pcnNames := []string{"North", "Central", "South"}
	n := 0
	for li, lad := range g.LADs {
		for p, pn := range pcnNames {
			code := fmt.Sprintf("U%05d", 10000+li*10+p)
			g.PCNs = append(g.PCNs, Area{Code: code, Name: lad.Name + " " + pn + " PCN", LAD: lad.Code, Population: 38_000 + 9_000*p + 5_000*li})
		}
		for row := 0; row < 5; row++ {
			for col := 0; col < 6; col++ {
				n++
				lng, lat := -2.45+float64(li)*0.07+float64(col)*0.01, 53.40+float64(row)*0.01
				g.LSOAs = append(g.LSOAs, Area{Code: fmt.Sprintf("E0100%04d", n), Name: fmt.Sprintf("%s %03d%c", lad.Name, row*6+col+1, 'A'+rune(col%4)),
					LAD: lad.Code, PCN: g.PCNs[li*3+col/2].Code, MinLng: lng, MinLat: lat, MaxLng: lng + 0.01, MaxLat: lat + 0.01})
			}
		}
	}
	return g
}

// write stores the geography in the tables `feedgauge import geo` fills.
func (g *Geography) write(ctx context.Context, st store.Store) error {
	const vintage = "webtest"
	var areas, lookup, lsoaPCN, bounds, index, pops [][]any
	add := func(level, code, name, parent string) {
		areas = append(areas, []any{level, code, "webtest", vintage, name, parent, ""})
	}
	idx := func(level, code, name string, places ...string) {
		for _, p := range places {
			index = append(index, []any{1, level, code, p, name})
		}
	}
	add("region", g.Region, "North West", "")
	add("icb", g.ICB, "NHS Greater Manchester Integrated Care Board", g.Region)
	idx("region", g.Region, "North West", g.Region)
	idx("icb", g.ICB, "NHS Greater Manchester Integrated Care Board", g.ICB, g.Region)
	period := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	for _, l := range g.LADs {
		sub := g.SubICB[l.Code]
		add("lad", l.Code, l.Name, "")
		add("sub_icb", sub, "NHS Greater Manchester ICB - "+l.Name, g.ICB)
		idx("lad", l.Code, l.Name, l.Code, sub, g.ICB, g.Region)
		idx("sub_icb", sub, "NHS Greater Manchester ICB - "+l.Name, sub, l.Code, g.ICB, g.Region)
		pops = append(pops, []any{"resident", "lad", l.Code, period, l.Population, vintage},
			[]any{"resident", "sub_icb", sub, period, l.Population, vintage})
	}
	pops = append(pops, []any{"resident", "icb", g.ICB, period, 2_900_000, vintage})
	for _, p := range g.PCNs {
		add("pcn", p.Code, p.Name, g.SubICB[p.LAD])
		idx("pcn", p.Code, p.Name, p.Code, p.LAD, g.SubICB[p.LAD], g.ICB, g.Region)
		pops = append(pops, []any{"registered", "pcn", p.Code, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), p.Population, vintage})
	}
	for _, a := range g.LSOAs {
		add("lsoa", a.Code, a.Name, a.LAD)
		lookup = append(lookup, []any{vintage, a.Code, a.LAD, g.SubICB[a.LAD], g.ICB, g.Region})
		lsoaPCN = append(lsoaPCN, []any{vintage, a.Code, a.PCN, 1.0})
		geom := fmt.Sprintf(`{"type":"MultiPolygon","coordinates":[[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]]}`,
			a.MinLng, a.MinLat, a.MaxLng, a.MinLat, a.MaxLng, a.MaxLat, a.MinLng, a.MaxLat, a.MinLng, a.MinLat)
		bounds = append(bounds, []any{vintage, a.Code, a.Name, "2021", geom, a.MinLng, a.MinLat, a.MaxLng, a.MaxLat})
	}
	tables := []struct {
		name string
		cols []string
		rows [][]any
	}{
		{"geo_areas", []string{"level", "code", "source", "vintage", "name", "parent", "ods_code"}, areas},
		{"geo_lsoa_lookup", []string{"vintage", "lsoa", "lad", "sub_icb", "icb", "region"}, lookup},
		{"geo_lsoa_pcn", []string{"vintage", "lsoa", "pcn", "share"}, lsoaPCN},
		{"geo_lsoa_boundaries", []string{"vintage", "lsoa", "name", "edition", "geometry", "min_lng", "min_lat", "max_lng", "max_lat"}, bounds},
		{"geo_area_index", []string{"generation", "level", "code", "place", "name"}, index},
		{"geo_populations", []string{"basis", "level", "code", "period", "population", "vintage"}, pops},
	}
	for _, t := range tables {
		if err := st.Insert(ctx, t.name, t.cols, t.rows); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	return nil
}
