package grants

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// DefaultMaxBytes caps the size of a grants file. The largest funders'
// files (Sport England, ~40,000 grants) are about 40 MB as JSON.
const DefaultMaxBytes = 50 << 20

// Options tune an import.
type Options struct {
	// FileName is the name shown in the report; default: the path's base.
	FileName string
	// By says who imported the file (shown in the import log).
	By string
	// Now is the import time; default time.Now.
	Now time.Time
	// MaxBytes caps the file size; default DefaultMaxBytes.
	MaxBytes int64
	// Lenient also imports grants that fail the 360Giving schema when they
	// have what compliance needs (see doc.go); strict by default.
	Lenient bool
	Logger  *slog.Logger
}

func (o Options) withDefaults(path string) Options {
	if o.FileName == "" {
		o.FileName = filepath.Base(path)
	}
	if o.By == "" {
		o.By = "cli"
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	o.Now = o.Now.UTC().Truncate(time.Second)
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return o
}

// ErrRejected is returned (wrapped, with the reason) when a file is not
// usable as a whole; nothing was imported and the report says why.
var ErrRejected = errors.New("grants file not imported")

// Import reads a 360Giving file (JSON package, CSV or XLSX), validates it
// and, when the file is usable (doc.go), stores its valid grants keyed by
// funder and Identifier. Grants already stored and unchanged are not
// rewritten; grants missing from the file are kept. The report is returned
// whatever happened; the error is ErrRejected for an unusable file, or a
// failure to read the file or reach the store.
func Import(ctx context.Context, st store.Store, path string, opts Options) (Report, error) {
	opts = opts.withDefaults(path)
	rep := Report{File: opts.FileName, Mode: mode(opts.Lenient), ImportedBy: opts.By, ImportedAt: opts.Now}
	fi, err := os.Stat(path)
	if err != nil {
		return rep, fmt.Errorf("read grants file %s: %w", opts.FileName, err)
	}
	rep.Size = fi.Size()
	if rep.Size > opts.MaxBytes {
		rep.fileIssue(SevError, "too_large", fmt.Sprintf("the file is %s, over the %s limit; split it by year or programme",
			megabytes(rep.Size), megabytes(opts.MaxBytes)))
		return rep, rejected(&rep)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return rep, fmt.Errorf("read grants file %s: %w", opts.FileName, err)
	}
	sum := sha256.Sum256(b)
	rep.SHA256 = hex.EncodeToString(sum[:])
	rep.ImportID = rep.SHA256 + "-" + rep.Mode
	if err := importBytes(ctx, st, b, opts, &rep); err != nil {
		return rep, err
	}
	opts.Logger.Info("grants import", "file", rep.File, "accepted", rep.Accepted, "grants", rep.Grants,
		"valid", rep.Valid, "new", rep.New, "updated", rep.Updated, "unchanged", rep.Unchanged)
	if !rep.Accepted {
		return rep, rejected(&rep)
	}
	return rep, nil
}

func importBytes(ctx context.Context, st store.Store, b []byte, opts Options, rep *Report) error {
	sc, err := loadSchemas()
	if err != nil {
		return err
	}
	recs, err := parseFile(sc, b, opts.FileName, rep)
	if err != nil && !errors.Is(err, errNotUsable) {
		return err
	}
	var valid []*record
	if err == nil {
		rep.Grants = len(recs)
		valid = judge(sc, recs, opts.Lenient, opts.Now, rep)
		fileChecks(valid, rep)
	}
	rep.Accepted = err == nil && rep.Valid > 0
	if err == nil && rep.Valid == 0 {
		rep.fileIssue(SevError, "no_valid_grants", fmt.Sprintf("none of its %s passed validation; fix the errors listed and upload it again",
			plural(rep.Grants, "grant", "grants")))
	}
	if !rep.Accepted {
		return putImport(ctx, st, rep)
	}
	return storeValid(ctx, st, valid, rep)
}

// storeValid writes new and changed grants and the import log row. When
// nothing changed and this file was imported before, nothing is written.
func storeValid(ctx context.Context, st store.Store, valid []*record, rep *Report) error {
	gs := make([]Grant, len(valid))
	for i, rec := range valid {
		gs[i] = grantFrom(rec)
		gs[i].ImportID, gs[i].FirstImportID, gs[i].ImportedAt = rep.ImportID, rep.ImportID, rep.ImportedAt
	}
	changed, err := diffGrants(ctx, st, gs, rep)
	if err != nil {
		return err
	}
	if err := putGrants(ctx, st, changed); err != nil {
		return err
	}
	if len(changed) == 0 {
		if _, seen, err := ImportReport(ctx, st, rep.ImportID); err != nil || seen {
			rep.AlreadyImported = seen
			return err
		}
	}
	return putImport(ctx, st, rep)
}

// diffGrants keeps the grants that are new or whose content changed, and
// counts new, updated and unchanged.
func diffGrants(ctx context.Context, st store.Store, gs []Grant, rep *Report) ([]Grant, error) {
	stored := map[string]map[string]storedHash{}
	var out []Grant
	for _, g := range gs {
		if stored[g.FunderID] == nil {
			h, err := storedHashes(ctx, st, g.FunderID)
			if err != nil {
				return nil, err
			}
			stored[g.FunderID] = h
		}
		old, ok := stored[g.FunderID][g.ID]
		switch {
		case !ok:
			rep.New++
		case old.hash == g.Hash:
			rep.Unchanged++
			continue
		default:
			rep.Updated++
			g.FirstImportID = old.firstImport
		}
		out = append(out, g)
	}
	return out, nil
}

func rejected(r *Report) error { return fmt.Errorf("%w: %s", ErrRejected, r.Summary()) }

func mode(lenient bool) string {
	if lenient {
		return "lenient"
	}
	return "strict"
}

func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }
