package web_test

import (
	"context"
	"errors"
	"io/fs"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/feedgauge/feedgauge/dashboards"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/web"
	"github.com/feedgauge/feedgauge/internal/web/webtest"
)

// flakyStore wraps a store: after gone is set every query and ping fails,
// as when a ClickHouse server goes away mid-request; slow delays queries
// whose SQL contains a marker.
type flakyStore struct {
	store.Store
	gone atomic.Bool
	slow string
}

func (s *flakyStore) Query(ctx context.Context, sql string, args ...store.Arg) (store.Rows, error) {
	if s.gone.Load() {
		return nil, errors.New("read tcp 127.0.0.1:51234->127.0.0.1:29000: connection reset by peer")
	}
	if s.slow != "" && strings.Contains(sql, s.slow) {
		select {
		case <-time.After(3 * time.Second):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return s.Store.Query(ctx, sql, args...)
}

func (s *flakyStore) Ping(ctx context.Context) error {
	if s.gone.Load() {
		return errors.New("dial tcp 127.0.0.1:29000: connect: connection refused")
	}
	return s.Store.Ping(ctx)
}

func TestPageErrors(t *testing.T) {
	f := sharedFixture(t)
	srv := newServer(t, f.st, f.cat)
	cases := []struct {
		target string
		status int
		says   string
	}{
		{"/?at=notadate", 400, "not a date"},
		{"/?kind=Bogus", 400, "not one of the choices"},
		{"/?place=" + url.QueryEscape("<script>alert(1)</script>"), 400, "not a code"},
		{"/places/" + url.PathEscape("E08' OR 1=1"), 400, "not a place code"},
		{"/dataset", 400, "which dataset"},
		{"/activity?dataset=x&id=y", 404, "not in the snapshot"},
		{"/no/such/page", 404, "no page at this address"},
		{"/d/nothing", 404, "no dashboard"},
		{"/admin/", 401, ""},
	}
	for _, c := range cases {
		resp, body := get(t, srv, c.target)
		if resp.StatusCode != c.status || !strings.Contains(body, c.says) {
			t.Errorf("GET %s = %d; want %d saying %q:\n%.600s", c.target, resp.StatusCode, c.status, c.says, body)
		}
		if !strings.Contains(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(body, "<h1>") {
			t.Errorf("GET %s is not a friendly HTML page: %s", c.target, resp.Header.Get("Content-Type"))
		}
		if strings.Contains(body, "<script>alert(1)</script>") || strings.Contains(body, "goroutine") {
			t.Errorf("GET %s echoes unescaped input or internals", c.target)
		}
	}
}

func TestAdminToken(t *testing.T) {
	f := sharedFixture(t)
	srv := newServer(t, f.st, f.cat)
	for _, h := range [][]string{nil, {"Authorization", "Bearer wrong"}, {"Authorization", "Bearer s3cre"}} {
		if resp, _ := get(t, srv, "/admin/", h...); resp.StatusCode != 401 {
			t.Errorf("admin with %v = %d, want 401", h, resp.StatusCode)
		}
	}
	if resp, _ := get(t, srv, "/admin/", "Authorization", "Bearer s3cret"); resp.StatusCode != 404 {
		t.Errorf("admin with the token = %d, want 404 (no admin pages yet)", resp.StatusCode)
	}
}

func TestSecurityHeadersAndEscaping(t *testing.T) {
	f := sharedFixture(t)
	srv := newServer(t, f.st, f.cat)
	ds, act := f.world.HostileActivity()
	resp, body := get(t, srv, "/activity?dataset="+url.QueryEscape(ds)+"&id="+url.QueryEscape(act))
	if resp.StatusCode != 200 {
		t.Fatalf("activity page = %d", resp.StatusCode)
	}
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self';") || strings.Contains(csp, "script-src 'self' 'unsafe") {
		t.Errorf("CSP = %q", csp)
	}
	for _, h := range []string{"X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}
	for _, bad := range []string{webtest.ScriptName, webtest.ScriptOrg, "<script>alert(2)</script>", "<b>Sessions</b>"} {
		if strings.Contains(body, bad) {
			t.Errorf("activity page holds %q unescaped", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "sp.1 Name", "How to fix it"} {
		if !strings.Contains(body, want) {
			t.Errorf("activity page lacks %q", want)
		}
	}
	// Inline scripts: only JSON data blocks, never executable script.
	for _, frag := range strings.Split(body, "<script")[1:] {
		if !strings.HasPrefix(frag, ` type="application/json"`) && !strings.HasPrefix(frag, ` src="/`) {
			t.Errorf("inline script found: <script%.80s", frag)
		}
	}
	_, body = get(t, srv, "/pcns/U10000")
	if strings.Contains(body, webtest.ScriptName) || !strings.Contains(body, "&lt;script&gt;") {
		t.Error("PCN page does not escape the hostile activity name")
	}
}

func TestStoreGoesAway(t *testing.T) {
	f := sharedFixture(t)
	fs := &flakyStore{Store: f.st}
	srv := newServer(t, fs, f.cat)
	if resp, _ := get(t, srv, "/"); resp.StatusCode != 200 {
		t.Fatalf("overview before = %d", resp.StatusCode)
	}
	fs.gone.Store(true)
	resp, body := get(t, srv, "/")
	if resp.StatusCode != 503 || !strings.Contains(body, "cannot be reached") || resp.Header.Get("Retry-After") == "" {
		t.Errorf("overview with the store gone = %d:\n%.800s", resp.StatusCode, body)
	}
	resp, body = get(t, srv, "/api/v1/queries/datasets")
	if resp.StatusCode != 503 || !strings.Contains(body, `"status":503`) || strings.Contains(body, "127.0.0.1") {
		t.Errorf("API with the store gone = %d %s", resp.StatusCode, body)
	}
	if resp, _ := get(t, srv, "/api/v1/health"); resp.StatusCode != 503 {
		t.Errorf("health with the store gone = %d", resp.StatusCode)
	}
}

func TestPanelTimeoutKeepsPage(t *testing.T) {
	f := sharedFixture(t)
	slow := &flakyStore{Store: f.st, slow: "json_each(a.failed_checks)"}
	dash := fstest.MapFS{"slow.yaml": &fstest.MapFile{Data: []byte(`title: Slow
panels:
  - {id: missing, title: Missing, query: check_failures, chart: table, timeout: 100ms}
  - {id: datasets, title: Datasets, query: datasets, chart: table}
`)}}
	static, _ := fs.Sub(dashboards.FS, "static")
	fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(static, p)
			dash["static/"+p] = &fstest.MapFile{Data: b}
		}
		return nil
	})
	srv := newServer(t, slow, f.cat, func(o *web.Options) { o.Dashboards = dash })
	start := time.Now()
	resp, body := get(t, srv, "/d/slow")
	if resp.StatusCode != 200 || !strings.Contains(body, "took longer than 100ms") || !strings.Contains(body, "Active Sessions 000") {
		t.Errorf("slow page = %d:\n%.1500s", resp.StatusCode, body)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the slow panel held the page for %v", d)
	}
}
