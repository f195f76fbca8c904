package geo

import (
	"context"
	"fmt"

	"github.com/feedgauge/feedgauge/internal/store"
)

// batchSize rows are sent to the store at a time.
const batchSize = 5000

// batch buffers upserts into one table.
type batch struct {
	st    store.Store
	table string
	cols  []string
	rows  [][]any
	n     int
}

func newBatch(st store.Store, table string, cols ...string) *batch {
	return &batch{st: st, table: table, cols: cols}
}

func (b *batch) add(ctx context.Context, row ...any) error {
	b.rows = append(b.rows, row)
	b.n++
	if len(b.rows) >= batchSize {
		return b.flush(ctx)
	}
	return nil
}

func (b *batch) flush(ctx context.Context) error {
	if len(b.rows) == 0 {
		return nil
	}
	if err := b.st.Insert(ctx, b.table, b.cols, b.rows); err != nil {
		return fmt.Errorf("write %s: %w", b.table, err)
	}
	b.rows = b.rows[:0]
	return nil
}

// Table columns, in one place so importers and the loader agree.
var (
	colsPostcodes  = []string{"vintage", "postcode", "lsoa21", "lsoa11", "lad", "sub_icb", "icb", "region", "lat", "lng", "terminated"}
	colsBoundaries = []string{"vintage", "lsoa", "name", "edition", "geometry", "min_lng", "min_lat", "max_lng", "max_lat"}
	colsLookup     = []string{"vintage", "lsoa", "lad", "sub_icb", "icb", "region"}
	colsAreas      = []string{"level", "code", "source", "vintage", "name", "parent", "ods_code"}
	colsLSOAPCN    = []string{"vintage", "lsoa", "pcn", "share"}
	colsPractices  = []string{"source", "vintage", "code", "name", "postcode", "lat", "lng", "active", "pcn", "sub_icb", "icb"}
	colsPopulation = []string{"basis", "level", "code", "period", "population", "vintage"}
	colsImports    = []string{"kind", "sha256", "file", "vintage", "rows_read", "rows_imported", "rows_skipped", "reasons", "imported_at"}
	colsAreaIndex  = []string{"generation", "level", "code", "place", "name"}
)

// areaWriter collects area names from a file, keeping the first non-empty
// value per area, and writes them at the end.
type areaWriter struct {
	source, vintage string
	order           []areaKey
	rows            map[areaKey]*areaRow
}

type areaKey struct{ level, code string }

type areaRow struct{ name, parent, ods string }

func newAreaWriter(source, vintage string) *areaWriter {
	return &areaWriter{source: source, vintage: vintage, rows: map[areaKey]*areaRow{}}
}

// add records an area; blank codes are ignored.
func (a *areaWriter) add(level, code, name, parent, ods string) {
	if code == "" {
		return
	}
	k := areaKey{level, code}
	r := a.rows[k]
	if r == nil {
		r = &areaRow{}
		a.rows[k] = r
		a.order = append(a.order, k)
	}
	if r.name == "" {
		r.name = name
	}
	if r.parent == "" {
		r.parent = parent
	}
	if r.ods == "" {
		r.ods = ods
	}
}

func (a *areaWriter) write(ctx context.Context, st store.Store) error {
	b := newBatch(st, "geo_areas", colsAreas...)
	for _, k := range a.order {
		r := a.rows[k]
		if err := b.add(ctx, k.level, k.code, a.source, a.vintage, r.name, r.parent, r.ods); err != nil {
			return err
		}
	}
	return b.flush(ctx)
}
