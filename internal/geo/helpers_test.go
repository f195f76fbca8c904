package geo

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// openSQLite opens a migrated embedded store in a temporary folder.
func openSQLite(tb testing.TB) store.Store { return storetest.SQLite(tb) }

// openStores returns the stores a backend-agnostic test runs on: the
// embedded store always, and ClickHouse when FEEDGAUGE_TEST_CLICKHOUSE names
// a server (clickhouse://127.0.0.1:29000), each test in its own database
// (see internal/store/storetest; under CI=true a missing server fails).
func openStores(t *testing.T) []store.Store {
	t.Helper()
	var out []store.Store
	for _, b := range storetest.All(t) {
		out = append(out, b.Store)
	}
	return out
}

func testdata(name string) string { return filepath.Join("testdata", name) }

// mustImport imports a testdata file and fails the test on error.
func mustImport(t testing.TB, st store.Store, kind, name string) Report {
	t.Helper()
	rep, err := Import(context.Background(), st, kind, testdata(name))
	if err != nil {
		t.Fatalf("import %s %s: %v\n%s", kind, name, err, rep)
	}
	return rep
}

// demoResolver loads the shipped demo place into a fresh embedded store.
func demoResolver(t testing.TB) (*Resolver, store.Store) {
	t.Helper()
	st := openSQLite(t)
	ctx := context.Background()
	if reps, err := ImportDemo(ctx, st); err != nil {
		t.Fatalf("ImportDemo: %v\n%v", err, reps)
	}
	r, err := Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	return r, st
}
