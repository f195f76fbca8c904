// Package store is the contract between feedgauge and its storage backends.
//
// Backends implement a handful of primitives (Insert, Query, Exec) over the
// same schema; everything typed (items, scores, attempts) is written once, in
// this package, on top of them. Insert is an upsert by each table's key on
// every backend, so re-running a snapshot replaces rows instead of adding them.
package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Store is one open backend.
type Store interface {
	// Backend names the dialect: "sqlite" or "clickhouse". Named queries and
	// migrations are chosen by it.
	Backend() string
	// Migrate brings the schema up to date and returns the versions applied.
	Migrate(ctx context.Context) ([]string, error)
	Ping(ctx context.Context) error
	// Insert upserts rows by the table's key. Values may be string, int,
	// int64, uint64, float64, bool, time.Time, *time.Time, *int, []string
	// or nil (NULL).
	Insert(ctx context.Context, table string, cols []string, rows [][]any) error
	// Query runs SQL written for this backend. Arguments are bound by name:
	// write @name in the SQL.
	Query(ctx context.Context, sql string, args ...Arg) (Rows, error)
	// Exec runs SQL that returns no rows (DDL, deletes).
	Exec(ctx context.Context, sql string, args ...Arg) error
	// Final is the table modifier that makes a read see only the latest
	// version of each key: " FINAL" on ClickHouse, "" on SQLite.
	Final() string
	Close() error
}

// Arg is a named query argument, written @Name in SQL.
type Arg struct {
	Name  string
	Value any
}

// A is shorthand for building an Arg.
func A(name string, v any) Arg { return Arg{Name: name, Value: v} }

// Rows iterates over a result. Values come back normalised whatever the
// backend: nil, string, int64, float64, time.Time (UTC) or []string.
type Rows interface {
	Columns() []string
	Next() bool
	// Values returns the current row, normalised.
	Values() ([]any, error)
	// Scan converts the current row into the destinations: *string, *int,
	// *int64, *float64, *bool, *time.Time, **time.Time, **int, **float64,
	// *[]string or *any.
	Scan(dest ...any) error
	Err() error
	Close() error
}

// Opener opens a backend from the part of a DSN after its scheme.
type Opener func(ctx context.Context, dsn string) (Store, error)

var (
	mu       sync.RWMutex
	backends = map[string]Opener{}
)

// Register makes a backend available to Open under a DSN scheme.
func Register(scheme string, open Opener) {
	mu.Lock()
	defer mu.Unlock()
	backends[scheme] = open
}

// ErrUnknownScheme is returned by Open for a DSN whose scheme names no backend.
var ErrUnknownScheme = errors.New("unknown store")

// Open opens the store a DSN names: "sqlite:PATH" or
// "clickhouse://host:port/db?...".
func Open(ctx context.Context, dsn string) (Store, error) {
	scheme, _, ok := strings.Cut(dsn, ":")
	mu.RLock()
	open := backends[scheme]
	mu.RUnlock()
	if !ok || open == nil {
		return nil, fmt.Errorf("%w %q: use sqlite:PATH for the embedded store or clickhouse://host:9000/db for ClickHouse (known: %s)",
			ErrUnknownScheme, dsn, strings.Join(Schemes(), ", "))
	}
	return open(ctx, dsn)
}

// Schemes lists the registered DSN schemes.
func Schemes() []string {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]string, 0, len(backends))
	for s := range backends {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// ErrUnavailable marks failures to reach the store (network, server down), as
// opposed to errors in what was asked. Callers may spool and retry these.
var ErrUnavailable = errors.New("store unavailable")
