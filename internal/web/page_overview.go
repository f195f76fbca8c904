package web

import "github.com/gofiber/fiber/v2"

// pageOverview is the home page: headline figures now and against last
// quarter, trend lines and the grade distribution (dashboards/overview.yaml).
func (s *Server) pageOverview(c *fiber.Ctx) error {
	p, err := s.dashPage(c, "overview", nil)
	if err != nil {
		return err
	}
	p.Nav = "overview"
	return s.render(c, "dashboard", p)
}
