package app

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/gofiber/fiber/v2"

	"github.com/feedgauge/feedgauge/internal/admin"
	"github.com/feedgauge/feedgauge/internal/geo"
	"github.com/feedgauge/feedgauge/internal/metrics"
	"github.com/feedgauge/feedgauge/internal/oruk"
	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/refdata"
	"github.com/feedgauge/feedgauge/internal/report"
	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/web"
	"github.com/feedgauge/feedgauge/internal/web/webreport"
	"github.com/feedgauge/feedgauge/internal/web/webscore"
	"github.com/feedgauge/feedgauge/queries"
	"github.com/feedgauge/feedgauge/reports"
)

// webDeps are the parts a dashboard needs besides the store.
type webDeps struct {
	AdminToken string
	Geo        *geo.Resolver
	Metrics    *metrics.Metrics
	// Operations, when set, adds the schedule and alert controls to the
	// admin pages.
	Operations *admin.Operations
}

// newWeb builds the dashboard over a store: it loads and checks the named
// queries, the dashboards and the report definitions, failing fast with the
// file and line of any mistake.
func newWeb(st store.Store, log *slog.Logger, d webDeps) (*web.Server, error) {
	cat, err := query.Load(queries.FS)
	if err != nil {
		return nil, err
	}
	ref, err := refdata.Reference(context.Background(), st)
	if err != nil {
		return nil, err
	}
	labels := activityLabels(ref)
	set, err := report.Load(reports.FS, cat, report.WithLogger(log), report.WithProfile(ref.Profile), report.WithLabels(labels))
	if err != nil {
		return nil, err
	}
	opts := web.Options{Store: st, Catalog: cat, Logger: log, AdminToken: d.AdminToken, Version: Version,
		Method: webscore.Method(ref.Profile), Reports: webreport.Func(set, st), Explain: explainer(st, d.Geo), ActivityTypeLabels: labels}
	if d.AdminToken != "" {
		opts.AdminRoutes = func(r fiber.Router) {
			admin.Mount(r, admin.Deps{Store: st, Catalog: cat, Token: d.AdminToken, Logger: log, Operations: d.Operations})
		}
	}
	if d.Metrics != nil {
		opts.Metrics = d.Metrics.Handler()
	}
	if d.Geo != nil {
		opts.LSOAPCN = d.Geo.LSOAPCNs
	}
	if opts.ServiceChecks, err = serviceChecks(); err != nil {
		return nil, err
	}
	srv, err := web.New(opts)
	if err != nil {
		return nil, fmt.Errorf("start the dashboard: %w", err)
	}
	return srv, nil
}

// serveUntilDone runs the dashboard until ctx ends, then shuts it down
// gracefully.
func serveUntilDone(ctx context.Context, srv *web.Server, addr string) error {
	return srv.Listen(ctx, addr)
}

// labelMap names Activity List and Facility Types ids.
type labelMap map[string]string

func (m labelMap) Label(id string) string { return m[id] }

func activityLabels(ref *score.Reference) labelMap {
	m := labelMap(ref.Activities.Labels())
	for k, v := range ref.Facilities.Labels() {
		m[k] = v
	}
	return m
}

// serviceChecks gives the activity page the ORUK profile's checks for
// Open Referral UK services.
func serviceChecks() (*web.Method, error) {
	p, err := oruk.DefaultProfile()
	if err != nil {
		return nil, err
	}
	conv := func(defs []oruk.CheckDef) []web.CheckInfo {
		out := make([]web.CheckInfo, len(defs))
		for i, d := range defs {
			out[i] = web.CheckInfo{ID: d.ID, Weight: d.Weight, Title: d.Title, Property: d.Property, Passes: d.Passes, Fix: d.Fix}
		}
		return out
	}
	return &web.Method{SPReadyChecks: conv(p.Completeness), AssuranceChecks: conv(p.Assurance)}, nil
}
