package web

import (
	"embed"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"io/fs"
	"net/http"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/filesystem"
	"github.com/gofiber/fiber/v2/middleware/recover"
)

//go:embed static
var ownStatic embed.FS

// routes lays out every URL the server answers.
func (s *Server) routes() {
	app := s.app
	app.Use(recover.New())
	app.Use(securityHeaders)
	app.Use(s.logRequests)

	assets, _ := fs.Sub(ownStatic, "static")
	app.Use("/assets", filesystem.New(filesystem.Config{Root: http.FS(assets), MaxAge: 3600}))
	app.Use("/static", filesystem.New(filesystem.Config{Root: http.FS(s.static), MaxAge: 86400}))

	api := app.Group("/api/v1")
	api.Get("/health", s.apiHealth)
	api.Get("/openapi.json", s.apiOpenAPI)
	api.Get("/queries", s.apiQueryList)
	api.Get("/queries/:name", s.apiQuery)
	api.Get("/geo/:file", s.apiGeo)

	app.Get("/", s.pageOverview)
	app.Get("/places", s.pagePlaces)
	app.Get("/places/:code", s.pagePlace)
	app.Get("/pcns/:code", s.pagePCN)
	app.Get("/map", s.pageMap)
	app.Get("/datasets", s.pageDatasets)
	app.Get("/dataset", s.pageDataset)
	app.Get("/feed", s.pageFeed)
	app.Get("/activity", s.pageActivity)
	app.Get("/grants", s.pageGrants)
	app.Get("/alerts", s.pageAlerts)
	app.Get("/reports", s.pageReports)
	app.Get("/reports/:file", s.reportDownload)
	app.Get("/method", s.pageMethod)
	app.Get("/glossary", s.pageGlossary)
	app.Get("/d/:name", s.pageDashboard)

	if s.opts.Metrics != nil {
		app.Get("/metrics", adaptor.HTTPHandler(s.opts.Metrics))
	}
	// The admin pages guard themselves (sign-in with the token, sessions,
	// CSRF); without them every route under /admin needs the token.
	if s.opts.AdminRoutes != nil && s.opts.AdminToken != "" {
		s.opts.AdminRoutes(app.Group("/admin"))
	} else {
		admin := app.Group("/admin", RequireAdmin(s.opts.AdminToken))
		admin.Get("/", func(c *fiber.Ctx) error {
			return notFound("there are no admin pages in this version yet")
		})
	}

	app.Use(func(c *fiber.Ctx) error {
		return fiber.ErrNotFound
	})
}
