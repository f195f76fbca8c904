// Package webreport adapts the Excel report package to the dashboard's
// /reports/NAME.xlsx route, so package web never imports internal/report:
//
//	set, _ := report.Load(reports.FS, cat, report.WithProfile(profile))
//	web.New(web.Options{..., Reports: webreport.Func(set, st)})
package webreport

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/feedgauge/feedgauge/internal/report"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/web"
)

// Func renders reports of set from st, mapping "no such report" and "no
// such data" to web.ErrNotFound (bad parameters already wrap
// query.ErrBadParam).
func Func(set *report.Set, st store.Store) web.ReportFunc {
	return func(ctx context.Context, name string, params map[string]string, w io.Writer) (string, error) {
		err := set.Render(ctx, st, name, params, w)
		if errors.Is(err, report.ErrUnknown) || errors.Is(err, report.ErrNotFound) || errors.Is(err, report.ErrNoData) {
			err = fmt.Errorf("%w: %v", web.ErrNotFound, err)
		}
		if err != nil {
			return "", err
		}
		return set.Filename(name, params), nil
	}
}
