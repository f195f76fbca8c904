// Package dashboard renders the declarative dashboards of dashboards/: one
// YAML file per page naming its filters and panels. A panel names a named
// query, its parameters (which may refer to the page's filters), a chart
// type and the columns it draws. Loading checks every dashboard against the
// query catalogue and fails naming the file and line; running a dashboard
// loads its panels concurrently, each with its own timeout, so one failing
// panel never blanks a page.
package dashboard

import (
	"time"
)

// Chart types a panel may use.
const (
	ChartBar        = "bar"
	ChartStackedBar = "stacked_bar"
	ChartLine       = "line"
	ChartGauge      = "gauge"
	ChartTable      = "table"
	ChartMap        = "map"
	ChartNumber     = "number"
)

// DefaultTimeout bounds a panel's query when the panel sets none.
const DefaultTimeout = 10 * time.Second

// Dashboard is one page definition.
type Dashboard struct {
	Name        string // file name without .yaml
	File        string // e.g. dashboards/overview.yaml
	Title       string
	Description string
	// Requires lists queries the page needs; when one is missing from the
	// catalogue the page is switched off instead of failing start-up.
	Requires []string
	// Params are the values the page's route supplies ({{page.NAME}}).
	Params  []string
	Filters []*Filter
	Panels  []*Panel
	// Missing names the first required query that does not exist.
	Missing string
}

// Filter is one page filter, carried in the URL query string.
type Filter struct {
	Name    string   `yaml:"name"`
	Label   string   `yaml:"label"`
	Type    string   `yaml:"type"` // select, date, text
	Help    string   `yaml:"help"`
	Default string   `yaml:"default"`
	Options []Option `yaml:"options"`
	// AllLabel is the label of the empty choice of a select ("All places").
	AllLabel string `yaml:"all_label"`
	// Options may come from a query: its value and label columns.
	OptionsQuery  string            `yaml:"options_query"`
	OptionsParams map[string]string `yaml:"options_params"`
	OptionValue   string            `yaml:"option_value"`
	OptionLabel   string            `yaml:"option_label"`
	OptionGroup   string            `yaml:"option_group"`
	Line          int               `yaml:"-"`
}

// Option is one choice of a select filter.
type Option struct {
	Value string `yaml:"value"`
	Label string `yaml:"label"`
	Group string `yaml:"-"`
}

// Panel is one chart, figure or table of a page.
type Panel struct {
	ID          string            `yaml:"id"`
	Title       string            `yaml:"title"`
	Description string            `yaml:"description"`
	Query       string            `yaml:"query"`
	Params      map[string]string `yaml:"params"`
	Chart       string            `yaml:"chart"`
	X           string            `yaml:"x"`
	Y           []string          `yaml:"y"`
	Series      string            `yaml:"series"`
	Value       string            `yaml:"value"`
	Columns     []string          `yaml:"columns"`
	Labels      map[string]string `yaml:"labels"`
	Formats     map[string]string `yaml:"formats"`
	Links       map[string]string `yaml:"links"`
	Gap         *Gap              `yaml:"gap"`
	Map         *MapSpec          `yaml:"map"`
	// Sort orders the rows by a column before drawing: "col" ascending,
	// "-col" descending; "no data" sorts last either way.
	Sort string `yaml:"sort"`
	// Row picks the row a number or gauge shows: first (default) or last.
	Row string `yaml:"row"`
	// Compare, for a number, shows the change from the row before Row.
	Compare    bool    `yaml:"compare"`
	Max        float64 `yaml:"max"`
	Horizontal bool    `yaml:"horizontal"`
	// Colors are the series colours, in order (default: Palette).
	Colors      []string      `yaml:"colors"`
	Width       string        `yaml:"width"` // full (default), half, third
	Empty       string        `yaml:"empty"` // words shown when there are no rows
	TimeoutText string        `yaml:"timeout"`
	Timeout     time.Duration `yaml:"-"`
	Line        int           `yaml:"-"`
}

// Gap marks table rows red (with the word "gap") when a column's value is
// below a threshold or has no data: coverage gaps.
type Gap struct {
	Column string  `yaml:"column"`
	Below  float64 `yaml:"below"`
	Label  string  `yaml:"label"`
}

// MapSpec says how a map panel joins its rows to boundaries.
type MapSpec struct {
	Level  string            `yaml:"level"` // lsoa, lad or pcn
	Area   string            `yaml:"area"`  // the column holding the area code
	Params map[string]string `yaml:"params"`
}

// Labels turn ids into words for the check and activity_type formats.
type Labels struct {
	Checks        map[string]string // sp.9 → Photo
	ActivityTypes map[string]string // concept @id → prefLabel
}

// Set is every loaded dashboard by name.
type Set struct {
	byName map[string]*Dashboard
	names  []string
}

// Get returns a dashboard by name, or nil.
func (s *Set) Get(name string) *Dashboard {
	if s == nil {
		return nil
	}
	return s.byName[name]
}

// Names lists the loaded dashboards, sorted.
func (s *Set) Names() []string { return append([]string(nil), s.names...) }

// Panel returns a panel by id, or nil.
func (d *Dashboard) Panel(id string) *Panel {
	for _, p := range d.Panels {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// Filter returns a filter by name, or nil.
func (d *Dashboard) Filter(name string) *Filter {
	for _, f := range d.Filters {
		if f.Name == name {
			return f
		}
	}
	return nil
}
