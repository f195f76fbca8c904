package geo

import (
	"context"
	"fmt"
	"sort"

	"github.com/feedgauge/feedgauge/internal/store"
)

// place is the LAD, Sub-ICB, ICB and region of an LSOA ("" = no data).
type place struct{ lad, sub, icb, region string }

// loadLookup merges the LSOA lookups: per LSOA and level, the latest
// import that states it wins.
func loadLookup(ctx context.Context, st store.Store, rk *ranks) (map[string]place, error) {
	rows, err := st.Query(ctx, "SELECT vintage, lsoa, lad, sub_icb, icb, region FROM geo_lsoa_lookup"+st.Final())
	if err != nil {
		return nil, fmt.Errorf("read the LSOA lookup: %w", err)
	}
	defer rows.Close()
	type ranked struct {
		rank int
		lsoa string
		p    place
	}
	var all []ranked
	for rows.Next() {
		var r ranked
		var vintage string
		if err := rows.Scan(&vintage, &r.lsoa, &r.p.lad, &r.p.sub, &r.p.icb, &r.p.region); err != nil {
			return nil, fmt.Errorf("read the LSOA lookup: %w", err)
		}
		r.rank = rk.of("lsoa-lookup", vintage)
		all = append(all, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(all, func(a, b int) bool { return all[a].rank < all[b].rank })
	out := make(map[string]place, len(all))
	for _, r := range all {
		out[r.lsoa] = mergePlace(out[r.lsoa], r.p)
	}
	return out, nil
}

// mergePlace lets each non-empty level of b replace a's.
func mergePlace(a, b place) place {
	pick := func(x, y string) string {
		if y != "" {
			return y
		}
		return x
	}
	return place{pick(a.lad, b.lad), pick(a.sub, b.sub), pick(a.icb, b.icb), pick(a.region, b.region)}
}

type pcnShare struct {
	rank  int
	pcn   string
	share float64
}

// loadLSOAPCN picks each LSOA's PCN: from the latest table that lists the
// LSOA, the PCN with the largest share (ties to the lowest PCN code).
func loadLSOAPCN(ctx context.Context, st store.Store, rk *ranks) (map[string]string, error) {
	rows, err := st.Query(ctx, "SELECT vintage, lsoa, pcn, share FROM geo_lsoa_pcn"+st.Final())
	if err != nil {
		return nil, fmt.Errorf("read the LSOA-to-PCN table: %w", err)
	}
	defer rows.Close()
	best := map[string]pcnShare{}
	for rows.Next() {
		var vintage, lsoa string
		var s pcnShare
		if err := rows.Scan(&vintage, &lsoa, &s.pcn, &s.share); err != nil {
			return nil, fmt.Errorf("read the LSOA-to-PCN table: %w", err)
		}
		s.rank = rk.of("lsoa-pcn", vintage)
		if b, ok := best[lsoa]; !ok || s.beats(b) {
			best[lsoa] = s
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(best))
	for lsoa, s := range best {
		out[lsoa] = s.pcn
	}
	return out, nil
}

func (s pcnShare) beats(b pcnShare) bool {
	switch {
	case s.rank != b.rank:
		return s.rank > b.rank
	case s.share != b.share:
		return s.share > b.share
	}
	return s.pcn < b.pcn
}
