package discover

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/oruk/sniff"
	"github.com/feedgauge/feedgauge/internal/simulate"
)

// TestDiscoverORUK: a v3 root, a v1 API without a root (found by probing
// /services), a v1 feed claiming v3 and a feed directory listing them are
// ORUK datasets; a feed that blocks feedgauge is a failure row; OpenActive
// sources are unaffected.
func TestDiscoverORUK(t *testing.T) {
	sim, err := simulate.Start(context.Background(), simulate.Config{Seed: 4, Datasets: 1, Clock: now,
		ORUK: []simulate.ORUKFeed{{Services: 3}, {Version: 1, Services: 3}, {Version: 1, Services: 3, Faults: []string{"claims-v3"}},
			{Services: 3, Faults: []string{"blocked-ua"}}}})
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	fs := sim.ORUKFeeds()
	res := Discover(context.Background(), []Source{{URL: fs[0].URL}, {URL: fs[1].URL}, {URL: fs[2].URL}, {URL: fs[3].URL},
		{URL: sim.CatalogueURL()}}, Options{Client: simClient(), Now: now})
	kinds := map[string]string{}
	for _, f := range res.Feeds {
		kinds[f.DatasetID] = f.Kind
		if sniff.IsKind(f.Kind) && f.URL != f.DatasetID {
			t.Errorf("feed %s of %s: the stub should be the source", f.URL, f.DatasetID)
		}
	}
	want := map[string]string{fs[0].URL: sniff.KindV3, fs[1].URL: sniff.KindV1, fs[2].URL: sniff.KindV3}
	for u, k := range want {
		if kinds[u] != k {
			t.Errorf("%s: kind %q, want %q", u, kinds[u], k)
		}
	}
	if len(res.Failures) != 1 || res.Failures[0].FeedURL != fs[3].URL || res.Failures[0].ErrorKind != domain.KindAuthRequired {
		t.Errorf("failures %+v", res.Failures)
	}
	if len(res.Datasets) != 4 {
		t.Errorf("%d datasets, want 3 ORUK and 1 OpenActive", len(res.Datasets))
	}
	dir := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode([]map[string]any{{"url": fs[0].URL, "label": "Council A", "isUp": true},
			{"url": fs[1].URL, "label": "Council B", "isUp": false}})
	}))
	defer dir.Close()
	res = Discover(context.Background(), []Source{{URL: dir.URL}}, Options{Client: simClient(), Now: now})
	if len(res.Datasets) != 2 || res.Datasets[0].Name != "Council A" || len(res.Failures) != 0 {
		t.Errorf("directory: %+v %+v", res.Datasets, res.Failures)
	}
}
