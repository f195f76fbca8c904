package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/sqlite"
	"github.com/feedgauge/feedgauge/internal/web"
	"github.com/feedgauge/feedgauge/internal/web/webtest"
	"github.com/feedgauge/feedgauge/queries"
)

// fixture is one store with a year of weekly history shared by the tests
// that only read (building it takes about a second).
type fixture struct {
	st    store.Store
	world *webtest.World
	cat   *query.Catalog
	dir   string
	err   error
}

var (
	shared     fixture
	sharedOnce sync.Once
)

// smallWorld is big enough for every chart and small enough to build fast.
var smallWorld = webtest.Options{Weeks: 52, Activities: 600, Datasets: 12}

func sharedFixture(t testing.TB) *fixture {
	t.Helper()
	sharedOnce.Do(func() {
		shared.dir, shared.err = os.MkdirTemp("", "feedgauge-web-")
		if shared.err != nil {
			return
		}
		shared.st, shared.world, shared.cat, shared.err = buildStore(context.Background(), filepath.Join(shared.dir, "fg.db"), smallWorld)
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return &shared
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.st != nil {
		shared.st.Close()
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

func buildStore(ctx context.Context, path string, o webtest.Options) (store.Store, *webtest.World, *query.Catalog, error) {
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, nil, nil, err
	}
	if _, err := st.Migrate(ctx); err != nil {
		return nil, nil, nil, err
	}
	w, err := webtest.Generate(ctx, st, o)
	if err != nil {
		return nil, nil, nil, err
	}
	cat, err := query.Load(queries.FS)
	return st, w, cat, err
}

// testMethod reads the default scoring profile from the repository.
func testMethod(t testing.TB) *web.Method {
	t.Helper()
	b, err := os.ReadFile("../score/profiles/default.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := web.ParseMethod(b, "test")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func newServer(t testing.TB, st store.Store, cat *query.Catalog, mod ...func(*web.Options)) *web.Server {
	t.Helper()
	o := web.Options{Store: st, Catalog: cat, Method: testMethod(t), ActivityTypeLabels: webtest.ActivityTypes,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), AdminToken: "s3cret", Version: "test"}
	for _, f := range mod {
		f(&o)
	}
	srv, err := web.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// get performs a request against the app in memory.
func get(t testing.TB, srv *web.Server, target string, header ...string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := srv.App().Test(req, 30_000)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}
