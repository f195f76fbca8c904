package oruk

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/fetch"
	"github.com/feedgauge/feedgauge/internal/oruk/sniff"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// fakeAPI is a v3 API whose services can change between attempts.
type fakeAPI struct {
	mu       sync.Mutex
	ids      []string
	shallow  bool // list entries without child lists; details at /services/{id}
	past     int  // page past the end: 0 empty page, 404, or 200 repeating the last page
	noDetail bool // /services/{id} answers 500
	size     int
}

func (f *fakeAPI) service(id string, full bool) map[string]any {
	s := map[string]any{"id": id, "name": "Service " + id, "status": "active", "description": "A service described in more than thirty characters."}
	if full {
		s["service_at_locations"] = []any{map[string]any{"id": "l" + id, "location": map[string]any{"id": "x", "location_type": "physical",
			"addresses": []any{map[string]any{"postal_code": "M32 0FW"}}}}}
	}
	return s
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w.Header().Set("Access-Control-Allow-Origin", "*")
	if id, ok := strings.CutPrefix(r.URL.Path, "/api/services/"); ok {
		if f.noDetail {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		json.NewEncoder(w).Encode(f.service(id, true))
		return
	}
	p, _ := strconv.Atoi(r.URL.Query().Get("page"))
	pages := (len(f.ids) + f.size - 1) / f.size
	if p > pages && f.past == http.StatusNotFound {
		http.NotFound(w, r)
		return
	}
	if p > pages && f.past == http.StatusOK && pages > 0 {
		p = pages
	}
	list := []any{}
	for j := (p - 1) * f.size; j < min(p*f.size, len(f.ids)); j++ {
		list = append(list, f.service(f.ids[j], !f.shallow))
	}
	json.NewEncoder(w).Encode(map[string]any{"total_items": len(f.ids), "total_pages": pages, "page_number": p, "size": f.size,
		"first_page": p == 1, "last_page": p >= pages, "empty": len(list) == 0, "contents": list})
}

func harvestOpts(t *testing.T, st store.Store) Options {
	fo := fetch.DefaultOptions()
	fo.AllowCIDRs = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	fo.HostRate, fo.MaxAttempts, fo.BackoffBase = -1, 1, time.Millisecond
	return Options{Store: st, Client: fetch.New(fo)}
}

func attempt(t *testing.T, o Options, srv *httptest.Server, at time.Time) domain.HarvestAttempt {
	t.Helper()
	o.At = at
	stub := srv.URL + "/api"
	a, err := HarvestFeed(context.Background(), domain.Feed{URL: stub, DatasetID: stub, Kind: sniff.KindV3}, o)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestHarvestEndsAndWithdraws: a feed read to its end whatever the server
// does past the last page; unchanged services are not rewritten; services
// no longer listed are marked deleted, and come back when listed again.
func TestHarvestEndsAndWithdraws(t *testing.T) {
	for _, past := range []int{0, http.StatusNotFound, http.StatusOK} {
		t.Run(strconv.Itoa(past), func(t *testing.T) {
			api := &fakeAPI{ids: []string{"a", "b", "c", "d", "e"}, size: 2, past: past}
			srv := httptest.NewServer(api)
			defer srv.Close()
			st := storetest.SQLite(t)
			o := harvestOpts(t, st)
			a := attempt(t, o, srv, T0)
			if a.Status != domain.StatusOK || !a.ReachedEnd || a.ItemsChanged != 5 || len(a.FailedChecks) != 1 || a.FailedChecks[0] != CheckHTTPS {
				t.Fatalf("first attempt %+v", a)
			}
			if a2 := attempt(t, o, srv, T0.Add(time.Hour)); a2.ItemsChanged != 0 {
				t.Errorf("an unchanged feed stored %d changes", a2.ItemsChanged)
			}
			api.mu.Lock()
			api.ids = []string{"a", "c", "e"}
			api.mu.Unlock()
			a3 := attempt(t, o, srv, T0.Add(2*time.Hour))
			live, deleted, _ := store.CountItems(context.Background(), st, srv.URL+"/api", srv.URL+"/api")
			if a3.ItemsDeleted != 2 || live != 3 || deleted != 2 {
				t.Errorf("withdrawn %d, live %d, deleted %d; want 2, 3, 2", a3.ItemsDeleted, live, deleted)
			}
			api.mu.Lock()
			api.ids = []string{"a", "b", "c", "e"}
			api.mu.Unlock()
			attempt(t, o, srv, T0.Add(3*time.Hour))
			if live, deleted, _ := store.CountItems(context.Background(), st, srv.URL+"/api", srv.URL+"/api"); live != 4 || deleted != 1 {
				t.Errorf("after b came back: live %d, deleted %d", live, deleted)
			}
		})
	}
}

// TestHarvestReadsDetails: shallow list entries are completed from
// /services/{id}; a broken detail endpoint fails oruk.detail, the list
// entries are kept and detail reads stop after three failures.
func TestHarvestReadsDetails(t *testing.T) {
	api := &fakeAPI{ids: []string{"a", "b", "c", "d", "e"}, size: 5, shallow: true}
	srv := httptest.NewServer(api)
	defer srv.Close()
	st := storetest.SQLite(t)
	a := attempt(t, harvestOpts(t, st), srv, T0)
	if a.Status != domain.StatusOK || a.Pages != 2+5 {
		t.Fatalf("%+v", a)
	}
	var data string
	store.EachLiveItem(context.Background(), st, srv.URL+"/api", func(it domain.Item) error {
		data = string(it.Data)
		return nil
	})
	if !strings.Contains(data, "service_at_locations") {
		t.Errorf("the stored service is the list entry, not its detail: %s", data)
	}
	api2 := &fakeAPI{ids: []string{"a", "b", "c", "d", "e"}, size: 5, shallow: true, noDetail: true}
	srv2 := httptest.NewServer(api2)
	defer srv2.Close()
	o2 := harvestOpts(t, storetest.SQLite(t))
	a = attempt(t, o2, srv2, T0)
	if a.Status != domain.StatusOK || a.ItemsChanged != 5 || !strings.Contains(a.Message, "/services/{id} failed for 3 services") {
		t.Errorf("%+v", a)
	}
	if got := a.FailedChecks; len(got) != 2 || got[0] != CheckDetail {
		t.Errorf("checks %v", got)
	}
	api2.mu.Lock()
	api2.noDetail = false
	api2.mu.Unlock()
	if a = attempt(t, o2, srv2, T0.Add(time.Hour)); a.ItemsChanged != 5 || len(a.FailedChecks) != 1 {
		t.Errorf("services stored without their details were not read again: %+v", a)
	}
	if a = attempt(t, o2, srv2, T0.Add(2*time.Hour)); a.ItemsChanged != 0 {
		t.Errorf("complete services were read again: %d changes", a.ItemsChanged)
	}
}
