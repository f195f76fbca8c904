package dashboard

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/feedgauge/feedgauge/internal/query"
)

var (
	idRE        = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	colourRE    = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
	chartTypes  = keySet(ChartBar, ChartStackedBar, ChartLine, ChartGauge, ChartTable, ChartMap, ChartNumber)
	filterTypes = keySet("select", "date", "text")
	widths      = keySet("", "full", "half", "third")
	mapLevels   = keySet("lsoa", "lad", "pcn")
)

// Validate checks the dashboard against the catalogue: every query exists,
// every parameter exists and literal values are valid, every column named
// exists, every {{filter.X}} names a filter. A dashboard whose `requires`
// names a missing query is switched off (Missing is set) rather than failed.
func (d *Dashboard) Validate(cat *query.Catalog) error {
	for _, q := range d.Requires {
		if _, err := cat.Get(q); err != nil {
			d.Missing = q
			return nil
		}
	}
	seen := map[string]bool{}
	for _, f := range d.Filters {
		if seen[f.Name] {
			return fmt.Errorf("%s:%d: filter %q is declared twice", d.File, f.Line, f.Name)
		}
		seen[f.Name] = true
		if err := d.validateFilter(cat, f); err != nil {
			return fmt.Errorf("%s:%d: filter %s: %w", d.File, f.Line, f.Name, err)
		}
	}
	ids := map[string]bool{}
	for _, p := range d.Panels {
		if ids[p.ID] {
			return fmt.Errorf("%s:%d: panel id %q is used twice", d.File, p.Line, p.ID)
		}
		ids[p.ID] = true
		if err := d.validatePanel(cat, p); err != nil {
			return fmt.Errorf("%s:%d: panel %s: %w", d.File, p.Line, p.ID, err)
		}
	}
	return nil
}

func (d *Dashboard) validateFilter(cat *query.Catalog, f *Filter) error {
	if !idRE.MatchString(f.Name) {
		return fmt.Errorf("name %q must be lower case letters, digits and _", f.Name)
	}
	if !filterTypes[f.Type] {
		return fmt.Errorf("type %q: use select, date or text", f.Type)
	}
	if f.OptionsQuery == "" {
		if f.Type == "select" && len(f.Options) == 0 {
			return fmt.Errorf("a select needs options or options_query")
		}
		return nil
	}
	def, err := cat.Get(f.OptionsQuery)
	if err != nil {
		return err
	}
	if f.OptionValue == "" || f.OptionLabel == "" {
		return fmt.Errorf("options_query needs option_value and option_label")
	}
	for _, c := range []string{f.OptionValue, f.OptionLabel, f.OptionGroup} {
		if c != "" {
			if _, ok := def.Column(c); !ok {
				return fmt.Errorf("query %s has no column %q (columns: %s)", def.Name, c, columnNames(def))
			}
		}
	}
	return d.validateParams(def, f.OptionsParams, "options_params")
}

func (d *Dashboard) validatePanel(cat *query.Catalog, p *Panel) error {
	if !idRE.MatchString(p.ID) {
		return fmt.Errorf("id %q must be lower case letters, digits and _", p.ID)
	}
	if p.Title == "" {
		return fmt.Errorf("no title")
	}
	if !chartTypes[p.Chart] {
		return fmt.Errorf("chart %q: use one of bar, stacked_bar, line, gauge, table, map, number", p.Chart)
	}
	if !widths[p.Width] {
		return fmt.Errorf("width %q: use full, half or third", p.Width)
	}
	def, err := cat.Get(p.Query)
	if err != nil {
		return err
	}
	if err := d.validateParams(def, p.Params, "params"); err != nil {
		return err
	}
	if err := validateChart(p); err != nil {
		return err
	}
	return d.validateColumns(def, p)
}

