package demo

import (
	"context"
	"fmt"
	"net/netip"

	"github.com/feedgauge/feedgauge/internal/simulate"
	"github.com/feedgauge/feedgauge/internal/store"
)

// Places picks up to n live postcodes of the loaded place, spread evenly
// through the directory, as venues for the simulated publishers.
func Places(ctx context.Context, st store.Store, n int) ([]simulate.Place, error) {
	rows, err := st.Query(ctx, "SELECT postcode, lat, lng FROM geo_postcodes"+st.Final()+
		" WHERE terminated = 0 AND lsoa21 != '' AND lat IS NOT NULL ORDER BY postcode")
	if err != nil {
		return nil, fmt.Errorf("read demo postcodes: %w", err)
	}
	defer rows.Close()
	var all []simulate.Place
	for rows.Next() {
		var p simulate.Place
		if err := rows.Scan(&p.Postcode, &p.Lat, &p.Lng); err != nil {
			return nil, err
		}
		p.Name = "Trafford"
		all = append(all, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("the demo geography has no postcodes")
	}
	step := max(1, len(all)/n)
	var out []simulate.Place
	for i := 0; i < len(all) && len(out) < n; i += step {
		out = append(out, all[i])
	}
	return out, nil
}

func loopback() []netip.Prefix {
	return []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
}
