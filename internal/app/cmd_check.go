package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/score"
)

func init() {
	register(&command{name: "check", args: "URL|FILE", summary: "score a feed or a JSON file and list what is missing, activity by activity",
		flags: []string{"at", "format", "allow-private"}, run: runCheck})
}

// maxCheckFile caps a checked file: a provider's sample, not a whole dump.
const maxCheckFile = 256 << 20

func runCheck(ctx context.Context, e *Env, args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("say what to check: feedgauge check FILE or feedgauge check https://…/feed")
	}
	T, err := asAt(e.Cfg.At)
	if err != nil {
		return err
	}
	ref, err := score.DefaultReference()
	if err != nil {
		return err
	}
	var rep score.Report
	if strings.HasPrefix(args[0], "http://") || strings.HasPrefix(args[0], "https://") {
		if rep, err = checkURL(ctx, e, args[0], ref, T); err != nil {
			return err
		}
	} else {
		data, err := readCapped(args[0], maxCheckFile)
		if err != nil {
			return err
		}
		if rep, err = score.CheckDocument(data, T, ref); err != nil {
			return fmt.Errorf("%s: %w", args[0], err)
		}
	}
	switch e.Cfg.Format {
	case "json":
		b, err := rep.JSON()
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(e.Stdout, string(b))
		return err
	case "table", "text", "":
		return rep.WriteText(e.Stdout)
	}
	return fmt.Errorf("unknown --format %q: use text or json", e.Cfg.Format)
}

// asAt reads --at, defaulting to now truncated to the second.
func asAt(s string) (time.Time, error) {
	if s == "" {
		return time.Now().UTC().Truncate(time.Second), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--at %q is not a time like 2026-06-30T12:00:00Z", s)
	}
	return t.UTC().Truncate(time.Second), nil
}

func readCapped(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s is larger than %d MB; check a sample of the feed instead", path, limit>>20)
	}
	return b, nil
}
