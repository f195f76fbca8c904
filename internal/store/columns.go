package store

import (
	"context"
	"fmt"
	"reflect"
)

// ColumnInserter is implemented by backends that can take whole columns at
// once, which avoids boxing every value of a large insert (ClickHouse takes
// columns natively).
type ColumnInserter interface {
	// InsertColumns upserts like Insert; data[i] is a slice holding column
	// cols[i] for every row ([]string, []int, []int64, []float64, []bool,
	// []time.Time, []*time.Time, []*int, []*float64 or [][]string).
	InsertColumns(ctx context.Context, table string, cols []string, data []any) error
}

// InsertColumns writes column-shaped data through the fast path when the
// backend has one, else row by row.
func InsertColumns(ctx context.Context, st Store, table string, cols []string, data []any) error {
	if len(cols) != len(data) {
		return fmt.Errorf("insert into %s: %d columns but %d data slices", table, len(cols), len(data))
	}
	if ci, ok := st.(ColumnInserter); ok {
		return ci.InsertColumns(ctx, table, cols, data)
	}
	return st.Insert(ctx, table, cols, Transpose(data))
}

// Transpose turns column slices into rows.
func Transpose(data []any) [][]any {
	if len(data) == 0 {
		return nil
	}
	vals := make([]reflect.Value, len(data))
	for i, d := range data {
		vals[i] = reflect.ValueOf(d)
	}
	n := vals[0].Len()
	rows := make([][]any, n)
	flat := make([]any, n*len(data))
	for r := 0; r < n; r++ {
		row := flat[r*len(data) : (r+1)*len(data)]
		for c, v := range vals {
			row[c] = v.Index(r).Interface()
		}
		rows[r] = row
	}
	return rows
}
