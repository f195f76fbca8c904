package web

import "github.com/gofiber/fiber/v2"

// pagePCN shows one Primary Care Network: coverage, its activities, its
// providers and what is missing (dashboards/pcn.yaml).
func (s *Server) pagePCN(c *fiber.Ctx) error {
	code := c.Params("code")
	if !codeRE.MatchString(code) {
		return badRequest("%q is not a PCN code: PCN codes look like U12345", code)
	}
	p, err := s.dashPage(c, "pcn", map[string]string{"pcn": code})
	if err != nil {
		return err
	}
	name := s.areaName(c.UserContext(), code)
	p.Title = "PCN: " + name
	if name != code {
		p.Title += " (" + code + ")"
	}
	p.Nav = "places"
	p.Crumbs = []Crumb{{"Overview", "/"}, {"Places", withFilters("/places", p.Query)}}
	return s.render(c, "dashboard", p)
}
