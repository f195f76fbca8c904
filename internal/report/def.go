package report

import "github.com/feedgauge/feedgauge/internal/query"

// Def is one workbook, read from reports/<name>.yaml.
type Def struct {
	Name        string      `yaml:"-"`
	File        string      `yaml:"-"`
	Title       string      `yaml:"title"`
	Description string      `yaml:"description"`
	Filename    string      `yaml:"filename"`
	Params      []*ParamDef `yaml:"-"`
	ParamMap    paramMap    `yaml:"params"`
	Snapshot    SnapshotDef `yaml:"snapshot"`
	Sheets      []*SheetDef `yaml:"sheets"`
	set         *Set        // the set the workbook was loaded into
	provenance  *query.Def  // report_provenance
	lookups     map[string]*query.Def
}

// ParamDef is one report parameter (`--param k=v`, `?k=v`).
type ParamDef struct {
	Name        string   `yaml:"-"`
	Type        string   `yaml:"type"` // string, enum, quarter
	Default     *string  `yaml:"default"`
	Values      []string `yaml:"values"`
	Description string   `yaml:"description"`
	// Lookup names a query run with this parameter's value (as the query
	// parameter of the same name, or LookupParam); no row means the value
	// does not exist, and the row's columns become ${name.column}.
	Lookup      string `yaml:"lookup"`
	LookupParam string `yaml:"lookup_param"`
	// Missing is the message when the lookup finds nothing; ${value} is the
	// value given.
	Missing string `yaml:"missing"`
	line    int
}

// SnapshotDef says which snapshot the workbook is "as at": the latest
// complete snapshot within [From, To] (templates), and optionally the one
// within [PreviousFrom, PreviousTo] that changes are measured against.
type SnapshotDef struct {
	From         string `yaml:"from"`
	To           string `yaml:"to"`
	Period       string `yaml:"period"` // named in "no data for …" errors
	PreviousFrom string `yaml:"previous_from"`
	PreviousTo   string `yaml:"previous_to"`
	line         int
}

// SheetDef is one worksheet: a named query rendered as a table.
type SheetDef struct {
	Name       string       `yaml:"name"`
	Title      string       `yaml:"title"`
	Intro      []string     `yaml:"intro"`
	Query      string       `yaml:"query"`
	Params     lineMap      `yaml:"params"`
	Columns    []*ColumnDef `yaml:"columns"`
	Freeze     *bool        `yaml:"freeze"`
	AutoFilter *bool        `yaml:"autofilter"`
	Stream     bool         `yaml:"stream"`
	Optional   bool         `yaml:"optional"`
	Portrait   bool         `yaml:"portrait"`
	NoData     *string      `yaml:"no_data"` // shown for "no data"; default "no data"
	Empty      string       `yaml:"empty"`   // shown when the query returns no rows
	Charts     []*ChartDef  `yaml:"charts"`
	line       int
	query      *query.Def // nil when an optional sheet's query does not exist
	sheetName  string     // sanitised
}

// ColumnDef is one column of a sheet, taken from a query column.
type ColumnDef struct {
	Column      string            `yaml:"column"`
	Header      string            `yaml:"header"`
	Width       float64           `yaml:"width"`
	Format      string            `yaml:"format"`
	FormatBy    string            `yaml:"format_by"` // a query column whose value picks a format
	Formats     map[string]string `yaml:"formats"`
	RAG         string            `yaml:"rag"` // grade, rag, score, change
	Transform   string            `yaml:"transform"`
	Wrap        bool              `yaml:"wrap"`
	Align       string            `yaml:"align"`   // left, center, right
	NoData      *string           `yaml:"no_data"` // overrides the sheet's
	Conditional []*CondDef        `yaml:"conditional"`
	line        int
	index       int // position in the query's columns
	byIndex     int // position of FormatBy, -1 when unused
}

// CondDef is one conditional format on a column: cells whose value meets
// Op Value are coloured.
type CondDef struct {
	Op     string `yaml:"op"` // >=, >, <=, <, ==, !=
	Value  string `yaml:"value"`
	Colour string `yaml:"colour"` // green, amber, red
	line   int
}

// ChartDef is a native Excel chart drawn from the sheet's own table.
type ChartDef struct {
	Type       string   `yaml:"type"` // col, col_stacked, bar, line
	Title      string   `yaml:"title"`
	Categories string   `yaml:"categories"` // a sheet column
	Series     []string `yaml:"series"`     // sheet columns
	Cell       string   `yaml:"cell"`       // top-left anchor; default right of the table
	Width      uint     `yaml:"width"`
	Height     uint     `yaml:"height"`
	YTitle     string   `yaml:"y_title"`
	line       int
}

// SheetNames lists the sheet names of the workbook as written
// (sanitised), the Method sheet last.
func (d *Def) SheetNames() []string {
	var out []string
	for _, s := range d.Sheets {
		out = append(out, s.sheetName)
	}
	return append(out, MethodSheet)
}

// MethodSheet is the name of the sheet every workbook ends with.
const MethodSheet = "Method"
