package app

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/feedgauge/feedgauge/internal/demo"
	"github.com/feedgauge/feedgauge/internal/pipeline"
	"github.com/feedgauge/feedgauge/internal/store/sqlite"
)

func init() {
	register(&command{name: "demo", summary: "simulated publishers for a real place, a year of weekly snapshots, and the dashboard",
		flags: []string{"addr", "data-dir", "open", "seed", "weeks", "admin-token"}, run: runDemo})
}

func runDemo(ctx context.Context, e *Env, args []string) error {
	started := time.Now()
	// Take the port first, so a busy port fails in a second, not after
	// the backfill.
	ln, err := net.Listen("tcp", e.Cfg.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s (is another feedgauge running? choose another with --addr): %w", e.Cfg.Addr, err)
	}
	defer ln.Close()
	dir := e.Cfg.DataDir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "feedgauge-demo-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	st, err := sqlite.Open(ctx, filepath.Join(dir, "feedgauge.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "feedgauge demo: building a year of history for Trafford in %s …\n", dir)
	bar := newProgressBar(e.Stderr)
	w, err := demo.Build(ctx, st, demo.Options{Seed: e.Cfg.Seed, Weeks: e.Cfg.Weeks, Logger: e.Log,
		Progress: func(done, total int, s pipeline.Summary) { bar.snapshot(done, total, s) }})
	bar.done()
	if err != nil {
		return err
	}
	defer w.Close()
	res, err := loadGeo(ctx, st)
	if err != nil {
		return err
	}
	srv, err := newWeb(st, e.Log, webDeps{AdminToken: e.Cfg.AdminToken, Geo: res})
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(e.Stdout, "feedgauge demo ready in %.1f s: open %s (Ctrl-C to stop)\n", time.Since(started).Seconds(), url)
	if e.Cfg.Open {
		openBrowser(url)
	}
	return srv.Serve(ctx, ln)
}

// openBrowser tries the desktop's opener; on a server there is none and the
// printed address is enough.
func openBrowser(url string) {
	for _, c := range []string{"xdg-open", "open"} {
		if p, err := exec.LookPath(c); err == nil {
			cmd := exec.Command(p, url)
			if cmd.Start() == nil {
				go cmd.Wait()
			}
			return
		}
	}
}
