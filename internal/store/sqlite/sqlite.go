// Package sqlite is the embedded store: pure-Go SQLite (modernc.org/sqlite)
// in WAL mode, the zero-setup default.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/feedgauge/feedgauge/internal/store"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

func init() {
	store.Register("sqlite", func(ctx context.Context, dsn string) (store.Store, error) {
		return Open(ctx, strings.TrimPrefix(dsn, "sqlite:"))
	})
}

// Page-cache sizes in KiB (negative: SQLite's convention for KiB).
var writeCache, readCache = "-32768", "-8192"

// DB is an open embedded store. Writes go through one connection (SQLite
// allows one writer); reads use a small pool so the dashboard is not blocked
// by a running snapshot.
type DB struct {
	path  string
	write *sql.DB
	read  *sql.DB
	wmu   sync.Mutex
}

var _ store.Store = (*DB)(nil)

// Open opens (creating if needed) the database file at path.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("sqlite store needs a file path: use sqlite:./feedgauge-data/feedgauge.db")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("cannot create the folder for the embedded store %s: %w", path, err)
		}
	}
	// A page cache is cleared whenever another connection has written, at a
	// cost that grows with its size, so readers keep a small one and the
	// single writer a larger one.
	pragmas := "?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(OFF)&_pragma=temp_store(MEMORY)&_pragma=wal_autocheckpoint(8192)"
	write, err := sql.Open("sqlite", "file:"+path+pragmas+"&_pragma=cache_size("+writeCache+")&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open embedded store %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	read, err := sql.Open("sqlite", "file:"+path+pragmas+"&_pragma=cache_size("+readCache+")&mode=ro")
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open embedded store %s: %w", path, err)
	}
	read.SetMaxOpenConns(4)
	// Keep every read connection warm: reopening one costs a dashboard page
	// tens of milliseconds.
	read.SetMaxIdleConns(4)
	read.SetConnMaxIdleTime(0)
	db := &DB{path: path, write: write, read: read}
	if err := db.checkWritable(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// checkWritable fails early, with the path, when the file cannot be written.
func (db *DB) checkWritable(ctx context.Context) error {
	if _, err := db.write.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"); err != nil {
		return fmt.Errorf("the embedded store %s cannot be written (check the path and its permissions): %w", db.path, err)
	}
	return nil
}

func (db *DB) Backend() string { return "sqlite" }
func (db *DB) Final() string   { return "" }

func (db *DB) Ping(ctx context.Context) error { return db.read.PingContext(ctx) }

func (db *DB) Close() error {
	err := db.read.Close()
	if e := db.write.Close(); err == nil {
		err = e
	}
	return err
}

// Path is the database file.
func (db *DB) Path() string { return db.path }

func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	return store.RunMigrations(ctx, "sqlite", migrator{db}, nil)
}

type migrator struct{ db *DB }

func (m migrator) AppliedVersions(ctx context.Context) (map[int]bool, error) {
	rows, err := m.db.write.QueryContext(ctx, "SELECT version FROM schema_migrations")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out[v] = true
	}
	return out, rows.Err()
}

func (m migrator) Apply(ctx context.Context, mig store.Migration, stmts []string) error {
	m.db.wmu.Lock()
	defer m.db.wmu.Unlock()
	tx, err := m.db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%w\n%s", err, s)
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%s','now'))", mig.Version, mig.Name); err != nil {
		return err
	}
	return tx.Commit()
}
