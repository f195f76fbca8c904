package clickhouse

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

var _ store.ColumnInserter = (*DB)(nil)

// InsertColumns appends whole columns to a batch: no per-value boxing, which
// is what keeps large snapshot writes fast.
func (db *DB) InsertColumns(ctx context.Context, table string, cols []string, data []any) error {
	b, err := db.conn.PrepareBatch(ctx, "INSERT INTO "+quoteIdent(db.db)+"."+quoteIdent(table)+" ("+strings.Join(cols, ", ")+")")
	if err != nil {
		return fmt.Errorf("insert into %s: %w", table, db.wrap(err))
	}
	defer b.Close()
	for i, c := range b.Columns() {
		v, err := columnFor(string(c.Type()), data[i])
		if err != nil {
			return fmt.Errorf("insert into %s column %s: %w", table, cols[i], err)
		}
		if err := b.Column(i).Append(v); err != nil {
			return fmt.Errorf("insert into %s column %s: %w", table, cols[i], err)
		}
	}
	if err := b.Send(); err != nil {
		return fmt.Errorf("insert into %s: %w", table, db.wrap(err))
	}
	return nil
}

// columnFor converts a column slice to the exact element type the driver
// wants for the column type.
func columnFor(typ string, v any) (any, error) {
	switch x := v.(type) {
	case []int:
		switch typ {
		case "UInt8":
			return mapSlice(x, func(n int) uint8 { return uint8(n) }), nil
		case "UInt16":
			return mapSlice(x, func(n int) uint16 { return uint16(n) }), nil
		case "UInt32":
			return mapSlice(x, func(n int) uint32 { return uint32(n) }), nil
		case "UInt64":
			return mapSlice(x, func(n int) uint64 { return uint64(n) }), nil
		case "Int64":
			return mapSlice(x, func(n int) int64 { return int64(n) }), nil
		}
	case []bool:
		if typ == "UInt8" {
			return mapSlice(x, func(b bool) uint8 {
				if b {
					return 1
				}
				return 0
			}), nil
		}
	case []*int:
		if typ == "Nullable(UInt8)" {
			return mapSlice(x, func(p *int) *uint8 {
				if p == nil {
					return nil
				}
				u := uint8(*p)
				return &u
			}), nil
		}
	case []time.Time:
		return mapSlice(x, func(t time.Time) time.Time { return t.UTC() }), nil
	case []string, []float64, []*float64, []*time.Time, [][]string, []int64, []uint64:
		return v, nil
	}
	return nil, fmt.Errorf("cannot write %T into a %s column", v, typ)
}

func mapSlice[T, U any](in []T, f func(T) U) []U {
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}
