package web

import "github.com/gofiber/fiber/v2"

// pageDataset shows one dataset (?id=DATASET-ID): feeds, trend, grades,
// what is missing and its activities (dashboards/dataset.yaml).
func (s *Server) pageDataset(c *fiber.Ctx) error {
	id, err := idParam(c, "id", "dataset")
	if err != nil {
		return err
	}
	p, err := s.dashPage(c, "dataset", map[string]string{"dataset": id})
	if err != nil {
		return err
	}
	p.Title = "Dataset: " + s.datasetName(c.UserContext(), id)
	keep(p, "/dataset", "id", id)
	p.Links = []Crumb{{"Download the provider fix-list (Excel)", "/reports/fix-list.xlsx?dataset=" + urlQuery(id)}}
	p.Nav = "datasets"
	p.Crumbs = []Crumb{{"Overview", "/"}, {"Datasets", withFilters("/datasets", p.Query)}}
	return s.render(c, "dashboard", p)
}

// idParam reads a required id (a URL or key) from the query string.
func idParam(c *fiber.Ctx, key, what string) (string, error) {
	v := c.Query(key)
	switch {
	case v == "":
		return "", badRequest("which %s? Add ?%s=… to the address", what, key)
	case len(v) > 2000:
		return "", badRequest("the %s id is too long", what)
	}
	return v, nil
}
