package query

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/feedgauge/feedgauge/queries"
)

func TestCatalogLoadsEmbeddedQueries(t *testing.T) {
	cat, err := Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"activities", "datasets", "feed_health", "coverage", "grants"} {
		d, err := cat.Get(name)
		if err != nil {
			t.Fatalf("stable query %s: %v", name, err)
		}
		for _, b := range Backends {
			if d.SQL[b] == "" {
				t.Errorf("%s has no %s SQL", name, b)
			}
		}
	}
	if _, err := cat.Get("nope"); !errors.Is(err, ErrUnknown) || !strings.Contains(err.Error(), "activities") {
		t.Errorf("unknown query error = %v; want ErrUnknown listing the queries", err)
	}
}

func TestCatalogRejectsInconsistentFiles(t *testing.T) {
	base := fstest.MapFS{
		"catalog/q.yaml": {Data: []byte("params:\n  a: {type: string, default: ''}\ncolumns:\n  - {name: x, type: int}\n")},
		"sqlite/q.sql":   {Data: []byte("SELECT 1 AS x WHERE @a = ''")},
	}
	cases := []struct {
		name  string
		patch fstest.MapFS
		want  string
	}{
		{"missing backend", nil, "no clickhouse version"},
		{"undeclared param", fstest.MapFS{"clickhouse/q.sql": {Data: []byte("SELECT 1 AS x WHERE @b = ''")}}, "uses @b"},
		{"orphan sql", fstest.MapFS{"clickhouse/q.sql": {Data: []byte("SELECT 1 AS x")}, "sqlite/z.sql": {Data: []byte("SELECT 1")}}, "no catalogue entry"},
		{"bad column type", fstest.MapFS{"catalog/q.yaml": {Data: []byte("columns:\n  - {name: x, type: integer}\n")}}, "unknown type"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range base {
				fsys[k] = v
			}
			for k, v := range c.patch {
				fsys[k] = v
			}
			_, err := Load(fsys)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Load error = %v; want it to mention %q", err, c.want)
			}
		})
	}
}

func TestBind(t *testing.T) {
	cat, err := Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := cat.Get("activities")
	cases := []struct {
		name   string
		params map[string]string
		bad    string
	}{
		{"defaults", nil, ""},
		{"unknown param", map[string]string{"colour": "red"}, `no parameter "colour"`},
		{"bad enum", map[string]string{"grade": "E"}, "one of"},
		{"limit too big", map[string]string{"limit": "99999999"}, "between"},
		{"limit not a number", map[string]string{"limit": "10; DROP TABLE x"}, "whole number"},
		{"bad time", map[string]string{"at": "yesterday"}, "YYYY-MM-DD"},
		{"sql-ish text stays a value", map[string]string{"dataset": "' OR 1=1 --"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args, err := d.Bind(c.params)
			if c.bad == "" {
				if err != nil {
					t.Fatal(err)
				}
				if len(args) != len(d.Params) {
					t.Fatalf("bound %d args for %d params", len(args), len(d.Params))
				}
				return
			}
			if !errors.Is(err, ErrBadParam) || !strings.Contains(err.Error(), c.bad) {
				t.Fatalf("Bind error = %v; want ErrBadParam mentioning %q", err, c.bad)
			}
		})
	}
}

func TestParseTimeBareDateIsEndOfLondonDay(t *testing.T) {
	got, err := ParseTime("2026-06-30")
	if err != nil {
		t.Fatal(err)
	}
	// 30 June is in BST (UTC+1): the day ends at 22:59:59 UTC.
	if want := time.Date(2026, 6, 30, 22, 59, 59, 0, time.UTC); !got.Equal(want) {
		t.Errorf("ParseTime = %s, want %s", got, want)
	}
}

func TestQuarters(t *testing.T) {
	q, err := ParseQuarter("2026Q3")
	if err != nil {
		t.Fatal(err)
	}
	if got := q.FinancialLabel(); got != "2026/27 Q2" {
		t.Errorf("financial label = %q", got)
	}
	if got := (Quarter{2026, 1}).FinancialLabel(); got != "2025/26 Q4" {
		t.Errorf("Q1 financial label = %q", got)
	}
	// Q3 starts at 00:00 BST on 1 July = 23:00 UTC on 30 June.
	if want := time.Date(2026, 6, 30, 23, 0, 0, 0, time.UTC); !q.Start().Equal(want) {
		t.Errorf("start = %s", q.Start())
	}
	if want := time.Date(2026, 9, 30, 22, 59, 59, 0, time.UTC); !q.End().Equal(want) {
		t.Errorf("end = %s", q.End())
	}
	if q.Prev().String() != "2026Q2" || (Quarter{2026, 1}).Prev().String() != "2025Q4" || (Quarter{2026, 4}).Next().String() != "2027Q1" {
		t.Error("quarter stepping is wrong")
	}
	if QuarterOf(time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC)).String() != "2026Q3" {
		t.Error("23:30 UTC on 30 June is already July in London")
	}
	for _, bad := range []string{"2026Q5", "2026-Q1", "Q1 2026", ""} {
		if _, err := ParseQuarter(bad); err == nil {
			t.Errorf("ParseQuarter(%q) accepted", bad)
		}
	}
}

func TestFormats(t *testing.T) {
	ts := time.Date(2026, 6, 1, 6, 0, 0, 0, time.UTC)
	r := &Result{
		Columns: []Column{{Name: "name", Type: "string", Nullable: true}, {Name: "n", Type: "int"}, {Name: "at", Type: "time", Nullable: true}, {Name: "checks", Type: "list"}},
		Rows: [][]any{
			{"=HYPERLINK(\"http://x\")", int64(-3), ts, []string{"sp.1", "as.3"}},
			{nil, int64(4), nil, []string{}},
		},
	}
	var csv bytes.Buffer
	if err := r.WriteCSV(&csv); err != nil {
		t.Fatal(err)
	}
	want := "name,n,at,checks\n\"'=HYPERLINK(\"\"http://x\"\")\",-3,2026-06-01T06:00:00Z,\"sp.1,as.3\"\n,4,,\n"
	if csv.String() != want {
		t.Errorf("CSV =\n%s\nwant\n%s", csv.String(), want)
	}
	var js bytes.Buffer
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{`"at": "2026-06-01T06:00:00Z"`, `"at": null`, `"checks": [`, `"n": -3`} {
		if !strings.Contains(js.String(), frag) {
			t.Errorf("JSON lacks %s:\n%s", frag, js.String())
		}
	}
	var tab bytes.Buffer
	if err := r.Write(&tab, "table"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tab.String(), "no data") {
		t.Errorf("table shows null as %q; want 'no data'", tab.String())
	}
	if err := r.Write(&tab, "xml"); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestSafeCSV(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+44 161": "'+44 161", "-3": "-3", "-2.5": "-2.5", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "plain": "plain", "": ""} {
		if got := SafeCSV(in); got != want {
			t.Errorf("SafeCSV(%q) = %q, want %q", in, got, want)
		}
	}
}
