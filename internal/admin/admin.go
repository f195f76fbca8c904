// Package admin is feedgauge's administration pages: upload a 360Giving
// grants file and read its validation report, list grants with their
// compliance, confirm or reject suggested links, and keep the assurance
// register with its audit trail. Pages are server-rendered from embedded
// templates (html/template escapes every value). Reading needs nothing;
// every change needs the admin token (auth.go).
//
// The lead mounts it under /admin in the main web app:
//
//	app := fiber.New(fiber.Config{BodyLimit: int(admin.DefaultMaxUpload) + 1<<20})
//	admin.Mount(app.Group("/admin"), admin.Deps{Store: st, Token: cfg.AdminToken, Logger: log})
//
// The app's BodyLimit must be at least MaxUpload, or Fiber refuses large
// uploads before these handlers can explain why.
package admin

import (
	"io"
	"log/slog"
	"time"

	"github.com/feedgauge/feedgauge/internal/grants"
	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/queries"
	"github.com/gofiber/fiber/v2"
)

// DefaultMaxUpload caps an uploaded grants or register file.
const DefaultMaxUpload = grants.DefaultMaxBytes

// Deps is what the admin pages need.
type Deps struct {
	Store store.Store
	// Catalog holds the named queries; nil loads the embedded one.
	Catalog *query.Catalog
	// Token is FEEDGAUGE_ADMIN_TOKEN. Empty switches every change off (403).
	Token  string
	Logger *slog.Logger
	// Now is the clock; default time.Now.
	Now func() time.Time
	// Operations, when set, adds the operations page: the snapshot
	// schedule, a manual trigger and alert acknowledgement.
	Operations *Operations
	// BasePath is where the router is mounted, for links; default "/admin".
	BasePath string
	// MaxUpload caps uploads; default DefaultMaxUpload.
	MaxUpload int64
	// SecureCookie marks the session cookie Secure (serve over HTTPS).
	SecureCookie bool
	// Link tunes the linking run after an upload or a decision.
	Link grants.LinkOptions
}

type server struct {
	Deps
	keys  keys
	cat   *query.Catalog
	limit *limiter
}

// Mount adds the admin pages to a router. It panics if the embedded
// templates or queries do not load, which tests catch before release.
func Mount(r fiber.Router, deps Deps) {
	s := newServer(deps)
	r.Get("/login", s.loginForm)
	r.Post("/login", s.login)
	r.Post("/logout", s.logout)
	// Every other page needs a signed-in admin (or the bearer token), not
	// only the changes: grant evidence and the register are not public.
	r.Use(s.signedIn)
	r.Get("/", s.index)
	r.Get("/operations", s.operations)
	r.Post("/snapshots/run", s.requireAdmin, s.runSnapshot)
	r.Post("/alerts/:id/ack", s.requireAdmin, s.ackAlert)
	r.Get("/grants", s.grantList)
	r.Get("/grants/upload", s.uploadForm)
	r.Post("/grants/upload", s.requireAdmin, s.upload)
	r.Post("/grants/refresh", s.requireAdmin, s.refresh)
	r.Get("/grants/imports", s.importList)
	r.Get("/grants/imports/:id", s.importReport)
	r.Get("/links", s.linkList)
	r.Post("/links/confirm", s.requireAdmin, s.decide(true))
	r.Post("/links/reject", s.requireAdmin, s.decide(false))
	r.Get("/assurance", s.register)
	r.Post("/assurance", s.requireAdmin, s.addEntry)
	r.Post("/assurance/import", s.requireAdmin, s.importRegister)
	r.Get("/assurance/:id", s.entry)
	r.Post("/assurance/:id", s.requireAdmin, s.editEntry)
	r.Post("/assurance/:id/expire", s.requireAdmin, s.expireEntry)
}

func newServer(d Deps) *server {
	if d.Logger == nil {
		d.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.BasePath == "" {
		d.BasePath = "/admin"
	}
	if d.MaxUpload <= 0 {
		d.MaxUpload = DefaultMaxUpload
	}
	cat := d.Catalog
	if cat == nil {
		var err error
		if cat, err = query.Load(queries.FS); err != nil {
			panic("admin: the named queries do not load: " + err.Error())
		}
	}
	if _, err := cat.Get("grants"); err != nil {
		panic("admin: " + err.Error())
	}
	mustTemplates()
	return &server{Deps: d, keys: newKeys(d.Token), cat: cat, limit: &limiter{failures: map[string][]time.Time{}}}
}

func (s *server) now() time.Time { return s.Now().UTC().Truncate(time.Second) }

func firstNonEmpty(ss ...string) string {
	for _, v := range ss {
		if v != "" {
			return v
		}
	}
	return ""
}
