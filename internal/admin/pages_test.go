package admin

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/assurance"
	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/grants"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/gofiber/fiber/v2"
)

const ds = "https://a.example.org/openactive/"

// suggestionWorld: one organiser, "Sale Harriers" in Trafford, in a
// complete snapshot; the grant's recipient is "Sale Harriers Ltd".
func suggestionWorld(t *testing.T, st store.Store) string {
	t.Helper()
	ctx := context.Background()
	at := clock.Add(-24 * time.Hour)
	must(t, store.PutDatasets(ctx, st, []domain.Dataset{{ID: ds, Name: "Active Trafford", DiscoveredAt: at}}))
	must(t, store.PutOrganisers(ctx, st, []domain.Organiser{{T: at, DatasetID: ds, Key: "https://a.example.org/org/4",
		Name: "Sale Harriers", LAD: "E08000009"}}))
	must(t, store.PutSnapshot(ctx, st, domain.Snapshot{T: at, StartedAt: at, FinishedAt: at, Status: domain.SnapshotComplete}))
	csv := "Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name," +
		"Funding Org:Identifier,Funding Org:Name,Beneficiary Location:Geographic Code\n" +
		"360G-s-1,<script>alert(1)</script>,D,GBP,500,2025-01-10,360G-tr-sale,Sale Harriers Ltd,GB-LAE-TRF,Trafford,E08000009\n"
	p := filepath.Join(t.TempDir(), "sale.csv")
	must(t, os.WriteFile(p, []byte(csv), 0o644))
	return p
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestLinkDecisionViaForm: the upload links the recipient as a suggestion;
// the links page offers confirm and reject; confirming records the person.
func TestLinkDecisionViaForm(t *testing.T) {
	app, st := testApp(t, token, 0)
	cookie, csrf := login(t, app, "alice")
	req := upload(t, "/admin/grants/upload", suggestionWorld(t, st), map[string]string{"_csrf": csrf})
	req.Header.Set("Cookie", cookie)
	if resp, body := do(t, app, req); resp.StatusCode != 200 {
		t.Fatalf("upload: %d %s", resp.StatusCode, body)
	}
	_, page := do(t, app, form("GET", "/admin/links", nil, cookie))
	if !strings.Contains(page, "Sale Harriers Ltd") || !strings.Contains(page, `action="/admin/links/confirm"`) {
		t.Fatalf("links page:\n%.3000s", page)
	}
	_, grantsPage := do(t, app, form("GET", "/admin/grants", nil, cookie))
	if strings.Contains(grantsPage, "<script>alert(1)") || !strings.Contains(grantsPage, "&lt;script&gt;") ||
		!strings.Contains(grantsPage, "no link found") || !strings.Contains(grantsPage, "(1 suggested)") {
		t.Errorf("grants page:\n%.4000s", grantsPage)
	}
	decision := url.Values{"_csrf": {csrf}, "subject_kind": {"recipient"}, "subject_id": {"GB-LAE-TRF/360G-tr-sale"},
		"dataset_id": {ds}, "organiser_key": {"https://a.example.org/org/4"}, "note": {"same club"}}
	resp, _ := do(t, app, form("POST", "/admin/links/confirm", decision, cookie))
	if resp.StatusCode != fiber.StatusSeeOther {
		t.Fatalf("confirm: %d", resp.StatusCode)
	}
	ls, err := grants.Links(context.Background(), st, grants.LinkFilter{})
	if err != nil || len(ls) != 1 || ls[0].State != grants.StateConfirmed || ls[0].DecidedBy != "alice" {
		t.Errorf("links after confirming: %+v %v", ls, err)
	}
	_, grantsPage = do(t, app, form("GET", "/admin/grants", nil, cookie))
	if !strings.Contains(grantsPage, "not publishing") || !strings.Contains(grantsPage, "confirmed") {
		t.Errorf("after confirming, the grant should be linked but not publishing:\n%.4000s", grantsPage)
	}
}

// TestPagesRender: every page draws, signed in, with data in it.
func TestPagesRender(t *testing.T) {
	app, st := testApp(t, token, 0)
	cookie, csrf := login(t, app, "alice")
	req := upload(t, "/admin/grants/upload", suggestionWorld(t, st), map[string]string{"_csrf": csrf})
	req.Header.Set("Cookie", cookie)
	do(t, app, req)
	reg := "organiser_id,organiser_url,organiser_name,local_authority,scheme,assured_by,assured_on,expires_on,evidence_url\n" +
		",https://club.org.uk,,,Quest,Council,2026-01-01,,\n,,,,Quest,Council,01/02/2026,,\n"
	p := filepath.Join(t.TempDir(), "register.csv")
	must(t, os.WriteFile(p, []byte(reg), 0o644))
	req = upload(t, "/admin/assurance/import", p, map[string]string{"_csrf": csrf})
	req.Header.Set("Cookie", cookie)
	resp, regReport := do(t, app, req)
	if resp.StatusCode != 200 || !strings.Contains(regReport, "1 added") || !strings.Contains(regReport, "<td>3</td>") {
		t.Errorf("register import page: %d\n%s", resp.StatusCode, regReport)
	}
	imports, err := grants.Imports(context.Background(), st, 5)
	if err != nil || len(imports) != 1 {
		t.Fatal(imports, err)
	}
	for _, path := range []string{"/admin/", "/admin/login", "/admin/grants", "/admin/grants?quarter=2026Q4", "/admin/grants/upload",
		"/admin/grants/imports", "/admin/grants/imports/" + imports[0].ID, "/admin/links?state=active", "/admin/links",
		"/admin/assurance"} {
		resp, body := do(t, app, form("GET", path, nil, cookie))
		if resp.StatusCode != 200 || !strings.Contains(body, "</html>") {
			t.Errorf("GET %s: %d\n%.500s", path, resp.StatusCode, body)
		}
	}
	if resp, _ := do(t, app, authGet("/admin/grants?quarter=2026Q9")); resp.StatusCode != 400 {
		t.Errorf("a bad quarter: %d, want 400", resp.StatusCode)
	}
	if resp, _ := do(t, app, authGet("/admin/assurance/r-nothing")); resp.StatusCode != 404 {
		t.Errorf("unknown entry: %d, want 404", resp.StatusCode)
	}
	es, _, err := assurance.Entries(context.Background(), st, clock)
	if err != nil || len(es) != 1 {
		t.Fatal(es, err)
	}
	resp, body := do(t, app, form("GET", "/admin/assurance/"+es[0].ID, nil, cookie))
	if resp.StatusCode != 200 || !strings.Contains(body, `value="https://club.org.uk"`) || !strings.Contains(body, `value="2027-01-01"`) {
		t.Errorf("entry page with its edit form: %d\n%.3000s", resp.StatusCode, body)
	}
}
