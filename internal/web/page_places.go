package web

import "github.com/gofiber/fiber/v2"

// pagePlaces lists the places with activities and local authorities by
// coverage (dashboards/places.yaml).
func (s *Server) pagePlaces(c *fiber.Ctx) error {
	p, err := s.dashPage(c, "places", nil)
	if err != nil {
		return err
	}
	p.Nav = "places"
	p.Crumbs = []Crumb{{"Overview", "/"}}
	return s.render(c, "dashboard", p)
}
