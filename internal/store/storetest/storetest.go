// Package storetest gives tests real stores: the embedded store always, and
// ClickHouse whenever FEEDGAUGE_TEST_CLICKHOUSE names a server
// (clickhouse://127.0.0.1:29000). Under CI=true a missing ClickHouse is a
// failure, not a skip: CI must prove both backends.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/clickhouse"
	"github.com/feedgauge/feedgauge/internal/store/sqlite"
)

// EnvClickHouse names the ClickHouse server tests use.
const EnvClickHouse = "FEEDGAUGE_TEST_CLICKHOUSE"

// SQLite opens a migrated embedded store in a temporary folder.
func SQLite(tb testing.TB) store.Store {
	tb.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "feedgauge.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatal(err)
	}
	return db
}

// ClickHouseDSN returns the server DSN from the environment, failing under
// CI when it is missing and skipping otherwise.
func ClickHouseDSN(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv(EnvClickHouse)
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("CI=true but %s is not set: CI must run the ClickHouse tests", EnvClickHouse)
		}
		tb.Skipf("set %s=clickhouse://127.0.0.1:29000 to run against ClickHouse", EnvClickHouse)
	}
	return strings.TrimSuffix(dsn, "/")
}

// ClickHouse opens a migrated store in a fresh database of the test server.
// The database is dropped when the test passes and kept for inspection when
// it fails.
func ClickHouse(tb testing.TB) store.Store {
	tb.Helper()
	base := ClickHouseDSN(tb)
	ctx := context.Background()
	name := DBName(tb)
	db, err := clickhouse.Open(ctx, base+"/"+name)
	if err != nil {
		tb.Fatalf("open ClickHouse test database: %v", err)
	}
	tb.Cleanup(func() {
		if !tb.Failed() {
			db.Exec(context.Background(), "DROP DATABASE IF EXISTS `"+name+"`")
		}
		db.Close()
	})
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatal(err)
	}
	return db
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// DBName is a unique database name for a test.
func DBName(tb testing.TB) string {
	b := make([]byte, 4)
	rand.Read(b)
	n := nonWord.ReplaceAllString(strings.ToLower(tb.Name()), "_")
	if len(n) > 40 {
		n = n[:40]
	}
	return "fgt_" + n + "_" + hex.EncodeToString(b)
}

// Backend is a named store for table-driven tests.
type Backend struct {
	Name  string
	Store store.Store
}

// All returns the embedded store and, when configured, ClickHouse.
func All(tb testing.TB) []Backend {
	tb.Helper()
	out := []Backend{{"sqlite", SQLite(tb)}}
	if os.Getenv(EnvClickHouse) != "" || os.Getenv("CI") == "true" {
		out = append(out, Backend{"clickhouse", ClickHouse(tb)})
	}
	return out
}

// CPUTime is the process's user and system CPU time so far. Benchmarks
// report it beside the wall clock: on a shared machine it varies far less,
// so it shows whether a change made the work itself cheaper.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
