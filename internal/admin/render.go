package admin

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"strings"
	"sync"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/gofiber/fiber/v2"
)

//go:embed templates/*.html
var templateFS embed.FS

var (
	tmplOnce sync.Once
	pages    map[string]*template.Template
	tmplErr  error
)

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02")
	},
	"datetime": func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") },
	"cell":     func(v any) string { return query.Cell(v) },
	"join":     strings.Join,
	// pair hands a sub-template the page and one item.
	"pair": func(p page, item any) pairOf { return pairOf{Page: p, Link: item} },
	"money": func(v any) string {
		f, _ := v.(float64)
		return fmt.Sprintf("%.2f", f)
	},
}

// mustTemplates parses every page with the layout once, panicking on an
// error so a broken template stops start-up, not a request.
func mustTemplates() {
	tmplOnce.Do(func() {
		pages = map[string]*template.Template{}
		names, err := templateFS.ReadDir("templates")
		if err != nil {
			tmplErr = err
			return
		}
		for _, n := range names {
			name := strings.TrimSuffix(n.Name(), ".html")
			if name == "layout" || name == "shared" {
				continue
			}
			t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/shared.html",
				"templates/"+n.Name())
			if err != nil {
				tmplErr = fmt.Errorf("admin template %s: %w", n.Name(), err)
				return
			}
			pages[name] = t
		}
	})
	if tmplErr != nil {
		panic(tmplErr)
	}
}

// pairOf is a page and one item, for sub-templates inside a range.
type pairOf struct {
	Page page
	Link any
}

// page is what every template gets.
type page struct {
	Title    string
	Base     string
	Who      string // signed-in person, "" when reading anonymously
	CSRF     string
	TokenSet bool
	Flash    string
	Data     any
}

func (s *server) page(c *fiber.Ctx, title string, data any) page {
	p := page{Title: title, Base: s.BasePath, TokenSet: len(s.keys.token) > 0, Data: data, Flash: c.Query("done")}
	if a, ok := s.whoIs(c); ok && !a.Bearer {
		p.Who, p.CSRF = a.Who, s.keys.csrf(a.Nonce)
	}
	return p
}

// render writes a page with the given status.
func (s *server) render(c *fiber.Ctx, status int, name string, p page) error {
	var b bytes.Buffer
	if err := pages[name].ExecuteTemplate(&b, "layout", p); err != nil {
		s.Logger.Error("admin page", "page", name, "err", err)
		return c.Status(fiber.StatusInternalServerError).SendString("the page could not be drawn; the error is in the server log")
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'")
	return c.Status(status).Send(b.Bytes())
}

// wantsJSON: API callers (bearer token or Accept: application/json) get
// JSON, browsers get pages.
func (s *server) wantsJSON(c *fiber.Ctx) bool {
	if strings.HasPrefix(c.Get(fiber.HeaderAuthorization), "Bearer ") {
		return true
	}
	return strings.Contains(c.Get(fiber.HeaderAccept), fiber.MIMEApplicationJSON)
}

// fail answers an error in the caller's format.
func (s *server) fail(c *fiber.Ctx, status int, msg string) error {
	if s.wantsJSON(c) {
		return c.Status(status).JSON(fiber.Map{"error": msg})
	}
	return s.render(c, status, "message", s.page(c, "Not done", msg))
}

// done answers a successful change: JSON for the API, a redirect with a
// message for browsers (post/redirect/get).
func (s *server) done(c *fiber.Ctx, to, msg string, body any) error {
	if s.wantsJSON(c) {
		return c.JSON(body)
	}
	return c.Redirect(s.BasePath+to+sep(to)+"done="+queryEscape(msg), fiber.StatusSeeOther)
}

func sep(u string) string {
	if strings.Contains(u, "?") {
		return "&"
	}
	return "?"
}
