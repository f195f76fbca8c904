package geo

import (
	"context"
	"fmt"
	"sort"

	"github.com/feedgauge/feedgauge/internal/store"
)

// strtab interns area codes: a national directory repeats a few thousand
// codes millions of times. Id 0 is "".
type strtab struct {
	strs []string
	ids  map[string]uint32
}

func newStrtab() *strtab { return &strtab{strs: []string{""}, ids: map[string]uint32{"": 0}} }

func (s *strtab) id(v string) uint32 {
	if i, ok := s.ids[v]; ok {
		return i
	}
	i := uint32(len(s.strs))
	s.strs = append(s.strs, v)
	s.ids[v] = i
	return i
}

func (s *strtab) str(i uint32) string { return s.strs[i] }

// pcRow is one postcode of the directory.
type pcRow struct {
	lsoa, lad, sub, icb, region uint32
	lat, lng                    float64
	hasPoint                    bool
}

// pcIndex holds the directory as sorted packed keys for binary search: about
// 50 bytes a postcode, so all 2.7 million fit in memory.
type pcIndex struct {
	keys []uint64
	rows []pcRow
}

// packPostcode packs a normalised postcode (at most 8 bytes) so that the
// numbers sort like the text.
func packPostcode(pc string) (uint64, bool) {
	if len(pc) == 0 || len(pc) > 8 {
		return 0, false
	}
	var k uint64
	for i := 0; i < 8; i++ {
		k <<= 8
		if i < len(pc) {
			k |= uint64(pc[i])
		}
	}
	return k, true
}

func (x *pcIndex) find(pc string) (*pcRow, bool) {
	k, ok := packPostcode(pc)
	if !ok {
		return nil, false
	}
	i := sort.Search(len(x.keys), func(i int) bool { return x.keys[i] >= k })
	if i < len(x.keys) && x.keys[i] == k {
		return &x.rows[i], true
	}
	return nil, false
}

type rankedPC struct {
	key  uint64
	rank int32
	row  pcRow
}

// loadPostcodes reads the directory; where several vintages hold a
// postcode, the latest import wins.
func loadPostcodes(ctx context.Context, st store.Store, rk *ranks, tab *strtab) (*pcIndex, error) {
	rows, err := st.Query(ctx, "SELECT vintage, postcode, lsoa21, lad, sub_icb, icb, region, lat, lng FROM geo_postcodes"+st.Final())
	if err != nil {
		return nil, fmt.Errorf("read the postcode directory: %w", err)
	}
	defer rows.Close()
	var all []rankedPC
	var vintage, pc, lsoa, lad, sub, icb, region string
	var lat, lng *float64
	for rows.Next() {
		if err := rows.Scan(&vintage, &pc, &lsoa, &lad, &sub, &icb, &region, &lat, &lng); err != nil {
			return nil, fmt.Errorf("read the postcode directory: %w", err)
		}
		k, ok := packPostcode(pc)
		if !ok {
			continue
		}
		r := pcRow{lsoa: tab.id(lsoa), lad: tab.id(lad), sub: tab.id(sub), icb: tab.id(icb), region: tab.id(region)}
		if lat != nil && lng != nil {
			r.lat, r.lng, r.hasPoint = *lat, *lng, true
		}
		all = append(all, rankedPC{k, int32(rk.of("postcodes", vintage)), r})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return buildPCIndex(all), nil
}

func buildPCIndex(all []rankedPC) *pcIndex {
	sort.Slice(all, func(a, b int) bool {
		if all[a].key != all[b].key {
			return all[a].key < all[b].key
		}
		return all[a].rank < all[b].rank
	})
	x := &pcIndex{keys: make([]uint64, 0, len(all)), rows: make([]pcRow, 0, len(all))}
	for i, r := range all {
		if i+1 < len(all) && all[i+1].key == r.key {
			continue // a later vintage follows
		}
		x.keys = append(x.keys, r.key)
		x.rows = append(x.rows, r.row)
	}
	return x
}
