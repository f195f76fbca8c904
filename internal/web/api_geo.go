package web

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/feedgauge/feedgauge/internal/query"
)

// apiGeo answers GET /api/v1/geo/{lsoa,lad,pcn}.geojson?place=CODE: the
// loaded LSOA boundaries as a FeatureCollection, or merged into local
// authorities or PCNs (each a MultiPolygon of its LSOAs). Each feature's
// properties.name is the area code, which echarts matches to map data.
func (s *Server) apiGeo(c *fiber.Ctx) error {
	level, ok := strings.CutSuffix(c.Params("file"), ".geojson")
	if !ok || (level != "lsoa" && level != "lad" && level != "pcn") {
		return notFound("boundaries are served as lsoa.geojson, lad.geojson or pcn.geojson")
	}
	place := c.Query("place")
	if place != "" && !codeRE.MatchString(place) {
		return badRequest("place %q is not a code: codes are letters and digits, like E08000009", place)
	}
	key := level + "|" + place
	body, ok := s.geo.get(key)
	if !ok {
		res, err := s.runQuery(c.UserContext(), "boundaries", map[string]string{"place": place})
		if err != nil {
			return err
		}
		if body, err = featureCollection(res, level, s.lsoaPCNs(level)); err != nil {
			return err
		}
		s.geo.put(key, body)
	}
	c.Set(fiber.HeaderContentType, "application/geo+json")
	c.Set(fiber.HeaderCacheControl, "max-age=300")
	return c.Send(body)
}

type feature struct {
	Type       string            `json:"type"`
	ID         string            `json:"id"`
	Properties map[string]string `json:"properties"`
	Geometry   json.RawMessage   `json:"geometry"`
}

// lsoaPCNs is the fallback PCN of each LSOA for the PCN map when no
// LSOA-to-PCN table covers it (Options.LSOAPCN); nil for other levels.
func (s *Server) lsoaPCNs(level string) map[string]string {
	if level != "pcn" || s.opts.LSOAPCN == nil {
		return nil
	}
	return s.opts.LSOAPCN()
}

// featureCollection builds the GeoJSON of a level from LSOA rows; fallback
// gives the PCN of LSOAs the rows have none for.
func featureCollection(res *query.Result, level string, fallback map[string]string) ([]byte, error) {
	li, ni, gi := colIdx(res, "lsoa"), colIdx(res, "name"), colIdx(res, "geometry")
	gc := colIdx(res, level) // lad or pcn; -1 for lsoa
	var features []feature
	groups := map[string][]json.RawMessage{}
	for _, row := range res.Rows {
		geom := json.RawMessage(query.Cell(row[gi]))
		if gc < 0 {
			code := query.Cell(row[li])
			features = append(features, feature{"Feature", code, map[string]string{"name": code, "label": query.Cell(row[ni])}, geom})
			continue
		}
		code := query.Cell(row[gc])
		if code == "" {
			code = fallback[query.Cell(row[li])]
		}
		if code != "" {
			groups[code] = append(groups[code], geom)
		}
	}
	codes := make([]string, 0, len(groups))
	for code := range groups {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		geom, err := mergePolygons(groups[code])
		if err != nil {
			return nil, err
		}
		features = append(features, feature{"Feature", code, map[string]string{"name": code}, geom})
	}
	if features == nil {
		features = []feature{}
	}
	return json.Marshal(map[string]any{"type": "FeatureCollection", "features": features})
}

// mergePolygons joins Polygon and MultiPolygon geometries into one
// MultiPolygon (no dissolving: shared edges stay, which a fill hides).
func mergePolygons(geoms []json.RawMessage) (json.RawMessage, error) {
	var all []json.RawMessage
	for _, g := range geoms {
		var v struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		}
		if err := json.Unmarshal(g, &v); err != nil {
			return nil, err
		}
		switch v.Type {
		case "Polygon":
			all = append(all, v.Coordinates)
		case "MultiPolygon":
			var polys []json.RawMessage
			if err := json.Unmarshal(v.Coordinates, &polys); err != nil {
				return nil, err
			}
			all = append(all, polys...)
		}
	}
	var b bytes.Buffer
	b.WriteString(`{"type":"MultiPolygon","coordinates":[`)
	for i, p := range all {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(p)
	}
	b.WriteString("]}")
	return b.Bytes(), nil
}

// geoCache keeps built boundary files for a while: boundaries change only
// when geography is imported.
type geoCache struct {
	mu  sync.Mutex
	ttl time.Duration
	m   map[string]geoEntry
}

type geoEntry struct {
	body []byte
	at   time.Time
}

func newGeoCache(ttl time.Duration) *geoCache { return &geoCache{ttl: ttl, m: map[string]geoEntry{}} }

func (g *geoCache) get(k string) ([]byte, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	e, ok := g.m[k]
	if !ok || time.Since(e.at) > g.ttl {
		return nil, false
	}
	return e.body, true
}

func (g *geoCache) put(k string, body []byte) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.m) > 64 {
		g.m = map[string]geoEntry{}
	}
	g.m[k] = geoEntry{body, time.Now()}
}
