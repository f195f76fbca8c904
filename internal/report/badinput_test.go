package report

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// TestBadInput: every bad request gives a clear error of the right kind and
// leaves no file (and no temporary file) behind.
func TestBadInput(t *testing.T) {
	set := testSet(t)
	st := storetest.SQLite(t)
	empty := storetest.SQLite(t)
	if err := storetest.LoadFixture(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, report string
		params       map[string]string
		empty        bool
		kind         error
		says         string
	}{
		{"unknown report", "annual", nil, false, ErrUnknown, `unknown report "annual": the reports are`},
		{"unknown parameter", "quarterly", map[string]string{"quarter": "2026Q2", "colour": "red"}, false, ErrBadParam, `has no parameter "colour"`},
		{"missing quarter", "quarterly", nil, false, ErrBadParam, "needs --param quarter=… (a quarter like 2026Q3)"},
		{"bad quarter", "quarterly", map[string]string{"quarter": "2026Q5"}, false, ErrBadParam, `"2026Q5" is not a quarter like 2026Q3`},
		{"quarter before the first snapshot", "quarterly", map[string]string{"quarter": "2026Q1"}, false, ErrNoData,
			"no data for 2026Q1: the first snapshot is 2026-06-01"},
		{"quarter after the last snapshot", "quarterly", map[string]string{"quarter": "2026Q4"}, false, ErrNoData,
			"no data for 2026Q4: no complete snapshot was taken then (snapshots run from 2026-06-01 to 2026-06-08)"},
		{"empty store", "quarterly", map[string]string{"quarter": "2026Q2"}, true, ErrNoData, "holds no complete snapshot yet"},
		{"unknown place", "quarterly", map[string]string{"quarter": "2026Q2", "place": "E09999999"}, false, ErrNotFound,
			"there is no place with code E09999999"},
		{"unknown place, place pack", "place", map[string]string{"place": "W06000001"}, false, ErrNotFound, "no place with code W06000001"},
		{"unknown dataset", "fix-list", map[string]string{"dataset": "https://nowhere.example/"}, false, ErrNotFound,
			"there is no dataset https://nowhere.example/ in the latest snapshot"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "report.xlsx")
			s := st
			if c.empty {
				s = empty
			}
			err := set.WriteFile(context.Background(), s, c.report, c.params, out)
			if !errors.Is(err, c.kind) || err == nil || !strings.Contains(err.Error(), c.says) {
				t.Fatalf("error %v; want %v saying %q", err, c.kind, c.says)
			}
			assertEmptyDir(t, dir)
		})
	}
}

func assertEmptyDir(t *testing.T, dir string) {
	t.Helper()
	left, _ := os.ReadDir(dir)
	for _, e := range left {
		t.Errorf("left behind: %s", e.Name())
	}
}

// fullDisk is a temporary file that fails like a full disk after a few
// kilobytes.
type fullDisk struct {
	*os.File
	room int
}

func (f *fullDisk) Write(p []byte) (int, error) {
	if len(p) > f.room {
		n, _ := f.File.Write(p[:f.room])
		f.room = 0
		return n, &os.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
	}
	f.room -= len(p)
	return f.File.Write(p)
}

// TestWriteFailsMidway: a disk that fills up part-way, a writer that fails,
// a folder that does not exist or a folder given as the output: an error,
// and no file left behind (an existing report is left as it was).
func TestWriteFailsMidway(t *testing.T) {
	set := testSet(t)
	st := storetest.SQLite(t)
	ctx := context.Background()
	if err := storetest.LoadFixture(ctx, st); err != nil {
		t.Fatal(err)
	}
	def, _ := set.Get("quarterly")
	params := map[string]string{"quarter": "2026Q2"}

	dir := t.TempDir()
	out := filepath.Join(dir, "pack.xlsx")
	full := func(d string) (tempFile, error) {
		f, err := os.CreateTemp(d, ".feedgauge-report-*.tmp")
		return &fullDisk{File: f, room: 4096}, err
	}
	err := writeFile(ctx, st, def, params, out, full)
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("full disk: error %v, want ENOSPC", err)
	}
	assertEmptyDir(t, dir)

	if err := os.WriteFile(out, []byte("last quarter's pack"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(ctx, st, def, params, out, full); err == nil {
		t.Fatal("full disk over an existing file: no error")
	}
	if b, _ := os.ReadFile(out); string(b) != "last quarter's pack" {
		t.Errorf("the existing file was changed: %q", b)
	}

	if err := Write(ctx, st, def, params, failingWriter{}); err == nil || !strings.Contains(err.Error(), "write the workbook") {
		t.Errorf("failing writer: error %v", err)
	}
	if err := set.WriteFile(ctx, st, "quarterly", params, filepath.Join(dir, "missing", "pack.xlsx")); err == nil {
		t.Error("a folder that does not exist: no error")
	}
	if err := set.WriteFile(ctx, st, "quarterly", params, dir); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("a folder as output: error %v", err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, syscall.EIO }

// TestReadOnlyFolder: writing into a folder the process may not write to
// fails cleanly (skipped as root, who may write anywhere).
func TestReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write into read-only folders; TestWriteFailsMidway covers the failure")
	}
	set := testSet(t)
	st := storetest.SQLite(t)
	if err := storetest.LoadFixture(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	err := set.WriteFile(context.Background(), st, "quarterly", map[string]string{"quarter": "2026Q2"}, filepath.Join(dir, "p.xlsx"))
	if err == nil || !strings.Contains(err.Error(), "cannot write in") {
		t.Fatalf("error %v", err)
	}
	assertEmptyDir(t, dir)
}
