package geo

import (
	"context"
	"fmt"

	"github.com/feedgauge/feedgauge/internal/store"
)

// writeIndex stores the index as a new generation unless it equals the
// current one. On SQLite older generations are deleted; on ClickHouse they
// are left (a few thousand rows each) because the query reads only the
// latest and a delete there is an asynchronous mutation.
func writeIndex(ctx context.Context, st store.Store, entries []indexEntry) error {
	gen, current, err := currentIndex(ctx, st)
	if err != nil {
		return err
	}
	if sameIndex(current, entries) {
		return nil
	}
	gen++
	b := newBatch(st, "geo_area_index", colsAreaIndex...)
	for _, e := range entries {
		if err := b.add(ctx, gen, e.level, e.code, e.place, e.name); err != nil {
			return err
		}
	}
	if err := b.flush(ctx); err != nil {
		return fmt.Errorf("write the area index: %w", err)
	}
	if st.Backend() == "sqlite" {
		if err := st.Exec(ctx, "DELETE FROM geo_area_index WHERE generation < @g", store.A("g", gen)); err != nil {
			return fmt.Errorf("drop old area index generations: %w", err)
		}
	}
	return nil
}

func currentIndex(ctx context.Context, st store.Store) (int64, map[indexRow]string, error) {
	rows, err := st.Query(ctx, "SELECT generation, level, code, place, name FROM geo_area_index"+st.Final()+
		" WHERE generation = (SELECT max(generation) FROM geo_area_index)")
	if err != nil {
		return 0, nil, fmt.Errorf("read the area index: %w", err)
	}
	defer rows.Close()
	var gen int64
	out := map[indexRow]string{}
	for rows.Next() {
		var k indexRow
		var name string
		if err := rows.Scan(&gen, &k.level, &k.code, &k.place, &name); err != nil {
			return 0, nil, fmt.Errorf("read the area index: %w", err)
		}
		out[k] = name
	}
	return gen, out, rows.Err()
}

func sameIndex(current map[indexRow]string, entries []indexEntry) bool {
	if len(current) != len(entries) {
		return false
	}
	for _, e := range entries {
		if name, ok := current[e.indexRow]; !ok || name != e.name {
			return false
		}
	}
	return true
}
