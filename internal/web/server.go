// Package web is feedgauge's dashboard and JSON API: a Fiber app with
// server-rendered pages (html/template, embedded and checked at start-up),
// charts built with go-echarts and drawn by a served echarts (no request
// leaves the machine), the named queries as JSON and CSV, and one error
// handler that maps every error to a status once.
package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/feedgauge/feedgauge/dashboards"
	"github.com/feedgauge/feedgauge/internal/dashboard"
	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
)

// Options configure a Server. Store and Catalog are required.
type Options struct {
	Store   store.Store
	Catalog *query.Catalog
	// Dashboards is the dashboards folder (page YAML and static/); nil
	// means the embedded dashboards.FS.
	Dashboards fs.FS
	Logger     *slog.Logger // nil: discard
	// AdminToken guards /admin; empty switches the admin pages off.
	AdminToken string
	// AdminRoutes adds the admin pages to the /admin group; they must
	// guard themselves (the admin package signs people in with the token).
	AdminRoutes func(fiber.Router)
	// LSOAPCN, when set, gives LSOAs a PCN for the PCN map where no
	// LSOA-to-PCN table does (geo.Resolver.LSOAPCNs).
	LSOAPCN func() map[string]string
	// Metrics, when set, is served at /metrics (Prometheus text format).
	Metrics http.Handler
	// Method gives check titles, fixes and the method page's values (see
	// ParseMethod and webscore.Method); nil shows check ids only.
	Method *Method
	// ServiceChecks, when set, gives the checks of Open Referral UK
	// services (kind Service) for the activity page: completeness checks in
	// SPReadyChecks, assurance checks in AssuranceChecks.
	ServiceChecks *Method
	// ActivityTypeLabels maps Activity List / Facility Types ids to labels.
	ActivityTypeLabels map[string]string
	// Explain, when set, explains an activity check by check from its raw
	// items (score.Explain); without it the activity page shows the stored
	// failed checks with the profile's titles and fixes.
	Explain ExplainFunc
	// Reports renders /reports/NAME.xlsx (webreport.Func(set, store) adapts the
	// report package); nil answers 404 there.
	Reports ReportFunc
	// ReportLinks are the download links of the reports page; nil:
	// DefaultReports.
	ReportLinks []ReportLink
	// Version is shown in the footer.
	Version string
	// QueryParallel bounds how many of one page's queries run at once; 0
	// picks 2 for the embedded store (its read pool keeps two connections
	// warm) and 8 otherwise.
	QueryParallel int
	// ShutdownTimeout bounds graceful shutdown (default 10 s).
	ShutdownTimeout time.Duration
}

// Server is the dashboard and API.
type Server struct {
	opts   Options
	log    *slog.Logger
	app    *fiber.App
	dash   *dashboard.Set
	runner *dashboard.Runner
	pages  map[string]*template.Template
	static fs.FS
	labels *dashboard.Labels
	method *Method
	geo    *geoCache
	names  names
}

// New builds the server: it loads and checks every dashboard against the
// catalogue and parses every template, failing with the file and line.
func New(o Options) (*Server, error) {
	if o.Store == nil || o.Catalog == nil {
		return nil, errors.New("web: Options.Store and Options.Catalog are required")
	}
	if err := checkReserved(o.Catalog); err != nil {
		return nil, err
	}
	s := &Server{opts: o, log: o.Logger, geo: newGeoCache(5 * time.Minute)}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.Dashboards == nil {
		o.Dashboards = dashboards.FS
	}
	var err error
	if s.dash, err = dashboard.Load(o.Dashboards, o.Catalog); err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	if s.static, err = fs.Sub(o.Dashboards, "static"); err != nil {
		return nil, fmt.Errorf("web: dashboards static folder: %w", err)
	}
	s.method = o.Method
	s.labels = &dashboard.Labels{Checks: s.method.titles(), ActivityTypes: o.ActivityTypeLabels}
	if s.pages, err = parseTemplates(); err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	s.runner = &dashboard.Runner{Store: o.Store, Catalog: o.Catalog, Log: s.log, Parallel: o.QueryParallel, OptionsTTL: time.Minute}
	if s.runner.Parallel <= 0 {
		s.runner.Parallel = 8
		if o.Store.Backend() == "sqlite" {
			s.runner.Parallel = 2
		}
	}
	s.app = fiber.New(fiber.Config{
		ErrorHandler:          s.handleError,
		DisableStartupMessage: true,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          60 * time.Second,
		IdleTimeout:           120 * time.Second,
		BodyLimit:             64 << 10,
		AppName:               "feedgauge",
	})
	s.routes()
	return s, nil
}

// App is the Fiber app, for tests (app.Test) and for mounting.
func (s *Server) App() *fiber.App { return s.app }

// Listen serves on addr until ctx is cancelled, then shuts down gracefully.
func (s *Server) Listen(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx is cancelled, then stops accepting, lets
// requests in flight finish (up to ShutdownTimeout) and returns.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	done := make(chan error, 1)
	go func() { done <- s.app.Listener(ln) }()
	s.log.Info("dashboard listening", "addr", "http://"+ln.Addr().String())
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	timeout := s.opts.ShutdownTimeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	if err := s.app.ShutdownWithTimeout(timeout); err != nil {
		return fmt.Errorf("shut down the dashboard: %w", err)
	}
	<-done
	s.log.Info("dashboard stopped")
	return nil
}

// checkReserved refuses a catalogue whose queries use the API's own
// parameter names.
func checkReserved(cat *query.Catalog) error {
	for _, n := range cat.Names() {
		d, _ := cat.Get(n)
		for _, r := range []string{"format", "columns", "sort"} {
			if d.ParamMap[r] != nil {
				return fmt.Errorf("web: query %s has a parameter %q, which the API reserves", n, r)
			}
		}
	}
	return nil
}
