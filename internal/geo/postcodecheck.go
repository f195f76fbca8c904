package geo

import (
	"context"
	"fmt"
	"strings"

	"github.com/feedgauge/feedgauge/internal/store"
)

// postcodeCheck collects the postcodes of a file's rows so that, after the
// import, those missing from the loaded postcode directory can be reported
// (a practice that cannot be placed can never be a nearest practice).
type postcodeCheck struct {
	lines map[string]int
	order []string
}

func newPostcodeCheck() *postcodeCheck { return &postcodeCheck{lines: map[string]int{}} }

func (c *postcodeCheck) add(pc string, line int) {
	if _, ok := c.lines[pc]; !ok {
		c.lines[pc] = line
		c.order = append(c.order, pc)
	}
}

const checkChunk = 500

func (c *postcodeCheck) run(ctx context.Context, j *job, col string) error {
	if len(c.order) == 0 {
		return nil
	}
	loaded, err := anyRow(ctx, j.st, "SELECT postcode FROM geo_postcodes LIMIT 1")
	if err != nil || !loaded {
		if err == nil {
			j.rep.note("no postcode directory is loaded yet, so practice postcodes were not checked; import one (import geo postcodes FILE) to place practices")
		}
		return err
	}
	for start := 0; start < len(c.order); start += checkChunk {
		chunk := c.order[start:min(start+checkChunk, len(c.order))]
		found, err := knownPostcodes(ctx, j.st, chunk)
		if err != nil {
			return err
		}
		for _, pc := range chunk {
			if !found[pc] {
				j.warn(c.lines[pc], col, pc, "postcode not in the loaded postcode directory (or it has no coordinates there): this practice cannot be placed")
			}
		}
	}
	return nil
}

func anyRow(ctx context.Context, st store.Store, sql string) (bool, error) {
	rows, err := st.Query(ctx, sql)
	if err != nil {
		return false, fmt.Errorf("read the store: %w", err)
	}
	defer rows.Close()
	ok := rows.Next()
	return ok, rows.Err()
}

// knownPostcodes returns which of pcs the directory holds with coordinates.
func knownPostcodes(ctx context.Context, st store.Store, pcs []string) (map[string]bool, error) {
	args := make([]store.Arg, len(pcs))
	names := make([]string, len(pcs))
	for i, pc := range pcs {
		names[i] = fmt.Sprintf("@p%d", i)
		args[i] = store.A(fmt.Sprintf("p%d", i), pc)
	}
	q := "SELECT DISTINCT postcode FROM geo_postcodes" + st.Final() +
		" WHERE lat IS NOT NULL AND postcode IN (" + strings.Join(names, ", ") + ")"
	rows, err := st.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("check postcodes against the directory: %w", err)
	}
	defer rows.Close()
	found := map[string]bool{}
	for rows.Next() {
		var pc string
		if err := rows.Scan(&pc); err != nil {
			return nil, err
		}
		found[pc] = true
	}
	return found, rows.Err()
}
