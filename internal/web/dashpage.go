package web

import (
	"net/url"
	"sync"

	"github.com/gofiber/fiber/v2"

	"github.com/feedgauge/feedgauge/internal/dashboard"
)

// dashPage runs a dashboard for a request: it reads and checks the
// filters, loads every panel (each with its own timeout) and the filter
// choices concurrently, and builds the views. A failed panel carries its
// problem in plain words; only when every panel failed because the store
// is unreachable does the whole page become a 503.
func (s *Server) dashPage(c *fiber.Ctx, name string, page map[string]string) (*Page, error) {
	d := s.dash.Get(name)
	if d == nil {
		return nil, notFound("there is no dashboard called %q", name)
	}
	p := &Page{Title: d.Title, Description: d.Description}
	if d.Missing != "" {
		p.Message = "This page is not available in this version yet: it needs the " + d.Missing + " query."
		return p, nil
	}
	values, err := readFilters(c, d)
	if err != nil {
		return nil, err
	}
	vars := dashboard.Vars{Filters: values, Page: page}
	ctx := c.UserContext()
	var (
		results []*dashboard.Result
		options map[string][]dashboard.Option
		wg      sync.WaitGroup
	)
	wg.Add(2)
	go func() { defer wg.Done(); results = s.runner.Run(ctx, d, vars) }()
	go func() { defer wg.Done(); options = s.runner.Options(ctx, d, vars) }()
	wg.Wait()
	if err := s.allFailed(c, results); err != nil {
		return nil, err
	}
	for _, r := range results {
		p.Panels = append(p.Panels, dashboard.Build(r, vars, s.labels))
	}
	p.Filters = filterViews(d, values, options)
	p.Query = vars.Query()
	return p, nil
}

// allFailed returns the store's error when every panel failed and the
// store no longer answers, so the page says so with a 503.
func (s *Server) allFailed(c *fiber.Ctx, results []*dashboard.Result) error {
	if len(results) == 0 {
		return nil
	}
	var first error
	for _, r := range results {
		if r.Err == nil {
			return nil
		}
		if first == nil {
			first = r.Err
		}
	}
	if err := s.storeErr(c.UserContext(), first); statusOf(err) == fiber.StatusServiceUnavailable {
		return err
	}
	return nil
}

// pageDashboard serves any dashboard by name at /d/NAME, so a new page
// needs only its YAML file. Pages whose routes supply parameters take
// them from the query string here.
func (s *Server) pageDashboard(c *fiber.Ctx) error {
	name := c.Params("name")
	d := s.dash.Get(name)
	if d == nil {
		return notFound("there is no dashboard called %q (dashboards: %v)", name, s.dash.Names())
	}
	page := map[string]string{}
	for _, k := range d.Params {
		v := c.Query(k)
		if v == "" {
			return badRequest("the %s dashboard needs ?%s=…", name, k)
		}
		page[k] = v
	}
	p, err := s.dashPage(c, name, page)
	if err != nil {
		return err
	}
	var kv []string
	for _, k := range d.Params {
		kv = append(kv, k, page[k])
	}
	keep(p, c.Path(), kv...)
	return s.render(c, "dashboard", p)
}

// keep makes the filter form carry route values given in the query string
// (a dataset id, a feed URL) and points "Clear filters" at the bare view.
func keep(p *Page, path string, kv ...string) {
	q := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		p.Hidden = append(p.Hidden, Hidden{kv[i], kv[i+1]})
		q.Set(kv[i], kv[i+1])
	}
	p.ClearHref = path + "?" + q.Encode()
}
