// Package app is feedgauge's composition root: it parses a subcommand's
// flags into the one Config, wires stores, harvesters, scorers and servers
// together, and runs the command. Only cmd/feedgauge calls it.
package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"

	"github.com/feedgauge/feedgauge/internal/config"
)

// Version is set at build time with -ldflags "-X .../internal/app.Version=…".
var Version = "dev"

// Env is what every command gets: its configuration, output streams and
// logger.
type Env struct {
	Cfg    *config.Config
	Stdout io.Writer
	Stderr io.Writer
	Log    *slog.Logger
}

type command struct {
	name    string
	args    string // argument synopsis after the flags
	summary string
	flags   []string
	run     func(ctx context.Context, e *Env, args []string) error
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// Main runs feedgauge with the given arguments and returns the exit code:
// 0 done, 1 nothing could be done (one line on stderr says why), 2 usage.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			if c := commands[args[1]]; c != nil {
				c.flagSet(&config.Config{}, stderr).Usage()
				return 0
			}
		}
		usage(stdout)
		return 0
	}
	if args[0] == "version" || args[0] == "--version" {
		fmt.Fprintln(stdout, "feedgauge", Version)
		return 0
	}
	c := commands[args[0]]
	if c == nil {
		fmt.Fprintf(stderr, "feedgauge: unknown command %q; run 'feedgauge help' to see the commands\n", args[0])
		return 2
	}
	cfg := &config.Config{}
	fs := c.flagSet(cfg, stderr)
	if err := fs.Parse(reorder(fs, args[1:])); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := config.ApplyMemoryLimit(cfg.MemoryLimit); err != nil {
		fmt.Fprintln(stderr, "feedgauge:", err)
		return 2
	}
	e := &Env{Cfg: cfg, Stdout: stdout, Stderr: stderr, Log: newLogger(cfg, stderr)}
	if err := c.run(ctx, e, fs.Args()); err != nil {
		fmt.Fprintln(stderr, "feedgauge:", oneLine(err))
		return 1
	}
	return 0
}

func (c *command) flagSet(cfg *config.Config, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("feedgauge "+c.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	config.Register(fs, cfg, append([]string{"log-level", "log-format", "memory-limit"}, c.flags...)...)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "feedgauge %s — %s\n\nUsage: feedgauge %s [flags] %s\n\nFlags:\n", c.name, c.summary, c.name, c.args)
		fs.PrintDefaults()
	}
	return fs
}

// reorder lets flags follow positional arguments (feedgauge query NAME
// --param k=v), which the flag package alone does not allow.
func reorder(fs *flag.FlagSet, args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fs.Lookup(name); f != nil && !isBool(f) && i+1 < len(args) {
			flags = append(flags, args[i+1])
			i++
		}
	}
	return append(flags, pos...)
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// oneLine keeps error output to one line: no stack traces, no SQL dumps.
func oneLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "feedgauge %s — monitors the open data social prescribing depends on.\n\nUsage: feedgauge COMMAND [flags]\n\nCommands:\n", Version)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'feedgauge COMMAND --help' for a command's flags. Every flag has a FEEDGAUGE_<FLAG> environment variable.")
}

func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// exists reports whether a file exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
