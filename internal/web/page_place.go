package web

import (
	"github.com/gofiber/fiber/v2"
)

// pagePlace shows one place: its PCNs ranked by SP-ready activities per
// 10,000 patients with gaps in red, its map, trend, providers and what is
// missing (dashboards/place.yaml).
func (s *Server) pagePlace(c *fiber.Ctx) error {
	code := c.Params("code")
	if !codeRE.MatchString(code) {
		return badRequest("%q is not a place code: codes are letters and digits, like E08000009", code)
	}
	p, err := s.dashPage(c, "place", map[string]string{"place": code})
	if err != nil {
		return err
	}
	name := s.areaName(c.UserContext(), code)
	p.Title = name
	if name != code {
		p.Title = name + " (" + code + ")"
	}
	p.Nav = "places"
	p.Links = []Crumb{{"Download the place pack (Excel)", "/reports/place.xlsx?place=" + code},
		{"See the map of this place", "/map?place=" + code}}
	p.Crumbs = []Crumb{{"Overview", "/"}, {"Places", withFilters("/places", p.Query)}}
	return s.render(c, "dashboard", p)
}

func withFilters(href, q string) string {
	if q == "" {
		return href
	}
	return href + "?" + q
}
