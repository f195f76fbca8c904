package web

import "github.com/gofiber/fiber/v2"

// pageMap draws choropleths of coverage by local authority, PCN and LSOA
// from the loaded boundaries (dashboards/map.yaml; boundaries from
// /api/v1/geo/LEVEL.geojson).
func (s *Server) pageMap(c *fiber.Ctx) error {
	p, err := s.dashPage(c, "map", nil)
	if err != nil {
		return err
	}
	p.Nav = "map"
	p.Crumbs = []Crumb{{"Overview", "/"}}
	return s.render(c, "dashboard", p)
}
