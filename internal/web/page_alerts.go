package web

import "github.com/gofiber/fiber/v2"

// pageAlerts lists open and recent alerts once the alerts query exists
// (dashboards/alerts.yaml requires it); until then it says so.
func (s *Server) pageAlerts(c *fiber.Ctx) error {
	p, err := s.dashPage(c, "alerts", nil)
	if err != nil {
		return err
	}
	p.Nav = "alerts"
	p.Crumbs = []Crumb{{"Overview", "/"}}
	return s.render(c, "dashboard", p)
}
