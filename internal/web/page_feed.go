package web

import "github.com/gofiber/fiber/v2"

// pageFeed shows one feed (?url=FEED-URL): harvest history, RPDE problems
// and field completeness (dashboards/feed.yaml).
func (s *Server) pageFeed(c *fiber.Ctx) error {
	u, err := idParam(c, "url", "feed")
	if err != nil {
		return err
	}
	p, err := s.dashPage(c, "feed", map[string]string{"feed": u})
	if err != nil {
		return err
	}
	p.Title = "Feed: " + u
	keep(p, "/feed", "url", u)
	p.Nav = "datasets"
	p.Crumbs = []Crumb{{"Overview", "/"}, {"Datasets", withFilters("/datasets", p.Query)}}
	return s.render(c, "dashboard", p)
}
