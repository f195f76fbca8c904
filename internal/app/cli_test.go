package app

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/feedgauge/feedgauge/internal/simulate"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelpForEveryCommand(t *testing.T) {
	for name := range commands {
		code, _, stderr := run(t, name, "--help")
		if code != 0 || !strings.Contains(stderr, "Usage: feedgauge "+name) {
			t.Errorf("%s --help: code %d, output %q", name, code, stderr)
		}
	}
	if code, out, _ := run(t, "help"); code != 0 || !strings.Contains(out, "snapshot") {
		t.Errorf("help: code %d, %q", code, out)
	}
}

// TestBadInputIsOneClearLine checks every documented bad input: exit code
// 1, exactly one line on stderr that says what is wrong, and no store file
// left behind by a command that could not start.
func TestBadInputIsOneClearLine(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "never.db")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"unknown scheme", []string{"query", "datasets", "--store", "postgres://x/y"}, "unknown store"},
		{"unreachable clickhouse", []string{"migrate", "--store", "clickhouse://127.0.0.1:1/fg"}, "did not answer"},
		{"read-only sqlite path", []string{"migrate", "--store", "sqlite:/proc/feedgauge.db"}, "cannot be written"},
		{"unknown query", []string{"query", "nope", "--store", "sqlite:" + db}, `unknown query "nope"`},
		{"malformed param", []string{"query", "activities", "--param", "limit", "--store", "sqlite:" + db}, "name=value"},
		{"bad param value", []string{"query", "activities", "--param", "limit=lots", "--store", "sqlite:" + db}, "whole number"},
		{"unknown param", []string{"query", "activities", "--param", "colour=red", "--store", "sqlite:" + db}, `no parameter "colour"`},
		{"bad format", []string{"query", "activities", "--format", "xml", "--store", "sqlite:" + db}, "unknown --format"},
		{"no sources", []string{"snapshot", "--store", "sqlite:" + db}, "no sources"},
		{"bad --at", []string{"snapshot", "--source", "https://example.org/feed", "--at", "tomorrow", "--store", "sqlite:" + db}, "--at"},
		{"bad allow-private", []string{"snapshot", "--source", "https://example.org/feed", "--allow-private=not-a-cidr", "--store", "sqlite:" + db}, "--allow-private"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := run(t, c.args...)
			if code != 1 {
				t.Errorf("exit code %d, want 1 (stderr %q)", code, stderr)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
				t.Errorf("stderr = %q; want one line mentioning %q", stderr, c.want)
			}
			if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
				t.Errorf("stderr has a stack trace: %q", stderr)
			}
		})
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("a failed command left %s behind", db)
	}
	if code, _, _ := run(t, "frobnicate"); code != 2 {
		t.Errorf("unknown command exit code %d, want 2", code)
	}
}

// TestSnapshotThenQuery drives the binary's commands end to end against a
// simulated publisher on loopback.
func TestSnapshotThenQuery(t *testing.T) {
	sim, err := simulate.Start(context.Background(), simulate.Config{Seed: 7, Datasets: 3, Activities: 30})
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	store := "sqlite:" + filepath.Join(t.TempDir(), "fg.db")
	code, out, stderr := run(t, "snapshot", "--store", store, "--allow-private=127.0.0.1", "--source", sim.CatalogueURL(), "--json", "--log-level", "warn")
	if code != 0 {
		t.Fatalf("snapshot exit %d: %s", code, stderr)
	}
	var sum struct{ Datasets, Activities int }
	if err := json.Unmarshal([]byte(out), &sum); err != nil || sum.Datasets != 3 || sum.Activities == 0 {
		t.Fatalf("summary %q (%v)", out, err)
	}
	code, out, stderr = run(t, "query", "datasets", "--store", store, "--format", "json")
	if code != 0 {
		t.Fatalf("query exit %d: %s", code, stderr)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 3 {
		t.Fatalf("datasets = %q (%v)", out, err)
	}
	total := 0
	for _, r := range rows {
		total += int(r["activities"].(float64))
	}
	if total != sum.Activities {
		t.Errorf("datasets add up to %d activities; the snapshot scored %d", total, sum.Activities)
	}
	// A private address is refused unless allowed: every source fails, so
	// nothing could be done (exit 1).
	code, _, stderr = run(t, "snapshot", "--store", store, "--source", sim.CatalogueURL())
	if code != 1 || !strings.Contains(stderr, "no source could be reached") {
		t.Errorf("guarded snapshot: exit %d, %q", code, stderr)
	}
}

// TestCheckURL checks a dataset site over loopback: every feed is read and
// the totals are printed; without --allow-private the guard refuses.
func TestCheckURL(t *testing.T) {
	sim, err := simulate.Start(context.Background(), simulate.Config{Seed: 3, Datasets: 1, Activities: 12})
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	site := sim.URL() + "/datasets/0/"
	code, out, stderr := run(t, "check", site, "--allow-private=127.0.0.1", "--format", "json")
	if code != 0 {
		t.Fatalf("check exit %d: %s", code, stderr)
	}
	var rep struct {
		Items      int
		Activities []json.RawMessage
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Items == 0 || len(rep.Activities) == 0 {
		t.Fatalf("report %.300q (%v)", out, err)
	}
	if code, _, stderr = run(t, "check", site); code != 1 || !strings.Contains(stderr, "--allow-private") {
		t.Errorf("guarded check: exit %d, %q", code, stderr)
	}
	if code, _, stderr = run(t, "check", "/no/such/file.json"); code != 1 || !strings.Contains(stderr, "cannot read") {
		t.Errorf("missing file: exit %d, %q", code, stderr)
	}
}
