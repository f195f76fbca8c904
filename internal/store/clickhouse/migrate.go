package clickhouse

import (
	"bytes"
	"context"
	"fmt"
	"text/template"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// Cluster names a ClickHouse cluster for ON CLUSTER DDL; the zero value
// means a single server.
type Cluster struct {
	Name string
}

// Render turns a migration template into single-server or cluster DDL, so one
// source serves both (the uptrace pattern).
func Render(sql, db string, c Cluster) (string, error) {
	funcs := template.FuncMap{
		"onCluster": func() string {
			if c.Name == "" {
				return ""
			}
			return "ON CLUSTER " + quoteIdent(c.Name)
		},
		"engine": func(e string) string { return e },
	}
	t, err := template.New("migration").Funcs(funcs).Parse(sql)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, map[string]string{"DB": quoteIdent(db)}); err != nil {
		return "", err
	}
	return b.String(), nil
}

func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	if err := db.Exec(ctx, "CREATE TABLE IF NOT EXISTS "+quoteIdent(db.db)+".schema_migrations (version UInt32, name String, applied_at DateTime) ENGINE = ReplacingMergeTree ORDER BY version"); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	return store.RunMigrations(ctx, "clickhouse", migrator{db}, func(sql string) (string, error) {
		return Render(sql, db.db, db.cluster)
	})
}

type migrator struct{ db *DB }

func (m migrator) AppliedVersions(ctx context.Context) (map[int]bool, error) {
	rows, err := m.db.Query(ctx, "SELECT version FROM schema_migrations FINAL")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out[v] = true
	}
	return out, rows.Err()
}

// Apply runs each statement; ClickHouse has no transactional DDL, so
// statements are written IF NOT EXISTS and a half-applied migration reruns.
func (m migrator) Apply(ctx context.Context, mig store.Migration, stmts []string) error {
	for _, s := range stmts {
		if err := m.db.Exec(ctx, s); err != nil {
			return fmt.Errorf("%w\n%s", err, s)
		}
	}
	return m.db.Insert(ctx, "schema_migrations", []string{"version", "name", "applied_at"},
		[][]any{{mig.Version, mig.Name, time.Now().UTC()}})
}
