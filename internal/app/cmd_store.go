package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
	_ "github.com/feedgauge/feedgauge/internal/store/clickhouse" // clickhouse:// DSNs
	_ "github.com/feedgauge/feedgauge/internal/store/sqlite"     // sqlite: DSNs
	"github.com/feedgauge/feedgauge/queries"
)

func init() {
	register(&command{name: "migrate", summary: "create or upgrade the store's schema", flags: []string{"store"}, run: runMigrate})
	register(&command{name: "query", args: "NAME", summary: "run a named query (activities, datasets, feed_health, coverage …)",
		flags: []string{"store", "param", "format"}, run: runQuery})
}

// openStore opens the configured store and, when migrate is set, brings its
// schema up to date.
func openStore(ctx context.Context, e *Env, migrate bool) (store.Store, error) {
	st, err := store.Open(ctx, e.Cfg.Store)
	if err != nil {
		return nil, err
	}
	if migrate {
		applied, err := st.Migrate(ctx)
		if err != nil {
			st.Close()
			return nil, fmt.Errorf("upgrade the store's schema: %w", err)
		}
		if len(applied) > 0 {
			e.Log.Info("schema upgraded", "store", st.Backend(), "applied", strings.Join(applied, ","))
		}
	}
	return st, nil
}

func runMigrate(ctx context.Context, e *Env, args []string) error {
	st, err := openStore(ctx, e, false)
	if err != nil {
		return err
	}
	defer st.Close()
	applied, err := st.Migrate(ctx)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintln(e.Stdout, "the schema is up to date")
		return nil
	}
	fmt.Fprintln(e.Stdout, "applied:", strings.Join(applied, ", "))
	return nil
}

func runQuery(ctx context.Context, e *Env, args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("say which query to run: feedgauge query NAME (run with --help)")
	}
	cat, err := query.Load(queries.FS)
	if err != nil {
		return err
	}
	def, err := cat.Get(args[0])
	if err != nil {
		return err
	}
	params, err := ParseParams(e.Cfg.Params)
	if err != nil {
		return err
	}
	bound, err := def.Bind(params)
	if err != nil {
		return err
	}
	switch e.Cfg.Format {
	case "table", "json", "csv":
	default:
		return fmt.Errorf("unknown --format %q: use table, json or csv", e.Cfg.Format)
	}
	st, err := openStore(ctx, e, true)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := query.Run(ctx, st, def, bound)
	if err != nil {
		return err
	}
	return res.Write(e.Stdout, e.Cfg.Format)
}

// ParseParams reads k=v pairs.
func ParseParams(kvs []string) (map[string]string, error) {
	out := map[string]string{}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--param %q is not of the form name=value", kv)
		}
		out[k] = v
	}
	return out, nil
}
