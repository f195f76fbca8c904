package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/user"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/assurance"
	"github.com/feedgauge/feedgauge/internal/geo"
	"github.com/feedgauge/feedgauge/internal/grants"
)

func init() {
	register(&command{name: "import", args: "geo KIND FILE | grants FILE | assurance FILE",
		summary: "import geography, 360Giving grants or the assurance register",
		flags:   []string{"store", "lenient", "replace"}, run: runImport})
}

func runImport(ctx context.Context, e *Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("say what to import: feedgauge import geo KIND FILE, import grants FILE or import assurance FILE")
	}
	switch args[0] {
	case "geo":
		if len(args) != 3 {
			return fmt.Errorf("usage: feedgauge import geo KIND FILE, where KIND is one of %s", geoKinds())
		}
		return importGeo(ctx, e, args[1], args[2])
	case "grants":
		if len(args) != 2 {
			return fmt.Errorf("usage: feedgauge import grants FILE (a 360Giving JSON, CSV or XLSX file)")
		}
		return importGrants(ctx, e, args[1])
	case "assurance":
		if len(args) != 2 {
			return fmt.Errorf("usage: feedgauge import assurance FILE (CSV or XLSX with the register's columns)")
		}
		return importAssurance(ctx, e, args[1])
	}
	return fmt.Errorf("cannot import %q: choose geo, grants or assurance", args[0])
}

func geoKinds() string {
	var names []string
	for _, k := range geo.Kinds() {
		names = append(names, k.Name)
	}
	return strings.Join(names, ", ")
}

func importGeo(ctx context.Context, e *Env, kind, path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("cannot read %s: %w", path, err)
	}
	st, err := openStore(ctx, e, true)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := geo.Import(ctx, st, kind, path)
	fmt.Fprintln(e.Stdout, rep.String())
	return err
}

func importGrants(ctx context.Context, e *Env, path string) error {
	st, err := openStore(ctx, e, true)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := grants.Import(ctx, st, path, grants.Options{By: operator(), Lenient: e.Cfg.Lenient, Logger: e.Log})
	if werr := rep.WriteText(e.Stdout); werr != nil {
		return werr
	}
	if err != nil {
		if errors.Is(err, grants.ErrRejected) {
			return fmt.Errorf("%s was not imported: %w (the report above says which rows and fields)", path, err)
		}
		return err
	}
	lr, rr, err := grants.Recompute(ctx, st, time.Now().UTC(), grants.LinkOptions{})
	if err != nil {
		return fmt.Errorf("link grants to publishers: %w", err)
	}
	fmt.Fprintf(e.Stdout, "linking: %+v\ncompliance: %+v\n", lr, rr)
	return nil
}

func importAssurance(ctx context.Context, e *Env, path string) error {
	st, err := openStore(ctx, e, true)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := assurance.Import(ctx, st, path, assurance.ImportOptions{By: operator(), Replace: e.Cfg.Replace})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "%s: %d rows, %d added, %d updated, %d unchanged, %d removed, %d rejected (revision %d)\n",
		rep.File, rep.Rows, rep.Added, rep.Updated, rep.Unchanged, rep.Removed, len(rep.Rejected), rep.Revision)
	for _, r := range rep.Rejected {
		fmt.Fprintf(e.Stdout, "  row %d rejected: %s\n", r.Row, r.Reason)
	}
	return nil
}

// operator names who ran a command, for audit trails.
func operator() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username + " (command line)"
	}
	return "command line"
}
