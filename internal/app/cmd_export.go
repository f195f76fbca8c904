package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/feedgauge/feedgauge/internal/oruk"
	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/queries"
)

func init() {
	register(&command{name: "export", args: "oruk --place CODE [--out FILE]",
		summary: "OpenActive activities of a place as Open Referral UK v3 services (JSON, checked against the ORUK v3 schema)",
		flags:   []string{"store", "place", "out", "at"}, run: runExport})
}

func runExport(ctx context.Context, e *Env, args []string) error {
	if len(args) != 1 || args[0] != "oruk" {
		return fmt.Errorf("say what to export: feedgauge export oruk --place CODE [--out FILE]")
	}
	if e.Cfg.Place == "" {
		return fmt.Errorf("give --place CODE: a local authority, Sub-ICB, ICB, region or PCN code such as E08000009")
	}
	at := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	if e.Cfg.At != "" {
		t, err := asAt(e.Cfg.At)
		if err != nil {
			return err
		}
		at = t
	}
	st, err := openStore(ctx, e, true)
	if err != nil {
		return err
	}
	defer st.Close()
	rows, err := exportRows(ctx, st, e.Cfg.Place, at)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return fmt.Errorf("no OpenActive activities are located in %s in the latest complete snapshot; check the code, or take a snapshot first", e.Cfg.Place)
	}
	res, err := convert(rows)
	if err != nil {
		return err
	}
	if err := writeExport(e, res.Page); err != nil {
		return err
	}
	for _, p := range res.Problems {
		fmt.Fprintf(e.Stderr, "  left out %s: %s\n", p.ActivityID, p.Reason)
	}
	fmt.Fprintf(e.Stderr, "exported %d of %d OpenActive activities in %s as ORUK v3 services; every one passes the ORUK v3 schema\n",
		len(res.Page.Contents), len(rows), e.Cfg.Place)
	return nil
}

// exportRows reads the place's activities with the oruk_export query.
func exportRows(ctx context.Context, st store.Store, place string, at time.Time) ([]oruk.ExportRow, error) {
	cat, err := query.Load(queries.FS)
	if err != nil {
		return nil, err
	}
	def, err := cat.Get("oruk_export")
	if err != nil {
		return nil, err
	}
	args, err := def.Bind(map[string]string{"place": place, "at": at.Format(time.RFC3339), "limit": "10000000"})
	if err != nil {
		return nil, err
	}
	res, err := query.Run(ctx, st, def, args)
	if err != nil {
		return nil, fmt.Errorf("read the activities of %s: %w", place, err)
	}
	out := make([]oruk.ExportRow, 0, len(res.Rows))
	for _, r := range res.Rows {
		er := oruk.ExportRow{DatasetID: r[0].(string), ActivityID: r[1].(string), NextOccurrence: timePtr(r[5]), LastChange: timePtr(r[6])}
		er.Upcoming, _ = r[7].(float64)
		if d, ok := r[8].(string); ok {
			er.Data = []byte(d)
		}
		out = append(out, er)
	}
	return out, nil
}

func timePtr(v any) *time.Time {
	if t, ok := v.(time.Time); ok {
		return &t
	}
	return nil
}

// convert converts and validates the rows.
func convert(rows []oruk.ExportRow) (oruk.ExportResult, error) {
	ref, err := score.DefaultReference()
	if err != nil {
		return oruk.ExportResult{}, err
	}
	s, err := oruk.NewScorer(ref)
	if err != nil {
		return oruk.ExportResult{}, err
	}
	v, err := oruk.NewValidator()
	if err != nil {
		return oruk.ExportResult{}, err
	}
	return s.Export(rows, v)
}

// writeExport writes the page as indented JSON to --out, or stdout.
func writeExport(e *Env, page oruk.V3Page) error {
	if e.Cfg.Out == "" {
		return encode(e.Stdout, page)
	}
	f, err := os.Create(e.Cfg.Out)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", e.Cfg.Out, err)
	}
	if err := encode(f, page); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", e.Cfg.Out, err)
	}
	fmt.Fprintln(e.Stdout, "wrote", e.Cfg.Out)
	return nil
}

func encode(w io.Writer, page oruk.V3Page) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(page); err != nil {
		return fmt.Errorf("write the ORUK services: %w", err)
	}
	return nil
}
