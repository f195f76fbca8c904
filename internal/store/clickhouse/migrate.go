package clickhouse

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"
	"text/template"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// DDL modes of a cluster: how schema changes reach every server.
const (
	// DDLAuto asks the server: ON CLUSTER when it has ZooKeeper or Keeper,
	// otherwise one server at a time.
	DDLAuto = ""
	// DDLOnCluster sends each statement once with ON CLUSTER; the server
	// runs it everywhere (needs ZooKeeper or ClickHouse Keeper).
	DDLOnCluster = "on_cluster"
	// DDLPerHost runs each statement, without ON CLUSTER, on every host the
	// cluster lists, connecting to each (ClickHouse without Keeper, e.g. 18.16).
	DDLPerHost = "per_host"
)

// Cluster describes a ClickHouse cluster deployment; the zero value means a
// single server. With a cluster, every table T is created as T_local on
// each server plus a Distributed table T over them, so queries name T and
// run unchanged.
type Cluster struct {
	// Name is the cluster's name in the servers' <remote_servers>.
	Name string
	// Replicated makes local tables Replicated*MergeTree with the
	// /clickhouse/tables/{shard}/{database}/T path and {replica} macro.
	// Needs ZooKeeper or Keeper and current ClickHouse (18.16 cannot).
	Replicated bool
	// DDL is DDLAuto, DDLOnCluster or DDLPerHost.
	DDL string
	// base is the DSN without feedgauge's options, used to reach the other
	// hosts in DDLPerHost mode (nil: same address form, default user).
	base *url.URL
}

// Render turns a migration template into single-server or cluster DDL, so one
// source serves both (the uptrace pattern). The template may use {{.DB}},
// {{onCluster}} and {{engine "ReplacingMergeTree(version)"}}. For a cluster,
// each CREATE TABLE becomes the local table plus its Distributed table (see
// cluster.go); DDLAuto renders like DDLOnCluster.
func Render(sql, db string, c Cluster) (string, error) {
	onCluster := c.Name != "" && c.DDL != DDLPerHost
	funcs := template.FuncMap{
		"onCluster": func() string {
			if !onCluster {
				return ""
			}
			return "ON CLUSTER " + quoteIdent(c.Name)
		},
		"engine": func(e string) string {
			if c.Name != "" && c.Replicated {
				return replicatedEngine(e)
			}
			return e
		},
	}
	t, err := template.New("migration").Funcs(funcs).Option("missingkey=error").Parse(sql)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, map[string]string{"DB": quoteIdent(db)}); err != nil {
		return "", err
	}
	if c.Name == "" {
		if c.Replicated {
			return "", fmt.Errorf("replicated=1 needs cluster=NAME: replicas are kept in step by ON CLUSTER DDL")
		}
		return b.String(), nil
	}
	return clusterDDL(b.String(), db, c)
}

// schemaMigrations is the migration log's template. On a cluster with ON
// CLUSTER DDL it is one cluster-wide table; with per-host DDL each server
// keeps its own log, since each is migrated on its own.
const schemaMigrations = "CREATE TABLE IF NOT EXISTS {{.DB}}.schema_migrations {{onCluster}} (version UInt32, name String, applied_at DateTime) ENGINE = {{engine \"ReplacingMergeTree\"}} ORDER BY version;\n"

// Migrate brings the schema up to date: on one server, or on every server of
// a cluster.
func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	c, err := db.resolveCluster(ctx)
	if err != nil {
		return nil, err
	}
	if c.Name != "" && c.DDL == DDLPerHost {
		return db.migrateHosts(ctx, c)
	}
	return db.migrateHere(ctx, c)
}

// migrateHere migrates through this connection (one server, or a cluster
// with ON CLUSTER DDL).
func (db *DB) migrateHere(ctx context.Context, c Cluster) ([]string, error) {
	log := c
	if c.DDL == DDLPerHost {
		log = Cluster{}
	}
	sm, err := Render(schemaMigrations, db.db, log)
	if err != nil {
		return nil, err
	}
	for _, s := range store.Statements(sm) {
		if err := db.Exec(ctx, s); err != nil {
			return nil, fmt.Errorf("create schema_migrations: %w", clusterHint(err, c))
		}
	}
	return store.RunMigrations(ctx, "clickhouse", migrator{db, c}, func(sql string) (string, error) {
		return Render(sql, db.db, c)
	})
}

type migrator struct {
	db *DB
	c  Cluster
}

func (m migrator) AppliedVersions(ctx context.Context) (map[int]bool, error) {
	rows, err := m.db.Query(ctx, "SELECT version FROM "+quoteIdent(m.db.db)+".schema_migrations FINAL")
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
			return fmt.Errorf("%w\n%s", clusterHint(err, m.c), s)
		}
	}
	return m.db.Insert(ctx, "schema_migrations", []string{"version", "name", "applied_at"},
		[][]any{{mig.Version, mig.Name, time.Now().UTC()}})
}

// clusterHint adds what to do when ON CLUSTER DDL fails for want of Keeper.
func clusterHint(err error, c Cluster) error {
	if c.Name != "" && strings.Contains(err.Error(), "DDL background thread is not initialized") {
		return fmt.Errorf("%w (ON CLUSTER needs ZooKeeper or ClickHouse Keeper; add on_cluster=0 to the store address to migrate each server directly)", err)
	}
	return err
}
