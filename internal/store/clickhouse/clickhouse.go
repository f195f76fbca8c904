// Package clickhouse is the production store: ClickHouse over the native
// protocol with clickhouse-go v2. It sticks to SQL that both ClickHouse 18.16
// (Debian's package, what CI runs) and current releases accept.
package clickhouse

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	ch "github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/feedgauge/feedgauge/internal/store"
)

func init() {
	store.Register("clickhouse", func(ctx context.Context, dsn string) (store.Store, error) {
		return OpenDSN(ctx, dsn)
	})
}

// DB is an open ClickHouse store.
type DB struct {
	conn    driver.Conn
	db      string
	addr    string
	cluster Cluster
}

var _ store.Store = (*DB)(nil)

// Open connects to the server a DSN names, creating its database if needed.
// DSN: clickhouse://host:port/db?dial_timeout=5s&read_timeout=60s&cluster=NAME
func Open(ctx context.Context, dsn string) (*DB, error) {
	u, err := url.Parse(dsn)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("the ClickHouse address %q is not a URL like clickhouse://127.0.0.1:9000/feedgauge", dsn)
	}
	dbName := strings.Trim(u.Path, "/")
	if dbName == "" {
		dbName = "feedgauge"
	}
	q := u.Query()
	cluster := Cluster{Name: q.Get("cluster")}
	q.Del("cluster")
	if q.Get("dial_timeout") == "" {
		q.Set("dial_timeout", "5s")
	}
	if q.Get("read_timeout") == "" {
		q.Set("read_timeout", "120s")
	}
	u.RawQuery = q.Encode()
	u.Path = "/default"
	opts, err := ch.ParseDSN(u.String())
	if err != nil {
		return nil, fmt.Errorf("the ClickHouse address %q: %w", dsn, err)
	}
	opts.Compression = &ch.Compression{Method: ch.CompressionLZ4}
	conn, err := ch.Open(opts)
	if err != nil {
		return nil, unavailable(u.Host, err)
	}
	if err := conn.Ping(ctx); err != nil {
		conn.Close()
		return nil, unavailable(u.Host, err)
	}
	if err := conn.Exec(ctx, "CREATE DATABASE IF NOT EXISTS "+quoteIdent(dbName)); err != nil {
		conn.Close()
		return nil, fmt.Errorf("create ClickHouse database %s: %w", dbName, err)
	}
	conn.Close()
	opts.Auth.Database = dbName
	conn, err = ch.Open(opts)
	if err != nil {
		return nil, unavailable(u.Host, err)
	}
	return &DB{conn: conn, db: dbName, addr: u.Host, cluster: cluster}, nil
}

func quoteIdent(s string) string { return "`" + strings.ReplaceAll(s, "`", "") + "`" }

// unavailable wraps errors that mean the server could not be reached, so
// callers can tell "down" from "wrong".
func unavailable(addr string, err error) error {
	var ex *ch.Exception
	if errors.As(err, &ex) {
		return err
	}
	return fmt.Errorf("%w: ClickHouse at %s did not answer (is it running?): %v", store.ErrUnavailable, addr, err)
}

func (db *DB) Backend() string { return "clickhouse" }
func (db *DB) Final() string   { return " FINAL" }
func (db *DB) Close() error    { return db.conn.Close() }

// Database is the database name in use.
func (db *DB) Database() string { return db.db }

func (db *DB) Ping(ctx context.Context) error {
	if err := db.conn.Ping(ctx); err != nil {
		return unavailable(db.addr, err)
	}
	return nil
}

// Exec runs one statement.
func (db *DB) Exec(ctx context.Context, q string, args ...store.Arg) error {
	if err := db.conn.Exec(ctx, q, chArgs(args)...); err != nil {
		return db.wrap(err)
	}
	return nil
}

func (db *DB) wrap(err error) error {
	var ex *ch.Exception
	if errors.As(err, &ex) || errors.Is(err, context.Canceled) {
		return err
	}
	return unavailable(db.addr, err)
}

func chArgs(args []store.Arg) []any {
	out := make([]any, len(args))
	for i, a := range args {
		v := a.Value
		switch x := v.(type) {
		case bool:
			if x {
				v = uint8(1)
			} else {
				v = uint8(0)
			}
		case time.Time:
			v = x.UTC()
		}
		out[i] = ch.Named(a.Name, v)
	}
	return out
}
