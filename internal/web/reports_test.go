package web_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/web"
)

func TestReportDownloads(t *testing.T) {
	f := sharedFixture(t)
	fake := func(_ context.Context, name string, params map[string]string, w io.Writer) (string, error) {
		switch {
		case name != "quarterly":
			return "", fmt.Errorf("%w: no report %q", web.ErrNotFound, name)
		case params["quarter"] == "":
			return "", fmt.Errorf("%w: quarter is required", query.ErrBadParam)
		}
		io.WriteString(w, "PK fake workbook")
		return "governance-" + params["quarter"] + ".xlsx", nil
	}
	srv := newServer(t, f.st, f.cat, func(o *web.Options) { o.Reports = fake })
	resp, body := get(t, srv, "/reports/quarterly.xlsx?quarter=2026Q3")
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "governance-2026Q3.xlsx") || body != "PK fake workbook" {
		t.Errorf("download = %d %v %q", resp.StatusCode, resp.Header, body)
	}
	for target, status := range map[string]int{"/reports/nope.xlsx": 404, "/reports/quarterly.xlsx": 400, "/reports/quarterly.pdf": 404} {
		if resp, body := get(t, srv, target); resp.StatusCode != status || !strings.Contains(body, "<h1>") {
			t.Errorf("GET %s = %d, want %d and a page", target, resp.StatusCode, status)
		}
	}
	_, body = get(t, srv, "/reports?place=E08000009&quarter=2026Q2")
	for _, want := range []string{`href="/reports/quarterly.xlsx?place=E08000009&amp;quarter=2026Q2"`, `href="/reports/place.xlsx?place=E08000009"`, "Enter a funder above"} {
		if !strings.Contains(body, want) {
			t.Errorf("reports page lacks %s", want)
		}
	}
	srv = newServer(t, f.st, f.cat)
	if resp, _ := get(t, srv, "/reports/quarterly.xlsx?quarter=2026Q3"); resp.StatusCode != 404 {
		t.Errorf("without a renderer = %d, want 404", resp.StatusCode)
	}
}
