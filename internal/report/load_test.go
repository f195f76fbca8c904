package report

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xuri/excelize/v2"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
	"github.com/feedgauge/feedgauge/queries"
	"github.com/feedgauge/feedgauge/reports"
)

// TestLoadShippedReports: every workbook in reports/ validates against the
// real catalogue (the check the binary makes at start-up).
func TestLoadShippedReports(t *testing.T) {
	set := testSet(t)
	for _, name := range []string{"quarterly", "place", "grants", "fix-list"} {
		d, err := set.Get(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, sh := range d.Sheets {
			if sh.query == nil {
				t.Logf("%s: sheet %q waits for query %s (optional)", name, sh.Name, sh.Query)
			}
		}
	}
	if got := set.Names(); strings.Join(got, ",") != "fix-list,grants,place,quarterly" {
		t.Errorf("names = %v", got)
	}
}

const validHead = `title: Test
params:
  quarter: {type: quarter}
sheets:
`

// TestLoadErrors: mistakes in a workbook fail at load, naming the file and
// line and saying what is wrong.
func TestLoadErrors(t *testing.T) {
	cat, err := query.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, yaml, want string }{
		{"unknown query", validHead + "  - name: A\n    query: nope\n", `reports/x.yaml:5: sheet "A": unknown query "nope"`},
		{"unknown column", validHead + "  - name: A\n    query: datasets\n    columns:\n      - {column: colour}\n",
			`reports/x.yaml:8: sheet "A" column "colour": query datasets has no such column`},
		{"unknown parameter", validHead + "  - name: A\n    query: datasets\n    params:\n      colour: red\n",
			`reports/x.yaml:8: sheet "A" passes parameter colour, which query datasets does not take`},
		{"missing required parameter", validHead + "  - name: A\n    query: report_groups\n",
			`reports/x.yaml:5: sheet "A" must pass parameter by to query report_groups`},
		{"unknown key", validHead + "  - name: A\n    query: datasets\n    colums: []\n", `line 7: unknown key "colums"`},
		{"unknown template", validHead + "  - name: A\n    title: \"${quarter.middle}\"\n    query: datasets\n",
			`reports/x.yaml:5: sheet A uses ${quarter.middle}, which this report does not define`},
		{"bad chart series", validHead + "  - name: A\n    query: datasets\n    columns: [{column: name}]\n" +
			"    charts: [{type: col, title: T, categories: name, series: [overall]}]\n",
			`reports/x.yaml:8: chart series "overall" is not a column of sheet "A"`},
		{"chart on a streamed sheet", validHead + "  - name: A\n    query: datasets\n    stream: true\n    columns: [{column: name}]\n" +
			"    charts: [{type: col, title: T, categories: name, series: [name]}]\n", "streamed sheets cannot hold charts"},
		{"duplicate sheet", validHead + "  - name: Method\n    query: datasets\n", `sheet name "Method" is used twice`},
		{"bad parameter type", "title: T\nparams:\n  q: {type: date}\nsheets: []\n", `reports/x.yaml:3: parameter q has type "date"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{"x.yaml": {Data: []byte(c.yaml)}}, cat)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v\nwant it to contain %q", err, c.want)
			}
		})
	}
}

// TestOptionalSheetWaits: a sheet whose query does not exist yet loads when
// marked optional and fails at load otherwise.
func TestOptionalSheetWaits(t *testing.T) {
	cat, err := query.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	y := validHead + "  - name: Later\n    query: not_written_yet\n    optional: true\n  - name: Now\n    query: datasets\n"
	set, err := Load(fstest.MapFS{"x.yaml": {Data: []byte(y)}}, cat)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := set.Get("x")
	if d.Sheets[0].query != nil || d.Sheets[1].query == nil {
		t.Error("optional sheet resolution is wrong")
	}
	st := storetest.SQLite(t)
	if err := storetest.LoadFixture(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(context.Background(), st, d, map[string]string{"quarter": "2026Q2"}, &buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	later := strings.Join(flatten(readSheet(t, f, "Later")), " ")
	method := strings.Join(flatten(readSheet(t, f, MethodSheet)), " ")
	if !strings.Contains(later, `needs the named query "not_written_yet"`) || !strings.Contains(method, "Later: needs the named query not_written_yet") {
		t.Errorf("the waiting sheet is not explained: %q / %q", later, method)
	}
	if _, err := Load(reports.FS, cat); err != nil {
		t.Fatal(err)
	}
}

func TestSheetName(t *testing.T) {
	for in, want := range map[string]string{
		"Places":       "Places",
		"A/B: [x]*?\\": "A-B- -x----",
		"'quoted'":     "quoted",
		"":             "Sheet",
		"An extremely long sheet name that Excel refuses": "An extremely long sheet name th",
	} {
		if got := SheetName(in); got != want || utf16Len(got) > 31 {
			t.Errorf("SheetName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSafeText(t *testing.T) {
	if got := SafeText("a\x00b\x1fc\td"); got != "a\uFFFDb\uFFFDc\td" {
		t.Errorf("control characters: %q", got)
	}
	long := strings.Repeat("€", 40000)
	got := SafeText(long)
	if utf16Len(got) > maxCellChars || !strings.HasSuffix(got, "[cut: 40000 characters in all; Excel holds at most 32767]") {
		t.Errorf("long text: %d units, ends %q", utf16Len(got), got[len(got)-60:])
	}
	emoji := strings.Repeat("🙂", 20000) // 2 UTF-16 units each
	if utf16Len(SafeText(emoji)) > maxCellChars {
		t.Error("surrogate pairs counted wrongly")
	}
}

func TestExpand(t *testing.T) {
	v := vars{"place": "E08000009", "place.name": "", "quarter": "2026Q3"}
	for in, want := range map[string]string{
		"${quarter} pack":                   "2026Q3 pack",
		"${place.name|${place|all places}}": "E08000009",
		"${missing|none}":                   "none",
		"${place.name|} ${place}":           " E08000009",
		"plain $ and {braces}":              "plain $ and {braces}",
		"${unterminated":                    "${unterminated",
	} {
		if got := v.expand(in); got != want {
			t.Errorf("expand(%q) = %q, want %q", in, got, want)
		}
	}
}
