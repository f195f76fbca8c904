package query

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// Result is a query's columns and rows. Row values are typed by column:
// string, int64, float64, bool, time.Time, []string, or nil for "no data".
type Result struct {
	Query   string
	Columns []Column
	Rows    [][]any
}

// Run runs a named query with bound arguments and collects every row.
func Run(ctx context.Context, st store.Store, d *Def, args []store.Arg) (*Result, error) {
	res := &Result{Query: d.Name, Columns: d.Columns}
	err := Stream(ctx, st, d, args, func(row []any) error {
		res.Rows = append(res.Rows, row)
		return nil
	})
	return res, err
}

// Stream runs a named query and hands each typed row to fn, so a large
// result never sits in memory whole.
func Stream(ctx context.Context, st store.Store, d *Def, args []store.Arg, fn func([]any) error) error {
	sql, ok := d.SQL[st.Backend()]
	if !ok {
		return fmt.Errorf("query %s has no SQL for the %s store", d.Name, st.Backend())
	}
	rows, err := st.Query(ctx, sql, args...)
	if err != nil {
		return fmt.Errorf("query %s: %w", d.Name, err)
	}
	defer rows.Close()
	cols := rows.Columns()
	if err := d.checkColumns(cols, st.Backend()); err != nil {
		return err
	}
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return fmt.Errorf("query %s: %w", d.Name, err)
		}
		row := make([]any, len(vals))
		for i, v := range vals {
			if row[i], err = typed(d.Columns[i], v); err != nil {
				return fmt.Errorf("query %s column %s: %w", d.Name, d.Columns[i].Name, err)
			}
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("query %s: %w", d.Name, err)
	}
	return nil
}

func (d *Def) checkColumns(got []string, backend string) error {
	if len(got) != len(d.Columns) {
		return fmt.Errorf("queries/%s/%s.sql returns %d columns but its catalogue declares %d", backend, d.Name, len(got), len(d.Columns))
	}
	for i, c := range d.Columns {
		if got[i] != c.Name {
			return fmt.Errorf("queries/%s/%s.sql column %d is %q; the catalogue says %q", backend, d.Name, i+1, got[i], c.Name)
		}
	}
	return nil
}

// typed converts a normalised store value to the column's declared type, so
// both backends give identical Go values.
func typed(c Column, v any) (any, error) {
	if v == nil {
		if c.Nullable {
			return nil, nil
		}
		return zero(c.Type), nil
	}
	switch c.Type {
	case "string":
		var s string
		err := store.Assign(&s, v)
		if s == "" && c.Nullable {
			return nil, err
		}
		return s, err
	case "int":
		var n int64
		err := store.Assign(&n, v)
		return n, err
	case "float":
		var f float64
		err := store.Assign(&f, v)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, err
		}
		return f, err
	case "bool":
		var b bool
		err := store.Assign(&b, v)
		return b, err
	case "time":
		var t time.Time
		err := store.Assign(&t, v)
		if t.Unix() <= 0 && c.Nullable {
			return nil, err
		}
		return t, err
	case "list":
		var l []string
		err := store.Assign(&l, v)
		if l == nil {
			l = []string{}
		}
		return l, err
	}
	return v, nil
}

func zero(typ string) any {
	switch typ {
	case "int":
		return int64(0)
	case "float":
		return float64(0)
	case "bool":
		return false
	case "time":
		return time.Unix(0, 0).UTC()
	case "list":
		return []string{}
	}
	return ""
}
