package app

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/report"
	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/queries"
	"github.com/feedgauge/feedgauge/reports"
)

func init() {
	register(&command{name: "report", args: "NAME", summary: "write an Excel report (quarterly, place, grants, fix-list)",
		flags: []string{"store", "out", "param"}, run: runReport})
}

func runReport(ctx context.Context, e *Env, args []string) error {
	cat, err := query.Load(queries.FS)
	if err != nil {
		return err
	}
	ref, err := score.DefaultReference()
	if err != nil {
		return err
	}
	set, err := report.Load(reports.FS, cat, report.WithLogger(e.Log), report.WithProfile(ref.Profile), report.WithLabels(activityLabels(ref)))
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return fmt.Errorf("say which report to write: feedgauge report NAME --out FILE.xlsx (reports: %v)", set.Names())
	}
	if _, err := set.Get(args[0]); err != nil {
		return err
	}
	params, err := ParseParams(e.Cfg.Params)
	if err != nil {
		return err
	}
	out := e.Cfg.Out
	if out == "" {
		out = set.Filename(args[0], params)
	}
	if filepath.Ext(out) != ".xlsx" {
		return fmt.Errorf("--out %q: the file name must end in .xlsx", out)
	}
	st, err := openStore(ctx, e, true)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := set.WriteFile(ctx, st, args[0], params, out); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, "wrote", out)
	return nil
}
