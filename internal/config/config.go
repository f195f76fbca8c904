// Package config is feedgauge's one configuration: every setting is a flag
// with a FEEDGAUGE_<FLAG> environment default (the flag wins). Only main
// reads the environment; packages get their part as plain values.
package config

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// DefaultStore is the embedded store in the working folder.
const DefaultStore = "sqlite:./feedgauge-data/feedgauge.db"

// Config holds every setting of every subcommand.
type Config struct {
	Store           string
	Addr            string
	LogLevel        string
	LogFormat       string
	AdminToken      string
	AllowPrivate    string // "", "all" or a comma-separated CIDR list
	Sources         []string
	SourcesFile     string
	Every           string
	At              string
	JSON            bool
	Format          string
	Params          []string
	Out             string
	Preview         bool
	TestCatalog     bool
	Seed            int64
	Datasets        int
	Items           int
	Faults          string
	DataDir         string
	Open            bool
	Place           string
	Concurrency     int
	SpoolDir        string
	Retention       time.Duration
	WebhookURL      string
	SMTPAddr        string
	SMTPFrom        string
	SMTPTo          string
	Weeks           int
	Lenient         bool
	HostRate        float64
	Spread          time.Duration
	HostConcurrency int
	Replace         bool
	MemoryLimit     string
	ORUK            int
}

// flagDef describes one flag: its name, help and where it lands.
type flagDef struct {
	name, usage string
	bind        func(fs *flag.FlagSet, c *Config, name, usage string)
}

func str(get func(*Config) *string, def string) func(*flag.FlagSet, *Config, string, string) {
	return func(fs *flag.FlagSet, c *Config, name, usage string) {
		fs.StringVar(get(c), name, env(name, def), usage)
	}
}

func boolean(get func(*Config) *bool, def bool) func(*flag.FlagSet, *Config, string, string) {
	return func(fs *flag.FlagSet, c *Config, name, usage string) {
		v, err := strconv.ParseBool(env(name, strconv.FormatBool(def)))
		if err != nil {
			v = def
		}
		fs.BoolVar(get(c), name, v, usage)
	}
}

func integer(get func(*Config) *int, def int) func(*flag.FlagSet, *Config, string, string) {
	return func(fs *flag.FlagSet, c *Config, name, usage string) {
		v, err := strconv.Atoi(env(name, strconv.Itoa(def)))
		if err != nil {
			v = def
		}
		fs.IntVar(get(c), name, v, usage)
	}
}

func float(get func(*Config) *float64, def float64) func(*flag.FlagSet, *Config, string, string) {
	return func(fs *flag.FlagSet, c *Config, name, usage string) {
		v, err := strconv.ParseFloat(env(name, strconv.FormatFloat(def, 'f', -1, 64)), 64)
		if err != nil {
			v = def
		}
		fs.Float64Var(get(c), name, v, usage)
	}
}

func int64Flag(get func(*Config) *int64, def int64) func(*flag.FlagSet, *Config, string, string) {
	return func(fs *flag.FlagSet, c *Config, name, usage string) {
		v, err := strconv.ParseInt(env(name, strconv.FormatInt(def, 10)), 10, 64)
		if err != nil {
			v = def
		}
		fs.Int64Var(get(c), name, v, usage)
	}
}

// optionalValue is a string flag that may be given without a value
// (--allow-private means "all"), like a boolean flag.
type optionalValue struct {
	p      *string
	ifBare string
}

func (o optionalValue) String() string {
	if o.p == nil {
		return ""
	}
	return *o.p
}

func (o optionalValue) Set(s string) error {
	if s == "true" || s == "all" {
		s = o.ifBare
	}
	*o.p = s
	return nil
}

func (o optionalValue) IsBoolFlag() bool { return true }

func optional(get func(*Config) *string, ifBare string) func(*flag.FlagSet, *Config, string, string) {
	return func(fs *flag.FlagSet, c *Config, name, usage string) {
		p := get(c)
		if v := env(name, ""); v != "" {
			_ = optionalValue{p, ifBare}.Set(v)
		}
		fs.Var(optionalValue{p, ifBare}, name, usage)
	}
}

func duration(get func(*Config) *time.Duration, def time.Duration) func(*flag.FlagSet, *Config, string, string) {
	return func(fs *flag.FlagSet, c *Config, name, usage string) {
		v, err := time.ParseDuration(env(name, def.String()))
		if err != nil {
			v = def
		}
		fs.DurationVar(get(c), name, v, usage)
	}
}

func list(get func(*Config) *[]string) func(*flag.FlagSet, *Config, string, string) {
	return func(fs *flag.FlagSet, c *Config, name, usage string) {
		if v := env(name, ""); v != "" {
			*get(c) = strings.Split(v, ",")
		}
		fs.Func(name, usage+" (repeatable)", func(s string) error {
			*get(c) = append(*get(c), s)
			return nil
		})
	}
}

// EnvName is the environment variable behind a flag: --allow-private reads
// FEEDGAUGE_ALLOW_PRIVATE.
func EnvName(flagName string) string {
	return "FEEDGAUGE_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

func env(name, def string) string {
	if v, ok := os.LookupEnv(EnvName(name)); ok {
		return v
	}
	return def
}

// Register adds the named flags to a flag set, bound to c. Unknown names are
// a programming error.
func Register(fs *flag.FlagSet, c *Config, names ...string) {
	for _, n := range names {
		d, ok := defs[n]
		if !ok {
			panic(fmt.Sprintf("config: unknown flag %q", n))
		}
		usage := d.usage + " [$" + EnvName(n) + "]"
		d.bind(fs, c, n, usage)
	}
}
