package dashboard

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/feedgauge/feedgauge/internal/query"
)

// mapChart draws a choropleth: the rows' values by area code over the
// boundaries served at /api/v1/geo/LEVEL.geojson (registered by charts.js).
func mapChart(p *Panel, data *query.Result, v Vars) (map[string]any, string, string) {
	ai, vi := colIndexOf(data, p.Map.Area), colIndexOf(data, p.Value)
	ni := colIndexOf(data, "area_name")
	name := "fg_" + p.Map.Level + "_" + p.ID
	m := charts.NewMap()
	m.RegisterMapType(name)
	var items []opts.MapData
	names := map[string]string{}
	hi, lo := 0.0, 0.0
	for k, row := range data.Rows {
		f, ok := number(row[vi])
		if !ok {
			continue // no data: the area stays grey
		}
		code := query.Cell(row[ai])
		items = append(items, opts.MapData{Name: code, Value: f})
		if ni >= 0 && row[ni] != nil {
			names[code] = query.Cell(row[ni])
		}
		if k == 0 || f > hi {
			hi = f
		}
		if k == 0 || f < lo {
			lo = f
		}
	}
	label := labelFor(p, data.Columns[vi])
	m.SetGlobalOptions(append(common(p.Colors)[:3],
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(true), Min: float32(min(lo, 0)), Max: float32(max(hi, 1)),
			Text: []string{"more", "fewer"}, InRange: &opts.VisualMapInRange{Color: []string{"#deebf7", "#6baed6", "#08519c"}}}))...)
	border := opts.ItemStyle{BorderColor: "#ffffff", BorderWidth: 0.5}
	if p.Map.Level != "lsoa" {
		border.BorderColor = "rgba(0,0,0,0)" // merged areas: hide the LSOA edges inside them
	}
	m.AddSeries(label, items, charts.WithItemStyleOpts(border))
	obj := plain(m.JSON())
	obj["legend"] = map[string]any{"show": false}
	if ss, ok := obj["series"].([]any); ok && len(ss) == 1 {
		ss[0].(map[string]any)["showLegendSymbol"] = false // no dot in every area
	}
	obj["fgMap"] = map[string]any{"names": names, "label": label}
	q := url.Values{}
	for k, t := range p.Map.Params {
		if val, ok := v.expand(t); ok {
			q.Set(k, val)
		}
	}
	mapURL := "/api/v1/geo/" + p.Map.Level + ".geojson"
	if enc := q.Encode(); enc != "" {
		mapURL += "?" + enc
	}
	summary := fmt.Sprintf("Map of %s by %s: %d areas, from %s to %s. The data table lists every area.",
		strings.ToLower(label), levelWords[p.Map.Level], len(items), Dec1(lo), Dec1(hi))
	return obj, summary, mapURL
}

var levelWords = map[string]string{"lsoa": "LSOA", "lad": "local authority", "pcn": "PCN"}

// plain turns go-echarts' option object into plain maps and slices, so
// options go-echarts does not model can be set.
func plain(obj map[string]any) map[string]any {
	b, err := json.Marshal(obj)
	if err != nil {
		return obj
	}
	var out map[string]any
	if json.Unmarshal(b, &out) != nil {
		return obj
	}
	return out
}
