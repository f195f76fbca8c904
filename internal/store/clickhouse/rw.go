package clickhouse

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/feedgauge/feedgauge/internal/store"
)

// batchRows is how many rows go in one block; ClickHouse prefers few large
// inserts to many small ones.
const batchRows = 100_000

// Insert appends rows through PrepareBatch with an explicit column list (18.16
// sends no header for a bare INSERT, see stack-facts). Tables are
// ReplacingMergeTrees keyed like the SQLite primary keys, so this upserts.
func (db *DB) Insert(ctx context.Context, table string, cols []string, rows [][]any) error {
	for start := 0; start < len(rows); start += batchRows {
		if err := db.insertBatch(ctx, table, cols, rows[start:min(start+batchRows, len(rows))]); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) insertBatch(ctx context.Context, table string, cols []string, rows [][]any) error {
	b, err := db.conn.PrepareBatch(ctx, "INSERT INTO "+quoteIdent(db.db)+"."+quoteIdent(table)+" ("+strings.Join(cols, ", ")+")")
	if err != nil {
		return fmt.Errorf("insert into %s: %w", table, db.wrap(err))
	}
	defer b.Close()
	types := make([]string, len(cols))
	for i, c := range b.Columns() {
		if i < len(types) {
			types[i] = string(c.Type())
		}
	}
	vals := make([]any, len(cols))
	for _, r := range rows {
		if len(r) != len(cols) {
			return fmt.Errorf("insert into %s: row has %d values for %d columns", table, len(r), len(cols))
		}
		for i, v := range r {
			if vals[i], err = convert(types[i], v); err != nil {
				return fmt.Errorf("insert into %s column %s: %w", table, cols[i], err)
			}
		}
		if err := b.Append(vals...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	if err := b.Send(); err != nil {
		return fmt.Errorf("insert into %s: %w", table, db.wrap(err))
	}
	return nil
}

// convert maps the store's value set onto the Go type the driver wants for
// a column type; the driver is strict about integer widths.
func convert(typ string, v any) (any, error) {
	if inner, ok := strings.CutPrefix(typ, "Nullable("); ok {
		v = deref(v)
		if v == nil {
			return nil, nil
		}
		return convert(strings.TrimSuffix(inner, ")"), v)
	}
	v = deref(v)
	switch typ {
	case "String":
		switch x := v.(type) {
		case string:
			return x, nil
		case []byte:
			return string(x), nil
		case json.RawMessage:
			return string(x), nil
		case nil:
			return "", nil
		}
		return fmt.Sprint(v), nil
	case "DateTime":
		if t, ok := v.(time.Time); ok {
			return t.UTC(), nil
		}
		return nil, fmt.Errorf("want a time, got %T", v)
	case "Float64":
		switch x := v.(type) {
		case float64:
			return x, nil
		case int:
			return float64(x), nil
		case int64:
			return float64(x), nil
		}
		return nil, fmt.Errorf("want a number, got %T", v)
	case "Array(String)":
		switch x := v.(type) {
		case []string:
			if x == nil {
				return []string{}, nil
			}
			return x, nil
		case nil:
			return []string{}, nil
		}
		return nil, fmt.Errorf("want a list of strings, got %T", v)
	}
	n, ok := asInt(v)
	if !ok {
		return nil, fmt.Errorf("want an integer for %s, got %T", typ, v)
	}
	switch typ {
	case "UInt8":
		return uint8(n), nil
	case "UInt16":
		return uint16(n), nil
	case "UInt32":
		return uint32(n), nil
	case "UInt64":
		return uint64(n), nil
	case "Int8":
		return int8(n), nil
	case "Int16":
		return int16(n), nil
	case "Int32":
		return int32(n), nil
	case "Int64":
		return n, nil
	}
	return nil, fmt.Errorf("column type %s is not supported by the store layer", typ)
}

func deref(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		return rv.Elem().Interface()
	}
	return v
}

func asInt(v any) (int64, bool) {
	switch x := v.(type) {
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	case int:
		return int64(x), true
	case int64:
		return x, true
	case int32:
		return int64(x), true
	case uint8:
		return int64(x), true
	case uint16:
		return int64(x), true
	case uint32:
		return int64(x), true
	case uint64:
		return int64(x), true
	}
	return 0, false
}

// Query runs a read; results are normalised like every backend's.
func (db *DB) Query(ctx context.Context, q string, args ...store.Arg) (store.Rows, error) {
	rows, err := db.conn.Query(ctx, q, chArgs(args)...)
	if err != nil {
		return nil, db.wrap(err)
	}
	return newRows(rows), nil
}

type chRows struct {
	rows driver.Rows
	cols []string
	ptrs []any
}

func newRows(rows driver.Rows) *chRows {
	ct := rows.ColumnTypes()
	r := &chRows{rows: rows, cols: rows.Columns(), ptrs: make([]any, len(ct))}
	for i, c := range ct {
		r.ptrs[i] = reflect.New(c.ScanType()).Interface()
	}
	return r
}

func (r *chRows) Columns() []string { return r.cols }
func (r *chRows) Next() bool        { return r.rows.Next() }
func (r *chRows) Err() error        { return r.rows.Err() }
func (r *chRows) Close() error      { return r.rows.Close() }

func (r *chRows) Values() ([]any, error) {
	if err := r.rows.Scan(r.ptrs...); err != nil {
		return nil, err
	}
	out := make([]any, len(r.ptrs))
	for i, p := range r.ptrs {
		out[i] = store.Normalise(reflect.ValueOf(p).Elem().Interface())
	}
	return out, nil
}

func (r *chRows) Scan(dest ...any) error {
	vals, err := r.Values()
	if err != nil {
		return err
	}
	return store.ScanRow(vals, dest)
}
