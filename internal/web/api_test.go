package web_test

import (
	"encoding/csv"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

func TestAPIQueryJSONAndCSV(t *testing.T) {
	f := sharedFixture(t)
	srv := newServer(t, f.st, f.cat)
	resp, body := get(t, srv, "/api/v1/queries/datasets")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("datasets = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(body), &rows); err != nil || len(rows) != smallWorld.Datasets {
		t.Fatalf("datasets JSON: %v, %d rows", err, len(rows))
	}
	for _, k := range []string{"dataset_id", "name", "activities", "sp_ready", "overall", "grade"} {
		if _, ok := rows[0][k]; !ok {
			t.Errorf("row has no %s: %v", k, rows[0])
		}
	}
	for _, target := range []string{"/api/v1/queries/datasets?format=csv", "/api/v1/queries/datasets"} {
		resp, body = get(t, srv, target, "Accept", "text/csv")
		recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if resp.StatusCode != 200 || err != nil || len(recs) != smallWorld.Datasets+1 || recs[0][0] != "dataset_id" {
			t.Errorf("%s as CSV = %d, %v, %d records", target, resp.StatusCode, err, len(recs))
		}
	}
	_, body = get(t, srv, "/api/v1/queries/datasets?columns=name,grade&format=csv")
	if !strings.HasPrefix(body, "name,grade\n") {
		t.Errorf("projected CSV starts %q", body[:min(40, len(body))])
	}
	_, body = get(t, srv, "/api/v1/queries/datasets?columns=activities&sort=-activities&format=csv")
	recs, _ := csv.NewReader(strings.NewReader(body)).ReadAll()
	for i := 2; i < len(recs); i++ {
		if len(recs[i][0]) > len(recs[i-1][0]) || len(recs[i][0]) == len(recs[i-1][0]) && recs[i][0] > recs[i-1][0] {
			t.Errorf("sort=-activities: %s before %s", recs[i-1][0], recs[i][0])
		}
	}
}

func TestAPIErrors(t *testing.T) {
	f := sharedFixture(t)
	srv := newServer(t, f.st, f.cat)
	cases := []struct {
		target string
		status int
		says   string
	}{
		{"/api/v1/queries/nope", 404, "unknown query"},
		{"/api/v1/queries/activities?limit=abc", 400, "whole number"},
		{"/api/v1/queries/activities?limit=100000000000", 400, "between 1 and 1000000"},
		{"/api/v1/queries/activities?limit=0", 400, "between"},
		{"/api/v1/queries/activities?nope=1", 400, "no parameter"},
		{"/api/v1/queries/activities?at=yesterday", 400, "date"},
		{"/api/v1/queries/activities?grade=E", 400, "one of"},
		{"/api/v1/queries/feed_attempts", 400, "needs"},
		{"/api/v1/queries/activities?format=xml", 400, "json or csv"},
		{"/api/v1/queries/activities?columns=name,password", 400, "no column"},
		{"/api/v1/queries/datasets?sort=password", 400, "no such column"},
		{"/api/v1/nothing", 404, ""},
	}
	for _, c := range cases {
		resp, body := get(t, srv, c.target)
		var e struct {
			Error struct {
				Status  int
				Message string
			}
		}
		if resp.StatusCode != c.status || json.Unmarshal([]byte(body), &e) != nil || e.Error.Status != c.status ||
			!strings.Contains(e.Error.Message, c.says) {
			t.Errorf("GET %s = %d %s; want %d saying %q", c.target, resp.StatusCode, body, c.status, c.says)
		}
		if strings.Contains(body, "goroutine") || strings.Contains(body, ".go:") {
			t.Errorf("GET %s leaks internals: %s", c.target, body)
		}
	}
}

func TestAPISQLTextIsOnlyData(t *testing.T) {
	f := sharedFixture(t)
	srv := newServer(t, f.st, f.cat)
	for _, evil := range []string{"' OR '1'='1", "x'; DROP TABLE activity_scores; --", `") UNION SELECT * FROM items --`} {
		resp, body := get(t, srv, "/api/v1/queries/activities?dataset="+url.QueryEscape(evil))
		if resp.StatusCode != 200 || strings.TrimSpace(body) != "[]" {
			t.Errorf("dataset=%q = %d %s, want 200 []", evil, resp.StatusCode, body)
		}
	}
	_, body := get(t, srv, "/api/v1/queries/activities?limit=1")
	if strings.TrimSpace(body) == "[]" {
		t.Error("activity_scores lost its rows")
	}
}

func TestAPIHostileTextStaysText(t *testing.T) {
	f := sharedFixture(t)
	srv := newServer(t, f.st, f.cat)
	ds, _ := f.world.Activity(1)
	_, body := get(t, srv, "/api/v1/queries/activities?format=csv&limit=5&dataset="+url.QueryEscape(ds))
	if !strings.Contains(body, `'=HYPERLINK(""http://x"")`) {
		t.Errorf("formula not neutralised in CSV:\n%s", body)
	}
	_, body = get(t, srv, "/api/v1/queries/activities?limit=5")
	if !strings.Contains(body, `\u003cscript\u003e`) && !strings.Contains(body, `<script>alert(1)</script>`) {
		t.Errorf("script name missing from JSON")
	}
	if resp, _ := get(t, srv, "/api/v1/queries/activities?limit=1"); !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Errorf("JSON served as %q", resp.Header.Get("Content-Type"))
	}
}

func TestHealthAndOpenAPI(t *testing.T) {
	f := sharedFixture(t)
	srv := newServer(t, f.st, f.cat)
	resp, body := get(t, srv, "/api/v1/health")
	if resp.StatusCode != 200 || !strings.Contains(body, `"ok"`) {
		t.Errorf("health = %d %s", resp.StatusCode, body)
	}
	resp, body = get(t, srv, "/api/v1/openapi.json")
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &doc) != nil || !strings.HasPrefix(doc.OpenAPI, "3.0") {
		t.Fatalf("openapi = %d %.200s", resp.StatusCode, body)
	}
	for _, n := range f.cat.Names() {
		if doc.Paths["/api/v1/queries/"+n] == nil {
			t.Errorf("openapi has no path for query %s", n)
		}
	}
	if !strings.Contains(body, `"maximum":1000000`) {
		t.Error("openapi does not carry the limit's maximum")
	}
}
