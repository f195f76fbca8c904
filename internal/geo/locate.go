package geo

import (
	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/postcode"
)

// Locate places one activity (scoring.md §8.10):
//  1. the first postcode found in the directory with an LSOA → "postcode";
//  2. else the point, by point-in-polygon against the loaded LSOA
//     boundaries → "coordinates", or "coordinates-swapped" when
//     req.Swapped (req.Point is the corrected point; a point still in
//     (lng, lat) order is swapped here);
//  3. else "online" when req.Online, otherwise "unlocated".
//
// LAD, Sub-ICB, ICB and region come from the LSOA lookup, else (step 1
// only) from the postcode's directory row; a level with no source stays ""
// ("no data"). The PCN comes from the LSOA-to-PCN table, else from the
// nearest active GP practice within 5,000 m ("nearest-practice").
// Postcode is the matched postcode, else the first valid one given.
func (r *Resolver) Locate(req domain.LocateRequest) domain.Location {
	var loc domain.Location
	for _, raw := range req.Postcodes {
		pc, ok := postcode.Normalise(raw)
		if !ok {
			continue
		}
		if loc.Postcode == "" {
			loc.Postcode = pc
		}
		row, found := r.postcodes.find(pc)
		if !found || row.lsoa == 0 {
			continue
		}
		loc.Postcode = pc
		r.fromPostcode(&loc, row)
		return loc
	}
	if req.Point != nil && r.fromPoint(&loc, *req.Point, req.Swapped) {
		return loc
	}
	loc.Method = domain.LocUnlocated
	if req.Online {
		loc.Method = domain.LocOnline
	}
	return loc
}

func (r *Resolver) fromPostcode(loc *domain.Location, row *pcRow) {
	loc.Method = domain.LocPostcode
	loc.LSOA = r.tab.str(row.lsoa)
	fallback := place{r.tab.str(row.lad), r.tab.str(row.sub), r.tab.str(row.icb), r.tab.str(row.region)}
	r.setPlace(loc, mergePlace(fallback, r.lookup[loc.LSOA]))
	if row.hasPoint {
		loc.Lat, loc.Lng, loc.HasPoint = row.lat, row.lng, true
	}
	r.setPCN(loc)
}

// fromPoint locates by point-in-polygon; false when no LSOA contains it.
func (r *Resolver) fromPoint(loc *domain.Location, p domain.Point, swapped bool) bool {
	if swapped && !inUK(p.Lat, p.Lng) && inUK(p.Lng, p.Lat) {
		p.Lat, p.Lng = p.Lng, p.Lat
	}
	lsoa := r.bounds.lsoaAt(p.Lat, p.Lng)
	if lsoa == "" {
		return false
	}
	loc.Method = domain.LocCoordinates
	if swapped {
		loc.Method = domain.LocCoordinatesSwapped
	}
	loc.LSOA = lsoa
	r.setPlace(loc, r.lookup[lsoa])
	loc.Lat, loc.Lng, loc.HasPoint = p.Lat, p.Lng, true
	r.setPCN(loc)
	return true
}

func (r *Resolver) setPlace(loc *domain.Location, p place) {
	loc.LAD, loc.SubICB, loc.ICB, loc.Region = p.lad, p.sub, p.icb, p.region
}

func (r *Resolver) setPCN(loc *domain.Location) {
	if pcn := r.lsoaPCN[loc.LSOA]; pcn != "" {
		loc.PCN, loc.PCNMethod = pcn, domain.PCNFromLSOA
		return
	}
	if !loc.HasPoint {
		return
	}
	if p := r.practices.nearest(loc.Lat, loc.Lng); p != nil && p.pcn != "" {
		loc.PCN, loc.PCNMethod = p.pcn, domain.PCNFromNearestPractice
	}
}
