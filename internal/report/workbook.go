package report

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/store"
)

// workbook is one workbook being built.
type workbook struct {
	def        *Def
	st         store.Store
	f          *excelize.File
	styles     *styles
	vars       vars
	raw        map[string]string
	profile    *score.Profile
	words      map[string]score.CheckDef
	labels     Labeler
	snap       map[string]any // provenance of the snapshot the workbook is "as at"
	prev       map[string]any // provenance of the snapshot it compares with, or nil
	left       []string       // sheets left out, for the Method sheet
	transforms map[*ColumnDef]func([]string) string
	results    map[*SheetDef]*query.Result // prefetched sheet results
	log        *slog.Logger
	created    time.Time
}

// build checks the parameters, picks the snapshot and renders every sheet.
// Nothing is written anywhere; the caller saves the file.
func (d *Def) build(ctx context.Context, st store.Store, raw map[string]string) (*excelize.File, error) {
	v, err := d.bindParams(raw)
	if err != nil {
		return nil, err
	}
	cur, prev, err := d.snapshot(ctx, st, v)
	if err != nil {
		return nil, err
	}
	if err := d.lookup(ctx, st, v); err != nil {
		return nil, err
	}
	prof, err := d.set.Profile()
	if err != nil {
		return nil, err
	}
	w := &workbook{def: d, st: st, vars: v, raw: raw, profile: prof, words: checkWords(prof), labels: d.set.labels,
		snap: cur, prev: prev, log: d.set.log, created: d.set.now().UTC().Truncate(time.Second)}
	v["generated"] = w.created.In(query.London).Format("2 January 2006 15:04 MST")
	w.f = excelize.NewFile()
	if err := w.render(ctx); err != nil {
		w.f.Close()
		return nil, err
	}
	return w.f, nil
}

func (w *workbook) render(ctx context.Context) error {
	var err error
	if w.styles, err = newStyles(w.f); err != nil {
		return fmt.Errorf("report %s: styles: %w", w.def.Name, err)
	}
	if w.results, err = w.prefetch(ctx); err != nil {
		return err
	}
	for i, sh := range w.def.Sheets {
		if err := w.addSheet(sh.sheetName, i == 0); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		if err := w.sheet(ctx, sh); err != nil {
			return fmt.Errorf("report %s sheet %q: %w", w.def.Name, sh.Name, err)
		}
		w.log.Debug("report sheet done", "report", w.def.Name, "sheet", sh.sheetName, "duration_ms", time.Since(start).Milliseconds())
	}
	if err := w.addSheet(MethodSheet, false); err != nil {
		return err
	}
	if err := w.method(); err != nil {
		return fmt.Errorf("report %s Method sheet: %w", w.def.Name, err)
	}
	w.f.SetActiveSheet(0)
	return w.docProps()
}

// addSheet names the default first sheet, or adds a new one.
func (w *workbook) addSheet(name string, first bool) error {
	if first {
		return w.f.SetSheetName(w.f.GetSheetName(0), name)
	}
	_, err := w.f.NewSheet(name)
	return err
}

func (w *workbook) sheet(ctx context.Context, sh *SheetDef) error {
	if sh.query == nil {
		w.left = append(w.left, fmt.Sprintf("%s: needs the named query %s, which this build does not have yet", sh.sheetName, sh.Query))
		return w.missingSheet(sh)
	}
	args, err := sh.query.Bind(w.sheetParams(sh))
	if err != nil {
		return err
	}
	if sh.Stream {
		return w.streamSheet(ctx, sh, args)
	}
	return w.tableSheet(sh, w.results[sh])
}

func (w *workbook) sheetParams(sh *SheetDef) map[string]string {
	out := map[string]string{}
	for k, v := range sh.Params.Values {
		out[k] = w.vars.expand(v)
	}
	return out
}

// docProps sets the document properties readers see in File > Info.
func (w *workbook) docProps() error {
	title := w.vars.expand(w.def.Title)
	return w.f.SetDocProps(&excelize.DocProperties{
		Title:          title,
		Subject:        title,
		Description:    w.def.Description,
		Creator:        "feedgauge",
		LastModifiedBy: "feedgauge",
		Created:        w.created.Format(time.RFC3339),
		Modified:       w.created.Format(time.RFC3339),
		Keywords:       "feedgauge; OpenActive; social prescribing",
		Category:       w.def.Name,
	})
}
