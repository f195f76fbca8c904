package dashboard

import (
	"fmt"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/feedgauge/feedgauge/internal/query"
)

// Palette: colours with at least 3:1 contrast on white for chart marks
// (WCAG 2.2 non-text contrast), distinguishable in common colour blindness.
var Palette = []string{"#1d70b8", "#00703c", "#d4351c", "#4c2c92", "#b58840", "#28a197", "#d53880", "#505a5f"}

// ragColours colour bars by a row's rag column (green, amber, red).
var ragColours = map[string]string{"green": "#00703c", "amber": "#b35c00", "red": "#d4351c"}

// buildChart builds the echarts option object with go-echarts and the
// chart's text summary. For a map it also returns the boundary URL.
func buildChart(p *Panel, data *query.Result, v Vars, labels *Labels) (map[string]any, string, string) {
	switch p.Chart {
	case ChartGauge:
		return gaugeChart(p, data, labels)
	case ChartMap:
		return mapChart(p, data, v)
	}
	return xyChart(p, data, labels)
}

func common(colours []string) []charts.GlobalOpts {
	if len(colours) == 0 {
		colours = Palette
	}
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{AssetsHost: "/static/vendor/"}),
		charts.WithColorsOpts(opts.Colors(colours)),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "bottom"}),
	}
}

// series is one line or bar set.
type series struct {
	name   string
	values []any
	colour []string
}

// xySeries pivots rows into categories and series: one series per y
// column, or per distinct value of the series column.
func xySeries(p *Panel, data *query.Result, labels *Labels) ([]string, []series) {
	xi := colIndexOf(data, p.X)
	xf := formatFor(p, data.Columns[xi])
	var cats []string
	catIdx := map[string]int{}
	for _, row := range data.Rows {
		c := Format(row[xi], xf, labels)
		if _, ok := catIdx[c]; !ok {
			catIdx[c] = len(cats)
			cats = append(cats, c)
		}
	}
	ragi := colIndexOf(data, "rag")
	var out []series
	if p.Series != "" {
		si, yi := colIndexOf(data, p.Series), colIndexOf(data, p.Y[0])
		byName := map[string]int{}
		for _, row := range data.Rows {
			name := Format(row[si], formatFor(p, data.Columns[si]), labels)
			k, ok := byName[name]
			if !ok {
				k = len(out)
				byName[name] = k
				out = append(out, series{name: name, values: make([]any, len(cats))})
			}
			out[k].values[catIdx[Format(row[xi], xf, labels)]] = row[yi]
		}
		return cats, out
	}
	for _, y := range p.Y {
		yi := colIndexOf(data, y)
		s := series{name: labelFor(p, data.Columns[yi]), values: make([]any, len(cats))}
		for _, row := range data.Rows {
			s.values[catIdx[Format(row[xi], xf, labels)]] = row[yi]
			if ragi >= 0 {
				s.colour = append(s.colour, ragColours[query.Cell(row[ragi])])
			}
		}
		out = append(out, s)
	}
	return cats, out
}

func xyChart(p *Panel, data *query.Result, labels *Labels) (map[string]any, string, string) {
	cats, ss := xySeries(p, data, labels)
	xName := labelFor(p, data.Columns[colIndexOf(data, p.X)])
	g := append(common(p.Colors),
		// A horizontal bar lists the first row at the top.
		charts.WithXAxisOpts(opts.XAxis{Name: xName, NameLocation: "middle", NameGap: 30, Inverse: opts.Bool(p.Horizontal)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value"}),
		charts.WithGridOpts(opts.Grid{Left: "56", Right: "24", Bottom: "80", ContainLabel: opts.Bool(true)}))
	var c interface{ JSON() map[string]any }
	if p.Chart == ChartLine {
		line := charts.NewLine()
		line.SetGlobalOptions(g...)
		line.SetXAxis(cats)
		for _, s := range ss {
			line.AddSeries(s.name, lineData(s), charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(len(cats) <= 60)}))
		}
		line.Validate()
		c = line
	} else {
		bar := charts.NewBar()
		bar.SetGlobalOptions(g...)
		bar.SetXAxis(cats)
		for _, s := range ss {
			bo := opts.BarChart{}
			if p.Chart == ChartStackedBar {
				bo.Stack = "total"
			}
			bar.AddSeries(s.name, barData(s), charts.WithBarChartOpts(bo))
		}
		if p.Horizontal {
			bar.XYReversal() // swapped by Validate
		}
		bar.Validate()
		c = bar
	}
	return c.JSON(), xySummary(p, xName, cats, ss), ""
}

func lineData(s series) []opts.LineData {
	out := make([]opts.LineData, len(s.values))
	for i, v := range s.values {
		out[i] = opts.LineData{Value: v}
	}
	return out
}

func barData(s series) []opts.BarData {
	out := make([]opts.BarData, len(s.values))
	for i, v := range s.values {
		out[i] = opts.BarData{Value: v}
		if i < len(s.colour) && s.colour[i] != "" {
			out[i].ItemStyle = &opts.ItemStyle{Color: s.colour[i]}
		}
	}
	return out
}

func gaugeChart(p *Panel, data *query.Result, labels *Labels) (map[string]any, string, string) {
	i := colIndexOf(data, p.Value)
	row := data.Rows[0]
	if p.Row == "last" {
		row = data.Rows[len(data.Rows)-1]
	}
	val, _ := number(row[i])
	max := p.Max
	if max == 0 {
		max = 100
	}
	label := labelFor(p, data.Columns[i])
	g := charts.NewGauge().SetGlobalOptions(common(p.Colors)...)
	g.AddSeries(label, []opts.GaugeData{{Name: label, Value: val}})
	obj := g.JSON()
	if s, ok := obj["series"].([]charts.SingleSeries); ok && len(s) == 1 {
		s[0].Max = int(max)
	}
	text := Format(row[i], formatFor(p, data.Columns[i]), labels)
	return obj, fmt.Sprintf("Gauge: %s is %s out of %s.", label, text, Dec1(max)), ""
}

// xySummary describes a chart in words for screen readers: what is drawn
// and its first and last points (or every bar when there are few).
func xySummary(p *Panel, xName string, cats []string, ss []series) string {
	kind := map[string]string{ChartLine: "Line chart", ChartBar: "Bar chart", ChartStackedBar: "Stacked bar chart"}[p.Chart]
	var names []string
	for _, s := range ss {
		names = append(names, s.name)
	}
	b := &strings.Builder{}
	fmt.Fprintf(b, "%s of %s by %s, %d points.", kind, strings.Join(names, ", "), strings.ToLower(xName), len(cats))
	point := func(i int) string {
		var parts []string
		for _, s := range ss {
			parts = append(parts, s.name+" "+Format(s.values[i], "", nil))
		}
		return cats[i] + ": " + strings.Join(parts, ", ")
	}
	if len(cats) <= 6 {
		for i := range cats {
			fmt.Fprintf(b, " %s.", point(i))
		}
	} else {
		fmt.Fprintf(b, " First %s. Last %s.", point(0), point(len(cats)-1))
	}
	b.WriteString(" The data table gives every value.")
	return b.String()
}
