package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"
	"unsafe"

	"github.com/feedgauge/feedgauge/internal/store"
)

// maxVars keeps multi-row INSERTs under SQLite's bound-variable limit.
const maxVars = 30000

// Insert upserts rows in one transaction with multi-row INSERT OR REPLACE
// statements, which is several times faster than one statement per row.
func (db *DB) Insert(ctx context.Context, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return fmt.Errorf("insert into %s: %w", table, db.explain(err))
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(rawConn)
		if !ok {
			return fmt.Errorf("the SQLite driver's connection (%T) cannot prepare statements", dc)
		}
		return insertRows(ctx, c, table, cols, rows)
	})
	if err != nil {
		return fmt.Errorf("insert into %s: %w", table, db.explain(err))
	}
	return nil
}

type rawConn interface {
	driver.ConnBeginTx
	driver.ConnPrepareContext
}

// insertRows writes on the driver's own connection: through database/sql
// every value of a write (forty to a score row) would be checked and copied
// into a new slice for each statement, a twentieth of the writer's time.
func insertRows(ctx context.Context, c rawConn, table string, cols []string, rows [][]any) (err error) {
	per := min(maxVars/len(cols), 100)
	tx, err := c.BeginTx(ctx, driver.TxOptions{})
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	var full driver.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]driver.NamedValue, 0, min(per, len(rows))*len(cols))
	for start := 0; start < len(rows); start += per {
		end := min(start+per, len(rows))
		args = args[:0]
		for _, r := range rows[start:end] {
			if len(r) != len(cols) {
				return fmt.Errorf("row has %d values for %d columns", len(r), len(cols))
			}
			for _, v := range r {
				args = append(args, driver.NamedValue{Ordinal: len(args) + 1, Value: toSQLite(v)})
			}
		}
		stmt := full
		if end-start != per || stmt == nil {
			if stmt, err = c.PrepareContext(ctx, insertSQL(table, cols, end-start)); err != nil {
				return err
			}
			if end-start == per {
				full = stmt
			} else {
				defer stmt.Close()
			}
		}
		if _, err = stmt.(driver.StmtExecContext).ExecContext(ctx, args); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func insertSQL(table string, cols []string, n int) string {
	var b strings.Builder
	b.WriteString("INSERT OR REPLACE INTO ")
	b.WriteString(table)
	b.WriteString(" (")
	b.WriteString(strings.Join(cols, ", "))
	b.WriteString(") VALUES ")
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + ")"
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(one)
	}
	return b.String()
}

// toSQLite maps the store's value set onto SQLite's: times as Unix seconds,
// booleans as 0/1, lists as JSON text.
func toSQLite(v any) any {
	switch x := v.(type) {
	case nil, string, int64, float64:
		return x
	case int:
		return int64(x)
	case uint64:
		return int64(x)
	case uint32:
		return int64(x)
	case uint8:
		return int64(x)
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case time.Time:
		return x.Unix()
	case *time.Time:
		if x == nil {
			return nil
		}
		return x.Unix()
	case *int:
		if x == nil {
			return nil
		}
		return int64(*x)
	case *float64:
		if x == nil {
			return nil
		}
		return *x
	case []string:
		return jsonList(x)
	case json.RawMessage:
		return unsafeString(x)
	case []byte:
		return unsafeString(x)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && rv.IsNil() {
		return nil
	}
	return fmt.Sprint(v)
}

// jsonList writes a list as JSON text, as json.Marshal does. Lists are
// check ids and property names, written several to a row, so the plain
// ones skip the encoder's reflection.
func jsonList(l []string) string {
	if len(l) == 0 {
		return "[]"
	}
	n := 1
	for _, s := range l {
		if !plainJSON(s) {
			b, _ := json.Marshal(l)
			return string(b)
		}
		n += len(s) + 3
	}
	b := make([]byte, 0, n)
	for i, s := range l {
		b = append(b, ',', '"')
		if i == 0 {
			b[0] = '['
		}
		b = append(b, s...)
		b = append(b, '"')
	}
	return string(append(b, ']'))
}

// plainJSON reports whether s needs no escaping in JSON (json.Marshal also
// escapes <, > and &).
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}

// unsafeString views b as text without copying it: the driver copies a
// bound value into SQLite's own memory, so nothing keeps the string after
// the statement, and an item's JSON (most of what a harvest writes) is not
// copied once more on its way in.
func unsafeString(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

func sqliteArgs(args []store.Arg) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = sql.Named(a.Name, toSQLite(a.Value))
	}
	return out
}

// Query runs a read on the read pool.
func (db *DB) Query(ctx context.Context, q string, args ...store.Arg) (store.Rows, error) {
	rows, err := db.read.QueryContext(ctx, q, sqliteArgs(args)...)
	if err != nil {
		return nil, err
	}
	cols, err := rows.Columns()
	if err != nil {
		rows.Close()
		return nil, err
	}
	return &sqlRows{rows: rows, cols: cols}, nil
}

// Exec runs a statement on the writer.
func (db *DB) Exec(ctx context.Context, q string, args ...store.Arg) error {
	db.wmu.Lock()
	defer db.wmu.Unlock()
	_, err := db.write.ExecContext(ctx, q, sqliteArgs(args)...)
	return db.explain(err)
}

// ErrFull marks a write refused because the disk (or the database's size
// limit) is full; nothing of that write was stored.
var ErrFull = errors.New("the embedded store is full")

// explain turns SQLite's "database or disk is full" into words an operator
// can act on; other errors pass through.
func (db *DB) explain(err error) error {
	if err == nil || !strings.Contains(err.Error(), "database or disk is full") {
		return err
	}
	return fmt.Errorf("%w: the disk holding %s has no room left; free space or move the store (--store), then run again — nothing of this write was stored: %v", ErrFull, db.path, err)
}

type sqlRows struct {
	rows *sql.Rows
	cols []string
	buf  []any
	ptrs []any
}

func (r *sqlRows) Columns() []string { return r.cols }
func (r *sqlRows) Next() bool        { return r.rows.Next() }
func (r *sqlRows) Err() error        { return r.rows.Err() }
func (r *sqlRows) Close() error      { return r.rows.Close() }

func (r *sqlRows) Values() ([]any, error) {
	if r.buf == nil {
		r.buf = make([]any, len(r.cols))
		r.ptrs = make([]any, len(r.cols))
		for i := range r.buf {
			r.ptrs[i] = &r.buf[i]
		}
	}
	if err := r.rows.Scan(r.ptrs...); err != nil {
		return nil, err
	}
	out := make([]any, len(r.buf))
	for i, v := range r.buf {
		out[i] = store.Normalise(v)
	}
	return out, nil
}

func (r *sqlRows) Scan(dest ...any) error {
	vals, err := r.Values()
	if err != nil {
		return err
	}
	return store.ScanRow(vals, dest)
}
