package spool

import (
	"context"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// asColumns turns a batch's rows back into typed column slices for the
// store's fast path (store.ColumnInserter), when every column holds one
// supported type throughout; ok is false otherwise and rows are sent as
// rows.
func asColumns(rows [][]any, ncols int) (data []any, ok bool) {
	if len(rows) == 0 {
		return nil, false
	}
	data = make([]any, ncols)
	for c := 0; c < ncols; c++ {
		if data[c], ok = column(rows, c); !ok {
			return nil, false
		}
	}
	return data, true
}

func column(rows [][]any, c int) (any, bool) {
	switch rows[0][c].(type) {
	case string:
		return typed[string](rows, c)
	case int:
		return typed[int](rows, c)
	case int64:
		return typed[int64](rows, c)
	case uint64:
		return typed[uint64](rows, c)
	case float64:
		return typed[float64](rows, c)
	case bool:
		return typed[bool](rows, c)
	case time.Time:
		return typed[time.Time](rows, c)
	case *time.Time:
		return typed[*time.Time](rows, c)
	case *int:
		return typed[*int](rows, c)
	case *float64:
		return typed[*float64](rows, c)
	case []string:
		out, ok := typed[[]string](rows, c)
		for i := range out {
			if out[i] == nil {
				out[i] = []string{}
			}
		}
		return out, ok
	}
	return nil, false
}

func typed[T any](rows [][]any, c int) ([]T, bool) {
	out := make([]T, len(rows))
	for i, r := range rows {
		v, ok := r[c].(T)
		if !ok {
			return nil, false
		}
		out[i] = v
	}
	return out, true
}

// insert delivers a batch as it was written: by columns when it came as
// columns (and the store takes them), else by rows.
func insert(ctx context.Context, st store.Store, b *Batch, rows [][]any) error {
	table, cols := b.Table, b.Cols
	if _, ok := st.(store.ColumnInserter); ok && b.Columnar {
		if data, ok := asColumns(rows, len(cols)); ok {
			return store.InsertColumns(ctx, st, table, cols, data)
		}
	}
	return st.Insert(ctx, table, cols, rows)
}
