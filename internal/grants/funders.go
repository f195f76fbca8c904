package grants

import (
	"context"
	"fmt"

	"github.com/feedgauge/feedgauge/internal/store"
)

// Funders lists the funders with stored grants and how many each has.
func Funders(ctx context.Context, st store.Store) ([]Funder, error) {
	rows, err := st.Query(ctx, "SELECT funder_id, max(funder_name), count(*) FROM grants"+st.Final()+
		" GROUP BY funder_id ORDER BY funder_id")
	if err != nil {
		return nil, fmt.Errorf("list funders: %w", err)
	}
	defer rows.Close()
	var out []Funder
	for rows.Next() {
		var f Funder
		if err := rows.Scan(&f.ID, &f.Name, &f.Grants); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// RecipientNames maps each recipient key to a name its grants give it.
func RecipientNames(ctx context.Context, st store.Store) (map[string]string, error) {
	rows, err := st.Query(ctx, "SELECT recipient_key, max(recipient_name) FROM grants"+st.Final()+" GROUP BY recipient_key")
	if err != nil {
		return nil, fmt.Errorf("list recipients: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, n string
		if err := rows.Scan(&k, &n); err != nil {
			return nil, err
		}
		out[k] = n
	}
	return out, rows.Err()
}
