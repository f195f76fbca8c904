package admin

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/assurance"
	"github.com/feedgauge/feedgauge/internal/grants"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
	"github.com/gofiber/fiber/v2"
)

const token = "s3cret-admin-token"

var clock = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

// testApp mounts the admin pages under /admin on a fresh store.
func testApp(t *testing.T, tok string, maxUpload int64) (*fiber.App, store.Store) {
	return testAppWith(t, tok, Deps{MaxUpload: maxUpload})
}

// testAppWith mounts the admin pages over a fresh embedded store; d adds
// options (its Store, Token, Now and Logger are filled in).
func testAppWith(t *testing.T, tok string, d Deps) (*fiber.App, store.Store) {
	t.Helper()
	st := storetest.SQLite(t)
	app := fiber.New(fiber.Config{BodyLimit: 64 << 20})
	d.Store, d.Token, d.Now = st, tok, func() time.Time { return clock }
	d.Logger = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	Mount(app.Group("/admin"), d)
	return app, st
}

// testWriter sends the pages' log to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

func do(t *testing.T, app *fiber.App, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := app.Test(req, 30000)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// authGet is a GET with the admin token, as an API caller sends it.
func authGet(path string) *http.Request {
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	return req
}

func form(method, path string, vals url.Values, cookie string) *http.Request {
	req := httptest.NewRequest(method, path, strings.NewReader(vals.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	return req
}

// login signs in through the form and returns the cookie and the page's
// CSRF token.
func login(t *testing.T, app *fiber.App, name string) (cookie, csrf string) {
	t.Helper()
	resp, _ := do(t, app, form("POST", "/admin/login", url.Values{"name": {name}, "token": {token}}, ""))
	if resp.StatusCode != fiber.StatusSeeOther {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	sc := resp.Header.Get("Set-Cookie")
	for _, want := range []string{"HttpOnly", "SameSite=Strict", "path=/admin"} {
		if !strings.Contains(strings.ToLower(sc), strings.ToLower(want)) {
			t.Errorf("session cookie %q lacks %s", sc, want)
		}
	}
	cookie = strings.SplitN(sc, ";", 2)[0]
	_, body := do(t, app, form("GET", "/admin/assurance", nil, cookie))
	m := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no CSRF token on the register page")
	}
	return cookie, m[1]
}

// TestMutationsNeedToken: reading needs a signed-in admin (browsers are
// sent to sign in); changing needs the token, and a cookie session needs the
// form's CSRF token too.
func TestMutationsNeedToken(t *testing.T) {
	app, _ := testApp(t, token, 0)
	entry := url.Values{"organiser_url": {"https://club.org.uk"}, "scheme": {"Quest"}, "assured_on": {"2026-01-01"}}
	for _, path := range []string{"/admin/", "/admin/grants", "/admin/links", "/admin/assurance", "/admin/grants/imports", "/admin/operations"} {
		resp, _ := do(t, app, httptest.NewRequest("GET", path, nil))
		if resp.StatusCode != 303 || resp.Header.Get("Location") != "/admin/login" {
			t.Errorf("GET %s without a token: %d to %q, want 303 to the sign-in page", path, resp.StatusCode, resp.Header.Get("Location"))
		}
		if resp, _ := do(t, app, authGet(path)); resp.StatusCode != 200 {
			t.Errorf("GET %s with the token: %d, want 200", path, resp.StatusCode)
		}
	}
	if resp, _ := do(t, app, httptest.NewRequest("GET", "/admin/login", nil)); resp.StatusCode != 200 {
		t.Errorf("the sign-in page needs no token, got %d", resp.StatusCode)
	}
	if resp, _ := do(t, app, form("POST", "/admin/assurance", entry, "")); resp.StatusCode != 401 {
		t.Errorf("no token: %d, want 401", resp.StatusCode)
	}
	req := form("POST", "/admin/assurance", entry, "")
	req.Header.Set("Authorization", "Bearer wrong")
	if resp, _ := do(t, app, req); resp.StatusCode != 401 {
		t.Errorf("wrong token: %d, want 401", resp.StatusCode)
	}
	if resp, _ := do(t, app, form("POST", "/admin/login", url.Values{"name": {"x"}, "token": {"wrong"}}, "")); resp.StatusCode != 401 {
		t.Errorf("login with a wrong token: %d, want 401", resp.StatusCode)
	}
	cookie, csrf := login(t, app, "alice")
	bad := url.Values{"_csrf": {"forged"}}
	for k, v := range entry {
		bad[k] = v
	}
	if resp, _ := do(t, app, form("POST", "/admin/assurance", bad, cookie)); resp.StatusCode != 403 {
		t.Errorf("bad CSRF: %d, want 403", resp.StatusCode)
	}
	if resp, _ := do(t, app, form("POST", "/admin/assurance", entry, cookie)); resp.StatusCode != 403 {
		t.Errorf("no CSRF: %d, want 403", resp.StatusCode)
	}
	bad.Set("_csrf", csrf)
	if resp, _ := do(t, app, form("POST", "/admin/assurance", bad, cookie)); resp.StatusCode != fiber.StatusSeeOther {
		t.Errorf("good CSRF: %d, want 303", resp.StatusCode)
	}
	forged := strings.Replace(cookie, "=", "=x", 1)
	if resp, _ := do(t, app, form("POST", "/admin/assurance", bad, forged)); resp.StatusCode != 401 {
		t.Errorf("forged cookie: %d, want 401", resp.StatusCode)
	}
}

// TestNoTokenConfigured: with FEEDGAUGE_ADMIN_TOKEN unset nothing can be
// changed, even with an empty bearer token.
func TestNoTokenConfigured(t *testing.T) {
	app, _ := testApp(t, "", 0)
	req := form("POST", "/admin/grants/refresh", nil, "")
	req.Header.Set("Authorization", "Bearer ")
	if resp, _ := do(t, app, req); resp.StatusCode != 403 {
		t.Errorf("no admin token configured: %d, want 403", resp.StatusCode)
	}
}

// upload builds a multipart upload of a file.
func upload(t *testing.T, path, file string, fields map[string]string) *http.Request {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile("file", file[strings.LastIndex(file, "/")+1:])
	fw.Write(b)
	w.Close()
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return req
}

// TestUploadFlow: a browser upload shows the validation report; the grants
// page then lists the grants; a bad file shows why it was refused.
func TestUploadFlow(t *testing.T) {
	app, st := testApp(t, token, 0)
	cookie, csrf := login(t, app, "alice")
	req := upload(t, "/admin/grants/upload", "../grants/testdata/trafford_council_vcs_grants_360giving.csv", map[string]string{"_csrf": csrf})
	req.Header.Set("Cookie", cookie)
	resp, body := do(t, app, req)
	if resp.StatusCode != 200 || !strings.Contains(body, "555 grants imported (555 new, 0 updated, 0 unchanged)") {
		t.Fatalf("upload: %d\n%s", resp.StatusCode, body)
	}
	if n, _ := grants.Count(context.Background(), st, "GB-LAE-TRF"); n != 555 {
		t.Errorf("%d grants stored", n)
	}
	_, list := do(t, app, form("GET", "/admin/grants?funder=GB-LAE-TRF&status=no+link+found", nil, cookie))
	if !strings.Contains(list, "555 grants.") || !strings.Contains(list, "Altrincham Children&#39;s Choir") {
		t.Errorf("grants page does not list Trafford's grants:\n%.2000s", list)
	}
	req = upload(t, "/admin/grants/upload", "../grants/testdata/fixtures/dq_fundingproviders_2_grants_messy.csv", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, body = do(t, app, req)
	if resp.StatusCode != 422 || !strings.Contains(body, `"code":"no_valid_grants"`) || !strings.Contains(body, `"value":"24/07/2014"`) {
		t.Errorf("refused upload: %d\n%.1500s", resp.StatusCode, body)
	}
}

// TestUploadCapped: an upload over the cap is refused with a clear message.
func TestUploadCapped(t *testing.T) {
	app, _ := testApp(t, token, 1000)
	req := upload(t, "/admin/grants/upload", "../grants/testdata/trafford_council_vcs_grants_360giving.csv", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, body := do(t, app, req)
	if resp.StatusCode != fiber.StatusRequestEntityTooLarge || !strings.Contains(body, "the limit is") {
		t.Errorf("capped upload: %d %s", resp.StatusCode, body)
	}
}

// TestAuditTrail: edits through the pages record who, when, before and
// after, and the entry page shows them, escaped.
func TestAuditTrail(t *testing.T) {
	app, st := testApp(t, token, 0)
	cookie, csrf := login(t, app, "alice")
	add := url.Values{"_csrf": {csrf}, "organiser_name": {"<b>Sale</b> Harriers"}, "local_authority": {"E08000009"},
		"scheme": {"Quest"}, "assured_by": {"Council"}, "assured_on": {"2026-01-01"}}
	resp, _ := do(t, app, form("POST", "/admin/assurance", add, cookie))
	loc := resp.Header.Get("Location")
	if resp.StatusCode != fiber.StatusSeeOther || !strings.HasPrefix(loc, "/admin/assurance/r-") {
		t.Fatalf("add: %d %s", resp.StatusCode, loc)
	}
	id := strings.TrimPrefix(strings.SplitN(loc, "?", 2)[0], "/admin/assurance/")
	edit := url.Values{"_csrf": {csrf}, "organiser_name": {"<b>Sale</b> Harriers"}, "local_authority": {"E08000009"},
		"scheme": {"Quest"}, "assured_by": {"Active Partnership"}, "assured_on": {"2026-01-01"}, "reason": {"wrong assessor"}}
	if resp, _ := do(t, app, form("POST", "/admin/assurance/"+id, edit, cookie)); resp.StatusCode != fiber.StatusSeeOther {
		t.Fatalf("edit: %d", resp.StatusCode)
	}
	api := form("POST", "/admin/assurance/"+id+"/expire", url.Values{"on": {"2026-06-30"}}, "")
	api.Header.Set("Authorization", "Bearer "+token)
	api.Header.Set("X-Feedgauge-User", "bob")
	if resp, body := do(t, app, api); resp.StatusCode != 200 || !strings.Contains(body, `"revision":3`) {
		t.Fatalf("expire by API: %d %s", resp.StatusCode, body)
	}
	hist, err := assurance.History(context.Background(), st, id)
	if err != nil || len(hist) != 3 {
		t.Fatal(len(hist), err)
	}
	e := hist[1]
	if e.By != "alice" || !e.At.Equal(clock) || e.Before.AssuredBy != "Council" || e.After.AssuredBy != "Active Partnership" ||
		e.Reason != "wrong assessor" || hist[2].By != "bob" || hist[2].Source != "api" {
		t.Errorf("audit trail %+v / %+v", e, hist[2])
	}
	_, page := do(t, app, form("GET", "/admin/assurance/"+id, nil, cookie))
	if strings.Contains(page, "<b>Sale</b>") || !strings.Contains(page, "&lt;b&gt;Sale&lt;/b&gt; Harriers") ||
		!strings.Contains(page, "wrong assessor") || !strings.Contains(page, "Active Partnership") {
		t.Errorf("entry page:\n%.3000s", page)
	}
}

// TestOperationsPage: the schedule shows, a snapshot starts on demand, and
// an alert is acknowledged with the signed-in person's name and note.
func TestOperationsPage(t *testing.T) {
	var started int
	var acked []string
	ops := &Operations{
		Status:  func() [][2]string { return [][2]string{{"Plan", "every 6h"}, {"Running", "no"}} },
		Trigger: func() error { started++; return nil },
		Alerts: func(context.Context) ([]Alert, error) {
			return []Alert{{ID: "stalled-1", Kind: "stalled", Severity: "warning", State: "open", Subject: "<b>feed</b>"}}, nil
		},
		Acknowledge: func(_ context.Context, id, who, note string) error {
			acked = append(acked, id+"|"+who+"|"+note)
			return nil
		},
	}
	app, _ := testAppWith(t, token, Deps{Operations: ops})
	cookie, csrf := login(t, app, "alice")
	_, page := do(t, app, form("GET", "/admin/operations", nil, cookie))
	if !strings.Contains(page, "every 6h") || !strings.Contains(page, "&lt;b&gt;feed") || strings.Contains(page, "<b>feed") {
		t.Fatalf("operations page:\n%.2000s", page)
	}
	if resp, _ := do(t, app, form("POST", "/admin/snapshots/run", url.Values{}, cookie)); resp.StatusCode != 403 || started != 0 {
		t.Errorf("a trigger without the CSRF token: %d (started %d), want 403", resp.StatusCode, started)
	}
	if resp, _ := do(t, app, form("POST", "/admin/snapshots/run", url.Values{"_csrf": {csrf}}, cookie)); resp.StatusCode != 303 || started != 1 {
		t.Errorf("trigger: %d (started %d)", resp.StatusCode, started)
	}
	ack := url.Values{"_csrf": {csrf}, "note": {"publisher contacted"}}
	if resp, _ := do(t, app, form("POST", "/admin/alerts/stalled-1/ack", ack, cookie)); resp.StatusCode != 303 {
		t.Errorf("acknowledge: %d", resp.StatusCode)
	}
	if len(acked) != 1 || acked[0] != "stalled-1|alice|publisher contacted" {
		t.Errorf("acknowledged %v", acked)
	}
}
