package report

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// The rendered check: the quarterly pack converted to PDF by LibreOffice and
// to PNG by pdftoppm, as docs/reports.md describes. It is slow and CI does
// not install LibreOffice, so it runs only with FEEDGAUGE_TEST_LIBREOFFICE=1
// and soffice on the PATH. With FEEDGAUGE_UPDATE_DOCS=1 it refreshes
// docs/quarterly-pack-summary.png; FEEDGAUGE_RENDER_DIR=DIR keeps every page.
func TestRenderQuarterlyWithLibreOffice(t *testing.T) {
	if os.Getenv("FEEDGAUGE_TEST_LIBREOFFICE") != "1" {
		t.Skip("set FEEDGAUGE_TEST_LIBREOFFICE=1 (with soffice and pdftoppm installed) to render the pack")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice is not installed: apt-get install -y libreoffice-calc poppler-utils")
	}
	st := storetest.SQLite(t)
	world{PCNs: 40, Datasets: 12, Activities: 4000, Snapshots: worldSnapshots}.load(t, st)
	dir := t.TempDir()
	if keep := os.Getenv("FEEDGAUGE_RENDER_DIR"); keep != "" {
		dir = keep // keep the PDF and PNGs to look at
	}
	xlsx := filepath.Join(dir, "quarterly.xlsx")
	if err := testSet(t).WriteFile(context.Background(), st, "quarterly", map[string]string{"quarter": "2026Q3"}, xlsx); err != nil {
		t.Fatal(err)
	}
	pages := RenderPNG(t, soffice, xlsx, dir)
	t.Logf("%d pages rendered in %s", len(pages), dir)
	if os.Getenv("FEEDGAUGE_UPDATE_DOCS") == "1" {
		data, err := os.ReadFile(pages[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("..", "..", "docs", "quarterly-pack-summary.png"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// RenderPNG converts a workbook to PDF with LibreOffice (its own profile
// folder, so it never clashes with another soffice) and each PDF page to a
// PNG at 80 dpi; it returns the PNG paths in page order.
func RenderPNG(tb testing.TB, soffice, xlsx, dir string) []string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	profile := "file://" + filepath.Join(dir, "lo-profile")
	cmd := exec.CommandContext(ctx, soffice, "--headless", "-env:UserInstallation="+profile,
		"--convert-to", "pdf", "--outdir", dir, xlsx)
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, filepath.Base(xlsx[:len(xlsx)-len(filepath.Ext(xlsx))])+".pdf")
	if out, err := exec.CommandContext(ctx, "pdftoppm", "-png", "-r", "80", pdf, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		tb.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	sort.Strings(pages)
	if len(pages) == 0 {
		tb.Fatal("no pages rendered")
	}
	return pages
}
