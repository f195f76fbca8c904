package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/feedgauge/feedgauge/internal/web/webtest"
)

func TestPagesRender(t *testing.T) {
	f := sharedFixture(t)
	srv := newServer(t, f.st, f.cat)
	ds, act := f.world.Activity(3)
	pages := []string{
		"/", "/?place=" + webtest.Trafford + "&period=month", "/places", "/places/" + webtest.Trafford,
		"/pcns/U10000", "/map", "/datasets", "/dataset?id=" + url.QueryEscape(ds),
		"/feed?url=" + url.QueryEscape(f.world.FeedURL(0)), "/activity?dataset=" + url.QueryEscape(ds) + "&id=" + url.QueryEscape(act),
		"/grants", "/alerts", "/reports", "/method", "/glossary", "/d/overview",
	}
	for _, p := range pages {
		resp, body := get(t, srv, p)
		if resp.StatusCode != 200 {
			t.Errorf("GET %s = %d:\n%s", p, resp.StatusCode, body)
			continue
		}
		if strings.Contains(body, "Not available:") {
			i := strings.Index(body, "Not available:")
			t.Errorf("GET %s has a failed panel: %s", p, body[i:min(len(body), i+300)])
		}
	}
}

// TestFilterFormKeepsRoute checks the filter form of a page reached with
// query-string ids carries them, so applying a filter keeps the view.
func TestFilterFormKeepsRoute(t *testing.T) {
	f := sharedFixture(t)
	srv := newServer(t, f.st, f.cat)
	ds, _ := f.world.Activity(2)
	_, body := get(t, srv, "/dataset?grade=B&id="+url.QueryEscape(ds))
	if !strings.Contains(body, `<input type="hidden" name="id" value="`+ds+`">`) {
		t.Error("the dataset page's filter form drops the dataset id")
	}
	if !strings.Contains(body, `<option value="B" selected>`) {
		t.Error("the grade filter does not show the chosen grade")
	}
	resp, _ := get(t, srv, "/dataset?grade=B&kind=Event&id="+url.QueryEscape(ds))
	if resp.StatusCode != 200 {
		t.Errorf("filtered dataset page = %d", resp.StatusCode)
	}
}