// validateParams checks names, references and literal values of a
// parameter map by binding it with sample values in place of references.
func (d *Dashboard) validateParams(def *query.Def, params map[string]string, where string) error {
	sample := map[string]string{}
	for _, k := range sortedKeys(params) {
		v := params[k]
		if def.ParamMap[k] == nil {
			return fmt.Errorf("%s: query %s has no parameter %q", where, def.Name, k)
		}
		if err := d.checkRefs(v, nil, where+"."+k); err != nil {
			return err
		}
		if len(refs(v)) == 0 {
			sample[k] = v
		}
	}
	for _, p := range def.Params {
		if _, given := params[p.Name]; p.Default == nil && !given {
			return fmt.Errorf("%s: query %s needs parameter %s", where, def.Name, p.Name)
		}
		if _, lit := sample[p.Name]; !lit && p.Default == nil {
			sample[p.Name] = sampleValue(p)
		}
	}
	if _, err := def.Bind(sample); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	return nil
}

func sampleValue(p *query.Param) string {
	switch p.Type {
	case "int":
		if p.Min != nil {
			return fmt.Sprint(*p.Min)
		}
		return "1"
	case "time":
		return "2026-01-01"
	case "quarter":
		return "2026Q1"
	case "bool":
		return "true"
	case "enum":
		return p.Values[0]
	}
	return "x"
}

func validateChart(p *Panel) error {
	switch p.Chart {
	case ChartBar, ChartStackedBar, ChartLine:
		if p.X == "" || len(p.Y) == 0 {
			return fmt.Errorf("a %s chart needs x and y", p.Chart)
		}
		if p.Series != "" && len(p.Y) != 1 {
			return fmt.Errorf("with series, y names one column")
		}
	case ChartGauge, ChartNumber:
		if p.Value == "" {
			return fmt.Errorf("a %s needs value", p.Chart)
		}
	case ChartMap:
		if p.Map == nil || !mapLevels[p.Map.Level] || p.Map.Area == "" || p.Value == "" {
			return fmt.Errorf("a map needs value and map: {level: lsoa|lad|pcn, area: COLUMN}")
		}
	}
	for _, c := range p.Colors {
		if !colourRE.MatchString(c) {
			return fmt.Errorf("colors: %q is not a colour like #1d70b8", c)
		}
	}
	if p.Row != "" && p.Row != "first" && p.Row != "last" {
		return fmt.Errorf("row %q: use first or last", p.Row)
	}
	return nil
}

func (d *Dashboard) validateColumns(def *query.Def, p *Panel) error {
	cols := map[string]bool{}
	for _, c := range def.Columns {
		cols[c.Name] = true
	}
	named := append(append([]string{p.X, p.Series, p.Value, strings.TrimPrefix(p.Sort, "-")}, p.Y...), p.Columns...)
	if p.Gap != nil {
		named = append(named, p.Gap.Column)
	}
	if p.Map != nil {
		named = append(named, p.Map.Area)
	}
	named = append(append(append(named, sortedKeys(p.Labels)...), sortedKeys(p.Formats)...), sortedKeys(p.Links)...)
	for _, c := range named {
		if c != "" && !cols[c] {
			return fmt.Errorf("query %s has no column %q (columns: %s)", def.Name, c, columnNames(def))
		}
	}
	for col, f := range p.Formats {
		if !formats[f] {
			return fmt.Errorf("formats.%s: unknown format %q (formats: %s)", col, f, strings.Join(sortedKeys(formatsDoc), ", "))
		}
	}
	for col, l := range p.Links {
		if err := d.checkRefs(l, cols, "links."+col); err != nil {
			return err
		}
	}
	if p.Map != nil {
		for k, v := range p.Map.Params {
			if k != "place" {
				return fmt.Errorf("map.params: only place is passed to the boundaries")
			}
			if err := d.checkRefs(v, nil, "map.params.place"); err != nil {
				return err
			}
		}
	}
	return nil
}

func columnNames(def *query.Def) string {
	n := make([]string, len(def.Columns))
	for i, c := range def.Columns {
		n[i] = c.Name
	}
	return strings.Join(n, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
