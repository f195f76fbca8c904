package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
	"github.com/feedgauge/feedgauge/internal/web"
	"github.com/feedgauge/feedgauge/queries"
)

// TestServicePageShowsORUKChecks: an Open Referral UK service's page lists
// the ORUK profile's checks, not the OpenActive ones.
func TestServicePageShowsORUKChecks(t *testing.T) {
	ctx := context.Background()
	st := storetest.SQLite(t)
	if err := storetest.LoadFixture(ctx, st); err != nil {
		t.Fatal(err)
	}
	s := storetest.FixtureScores(storetest.T2, 1)[0]
	s.DatasetID, s.ActivityID, s.Kind, s.FailedChecks = "https://council.example/oruk", "https://council.example/oruk#svc-1", "Service", []string{"sv.3"}
	if err := store.PutScores(ctx, st, []domain.ActivityScore{s}); err != nil {
		t.Fatal(err)
	}
	cat, err := query.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	checks := &web.Method{SPReadyChecks: []web.CheckInfo{{ID: "sv.3", Title: "Organisation named"}, {ID: "sv.1", Title: "Service name"}},
		AssuranceChecks: []web.CheckInfo{{ID: "sa.1", Title: "Assured recently"}}}
	srv := newServer(t, st, cat, func(o *web.Options) { o.ServiceChecks = checks })
	resp, body := get(t, srv, "/activity?dataset="+url.QueryEscape(s.DatasetID)+"&id="+url.QueryEscape(s.ActivityID))
	if resp.StatusCode != 200 {
		t.Fatalf("service page: %d\n%.500s", resp.StatusCode, body)
	}
	for _, want := range []string{"Open Referral UK service completeness checks", "Organisation named", "Assured recently"} {
		if !strings.Contains(body, want) {
			t.Errorf("the service page lacks %q", want)
		}
	}
	if strings.Contains(body, "SP-ready completeness checks") {
		t.Error("the service page lists the OpenActive checks")
	}
}
