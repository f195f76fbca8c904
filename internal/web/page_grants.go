package web

import "github.com/gofiber/fiber/v2"

// pageGrants lists grants with their open-data compliance for funders
// (dashboards/grants.yaml; switched off until the grants query exists).
func (s *Server) pageGrants(c *fiber.Ctx) error {
	p, err := s.dashPage(c, "grants", nil)
	if err != nil {
		return err
	}
	p.Nav = "grants"
	p.Crumbs = []Crumb{{"Overview", "/"}}
	return s.render(c, "dashboard", p)
}
