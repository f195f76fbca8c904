package harvest

import (
	"context"
	"fmt"

	"github.com/feedgauge/feedgauge/internal/store"
)

// anyStored says whether the store holds any item of a feed. It is written
// over the store primitives because the store API has no such call.
func anyStored(ctx context.Context, st store.Store, datasetID, feedURL string) (bool, error) {
	rows, err := st.Query(ctx, "SELECT rpde_id FROM items"+st.Final()+
		" WHERE dataset_id = @d AND feed_url = @f LIMIT 1", store.A("d", datasetID), store.A("f", feedURL))
	if err != nil {
		return false, fmt.Errorf("check stored items of %s: %w", feedURL, err)
	}
	defer rows.Close()
	found := rows.Next()
	return found, rows.Err()
}
