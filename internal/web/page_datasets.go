package web

import "github.com/gofiber/fiber/v2"

// pageDatasets lists every dataset with its scores (dashboards/datasets.yaml).
func (s *Server) pageDatasets(c *fiber.Ctx) error {
	p, err := s.dashPage(c, "datasets", nil)
	if err != nil {
		return err
	}
	p.Nav = "datasets"
	p.Crumbs = []Crumb{{"Overview", "/"}}
	return s.render(c, "dashboard", p)
}
