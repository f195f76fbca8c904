package report

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// Write builds the workbook and writes it to w. The whole workbook is built
// before the first byte is written, so on an error w has received nothing
// (unless w itself fails part-way).
func Write(ctx context.Context, st store.Store, def *Def, params map[string]string, w io.Writer) error {
	start := time.Now()
	f, err := def.build(ctx, st, params)
	if err != nil {
		return err
	}
	defer f.Close()
	n, err := f.WriteTo(w)
	if err != nil {
		return fmt.Errorf("report %s: write the workbook: %w", def.Name, err)
	}
	def.set.log.Info("report written", "report", def.Name, "bytes", n, "duration_ms", time.Since(start).Milliseconds())
	return nil
}

// Render writes the named report to w: the function the dashboard route
// /reports/NAME.xlsx calls (set ContentType and a Content-Disposition with
// Filename first, and map errors with errors.Is to ErrUnknown → 404,
// ErrBadParam → 400, ErrNotFound/ErrNoData → 404).
func (s *Set) Render(ctx context.Context, st store.Store, name string, params map[string]string, w io.Writer) error {
	d, err := s.Get(name)
	if err != nil {
		return err
	}
	return Write(ctx, st, d, params, w)
}

// WriteFile writes the named report to path, for `feedgauge report NAME
// --out FILE.xlsx`.
func (s *Set) WriteFile(ctx context.Context, st store.Store, name string, params map[string]string, path string) error {
	d, err := s.Get(name)
	if err != nil {
		return err
	}
	return WriteFile(ctx, st, d, params, path)
}

// WriteFile writes the workbook to a temporary file in path's folder and
// renames it into place, so path is either the complete new workbook or
// untouched: a full disk or an error part-way never leaves half a file.
func WriteFile(ctx context.Context, st store.Store, def *Def, params map[string]string, path string) error {
	return writeFile(ctx, st, def, params, path, createTemp)
}

// tempFile is what writeFile needs of a temporary file (a seam for tests
// that simulate a full disk).
type tempFile interface {
	io.Writer
	Name() string
	Sync() error
	Close() error
}

func createTemp(dir string) (tempFile, error) { return os.CreateTemp(dir, ".feedgauge-report-*.tmp") }

func writeFile(ctx context.Context, st store.Store, def *Def, params map[string]string, path string, create func(string) (tempFile, error)) (err error) {
	if fi, statErr := os.Stat(path); statErr == nil && fi.IsDir() {
		return fmt.Errorf("report %s: %s is a folder; give a file name such as %s", def.Name, path, filepath.Join(path, def.Name+".xlsx"))
	}
	tmp, err := create(filepath.Dir(path))
	if err != nil {
		return fmt.Errorf("report %s: cannot write in %s: %w", def.Name, filepath.Dir(path), err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = Write(ctx, st, def, params, tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("report %s: save %s: %w", def.Name, path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("report %s: save %s: %w", def.Name, path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("report %s: save %s: %w", def.Name, path, err)
	}
	return nil
}

// Filename is the file name a download should suggest: the report's
// filename template expanded with the parameters, or NAME.xlsx.
func (s *Set) Filename(name string, params map[string]string) string {
	d, err := s.Get(name)
	if err != nil || d.Filename == "" {
		return name + ".xlsx"
	}
	v, err := d.bindParams(params)
	if err != nil {
		return name + ".xlsx"
	}
	return safeFileName(v.expand(d.Filename)) + ".xlsx"
}

// safeFileName keeps letters, digits, '-', '_' and '.' of a file name.
func safeFileName(s string) string {
	out := []rune{}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			out = append(out, r)
		default:
			out = append(out, '-')
		}
	}
	if len(out) == 0 {
		return "report"
	}
	return string(out)
}
