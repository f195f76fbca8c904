package dashboard

import (
	"encoding/json"
	"html/template"
	"net/url"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
)

// View is a panel ready for a template: its figure, chart options and data
// table, or the plain-words reason it has none.
type View struct {
	ID, Title, Description string
	Chart, Width           string
	Problem                string // set when the panel failed
	Empty                  string // set when it loaded no rows
	Figure                 *Figure
	Table                  *Table
	// Options is the echarts option object as JSON (HTML-safe: <, > and &
	// are escaped), read by the served charts.js; no inline script.
	Options template.JS
	MapURL  string
	Summary string // the chart's text alternative (aria-label)
	CSV     string // the panel's rows and columns as CSV
	JSON    string // the same from the JSON API
	Elapsed time.Duration
}

// Figure is a headline number.
type Figure struct {
	Value  string
	Change string // "+56 since 2026Q1", or ""
	Trend  string // up, down or flat
	Note   string
}

// Build turns a panel result into a view. Labels may be nil.
func Build(res *Result, v Vars, labels *Labels) *View {
	p := res.Panel
	view := &View{ID: p.ID, Title: p.Title, Description: p.Description, Chart: p.Chart, Width: p.Width, Elapsed: res.Elapsed}
	if view.Width == "" {
		view.Width = "full"
	}
	if res.Err != nil {
		view.Problem = Problem(p, res.Err)
		return view
	}
	cols := tableColumns(p, res.Def)
	view.CSV, view.JSON = apiLinks(p.Query, res.Params, cols, p.Sort)
	if len(res.Data.Rows) == 0 {
		view.Empty = p.Empty
		if view.Empty == "" {
			view.Empty = "Nothing to show for these filters."
		}
		return view
	}
	data := sorted(p, res.Data)
	view.Table = buildTable(p, data, cols, v, labels)
	switch p.Chart {
	case ChartNumber:
		view.Figure = buildFigure(p, data, labels)
		view.Summary = p.Title + ": " + view.Figure.Value
	case ChartTable:
		view.Summary = p.Title
	default:
		opt, summary, mapURL := buildChart(p, data, v, labels)
		view.Options, view.Summary, view.MapURL = marshal(opt), summary, mapURL
	}
	return view
}

// apiLinks are the CSV and JSON downloads of exactly the panel's rows:
// the same query and parameters, projected to the table's columns.
func apiLinks(name string, params map[string]string, cols []string, sort string) (csvURL, jsonURL string) {
	q := url.Values{}
	for k, val := range params {
		q.Set(k, val)
	}
	q.Set("columns", strings.Join(cols, ","))
	if sort != "" {
		q.Set("sort", sort)
	}
	base := "/api/v1/queries/" + url.PathEscape(name) + "?"
	jsonURL = base + q.Encode()
	q.Set("format", "csv")
	return base + q.Encode(), jsonURL
}

func marshal(v any) template.JS {
	b, err := json.Marshal(v) // escapes <, > and & so it is safe inside <script type="application/json">
	if err != nil {
		return template.JS("{}")
	}
	return template.JS(b)
}

func buildFigure(p *Panel, data *query.Result, labels *Labels) *Figure {
	i := colIndexOf(data, p.Value)
	n := len(data.Rows)
	row := 0
	if p.Row == "last" {
		row = n - 1
	}
	col := data.Columns[i]
	format := formatFor(p, col)
	f := &Figure{Value: Format(data.Rows[row][i], format, labels)}
	if !p.Compare {
		return f
	}
	prev := row - 1
	if p.Row != "last" {
		prev = row + 1
	}
	if prev < 0 || prev >= n {
		f.Note = "no earlier figure to compare with"
		return f
	}
	cur, ok1 := number(data.Rows[row][i])
	old, ok2 := number(data.Rows[prev][i])
	if !ok1 || !ok2 {
		return f
	}
	since := ""
	if pi := colIndexOf(data, "period"); pi >= 0 {
		since = " since " + query.Cell(data.Rows[prev][pi])
	}
	d := cur - old
	f.Trend = "flat"
	sign := "±"
	if d > 0 {
		f.Trend, sign = "up", "+"
	} else if d < 0 {
		f.Trend, sign, d = "down", "−", -d
	}
	if col.Type == "int" {
		f.Change = sign + Int(int64(d)) + since
	} else {
		f.Change = sign + Dec1(d) + since
	}
	return f
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

func colIndexOf(data *query.Result, name string) int {
	for i, c := range data.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

func formatFor(p *Panel, c query.Column) string {
	if f := p.Formats[c.Name]; f != "" {
		return f
	}
	return defaultFormat(c)
}

func labelFor(p *Panel, c query.Column) string {
	if l := p.Labels[c.Name]; l != "" {
		return l
	}
	if c.Label != "" {
		return c.Label
	}
	if l := commonLabels[c.Name]; l != "" {
		return l
	}
	s := strings.ReplaceAll(c.Name, "_", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// commonLabels name columns whose catalogue entry gives no label.
var commonLabels = map[string]string{
	"area_code": "Code", "area_name": "Area", "level": "Level", "activities": "Activities",
	"activities_upcoming": "With an upcoming session", "upcoming": "With an upcoming session", "sp_ready": "SP-ready",
	"organisers": "Providers", "activity_types": "Activity types", "population": "Population",
	"sp_ready_per_10k": "SP-ready per 10,000", "freshness": "Freshness", "completeness": "Completeness",
	"assurance": "Assurance", "overall": "Overall", "grade": "Grade", "online": "Online",
	"name": "Name", "publisher": "Publisher", "feeds": "Feeds", "orphans": "Orphans", "feed_url": "Feed",
	"kind": "Type", "attempted_at": "Last harvest", "status": "Result", "error_kind": "Problem",
	"http_status": "HTTP status", "message": "What happened", "items": "Items", "deleted": "Deleted",
	"last_change": "Last changed", "organiser": "Provider", "next_occurrence": "Next session",
	"failed_checks": "Checks failed", "dataset_id": "Dataset", "activity_id": "Activity",
}
