package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/feedgauge/feedgauge/internal/dashboard"
)

//go:embed templates
var templateFS embed.FS

// Page is what every template gets.
type Page struct {
	Title       string
	Description string
	Nav         string // the active menu item
	Crumbs      []Crumb
	Filters     []FilterView
	Query       string   // the filters as a query string, for links
	Hidden      []Hidden // route values the filter form must carry
	Links       []Crumb  // related downloads and pages
	ClearHref   string   // the page without filters
	Panels      []*dashboard.View
	Message     string // error pages and notices
	Status      int
	Version     string
	Data        any // page-specific data
}

// Hidden is a hidden form field.
type Hidden struct{ Name, Value string }

// Crumb is one breadcrumb link.
type Crumb struct{ Label, Href string }

// NavItem is one entry of the main menu.
type NavItem struct{ Key, Label, Href string }

var nav = []NavItem{
	{"overview", "Overview", "/"}, {"places", "Places", "/places"}, {"map", "Map", "/map"},
	{"datasets", "Datasets", "/datasets"}, {"grants", "Grants", "/grants"}, {"alerts", "Alerts", "/alerts"}, {"reports", "Reports", "/reports"},
	{"method", "Method", "/method"}, {"glossary", "Glossary", "/glossary"},
}

// parseTemplates parses the layout and partials once, then each page on a
// clone, so a template error stops start-up with the file named.
func parseTemplates() (map[string]*template.Template, error) {
	base := template.New("base").Funcs(funcs)
	base, err := base.ParseFS(templateFS, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse templates: %w", err)
	}
	files, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, f := range files {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if t, err = t.ParseFS(templateFS, f); err != nil {
			return nil, fmt.Errorf("parse %s: %w", f, err)
		}
		if t.Lookup("content") == nil {
			return nil, fmt.Errorf("%s defines no \"content\" template", f)
		}
		out[strings.TrimSuffix(path.Base(f), ".html")] = t
	}
	return out, nil
}

// render executes a page into a buffer first, so a template failure turns
// into an error page rather than half a page.
func (s *Server) render(c *fiber.Ctx, name string, p *Page) error {
	t := s.pages[name]
	if t == nil {
		return fmt.Errorf("no template %q", name)
	}
	p.Version = s.opts.Version
	if p.ClearHref == "" {
		p.ClearHref = c.Path()
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Set(fiber.HeaderCacheControl, "no-cache")
	return c.Send(buf.Bytes())
}

var funcs = template.FuncMap{
	"nav":   func() []NavItem { return nav },
	"gloss": gloss,
	"abbr":  abbr,
	"int":   func(n int64) string { return dashboard.Int(n) },
	"dec1":  dashboard.Dec1,
	"date":  dashboard.Date,
	"withq": dashboard.WithQuery,
	"plus":  func(a, b int) int { return a + b },
	"upper": strings.ToUpper,
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
}
