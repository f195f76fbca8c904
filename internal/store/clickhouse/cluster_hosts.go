package clickhouse

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"github.com/feedgauge/feedgauge/internal/store"
)

// ClusterOptions reads feedgauge's cluster options from a store address and
// removes the ones the server must not see (clickhouse-go sends unknown
// query parameters as server settings):
//
//	cluster=NAME      the cluster of the servers' <remote_servers>
//	replicated=1      Replicated*MergeTree local tables (needs Keeper)
//	on_cluster=1|0    ON CLUSTER DDL, or each host directly; default: ask the server
//
// With a cluster it also sets insert_distributed_sync=1 unless given, so a
// write returns only when every shard has its rows.
func ClusterOptions(u *url.URL) (Cluster, error) {
	q := u.Query()
	c := Cluster{Name: q.Get("cluster")}
	rep, onc := q.Get("replicated"), q.Get("on_cluster")
	q.Del("cluster")
	q.Del("replicated")
	q.Del("on_cluster")
	if rep != "" {
		b, err := strconv.ParseBool(rep)
		if err != nil {
			return c, fmt.Errorf("the store address option replicated=%q: use replicated=1 or replicated=0", rep)
		}
		c.Replicated = b
	}
	if onc != "" {
		b, err := strconv.ParseBool(onc)
		if err != nil {
			return c, fmt.Errorf("the store address option on_cluster=%q: use on_cluster=1 or on_cluster=0", onc)
		}
		c.DDL = map[bool]string{true: DDLOnCluster, false: DDLPerHost}[b]
	}
	if c.Name == "" && (c.Replicated || onc != "") {
		return c, fmt.Errorf("the store address sets replicated= or on_cluster= without cluster=NAME")
	}
	if c.Name != "" && q.Get("insert_distributed_sync") == "" {
		q.Set("insert_distributed_sync", "1")
	}
	u.RawQuery = q.Encode()
	base := *u
	c.base = &base
	return c, nil
}

// OpenDSN opens a store like Open and also understands every option of
// ClusterOptions.
func OpenDSN(ctx context.Context, dsn string) (*DB, error) {
	u, err := url.Parse(dsn)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("the ClickHouse address %q is not a URL like clickhouse://127.0.0.1:9000/feedgauge", dsn)
	}
	c, err := ClusterOptions(u)
	if err != nil {
		return nil, err
	}
	db, err := Open(ctx, u.String())
	if err != nil {
		return nil, err
	}
	db.cluster = c
	return db, nil
}

// Cluster returns the cluster this store writes to (zero for one server).
func (db *DB) Cluster() Cluster { return db.cluster }

// resolveCluster settles DDLAuto by asking the server whether it has
// ZooKeeper or Keeper, and checks that the cluster exists.
func (db *DB) resolveCluster(ctx context.Context) (Cluster, error) {
	c := db.cluster
	if c.Name == "" {
		return c, nil
	}
	if _, err := db.clusterHosts(ctx, c.Name); err != nil {
		return c, err
	}
	if c.DDL == DDLAuto {
		c.DDL = DDLPerHost
		if rows, err := db.conn.Query(ctx, "SELECT count() FROM system.zookeeper WHERE path = '/'"); err == nil {
			rows.Close()
			c.DDL = DDLOnCluster
		}
	}
	return c, nil
}

type host struct {
	addr  string
	local bool
}

// clusterHosts lists the servers of a cluster as this server knows them.
func (db *DB) clusterHosts(ctx context.Context, name string) ([]host, error) {
	rows, err := db.Query(ctx, "SELECT host_name, port, is_local FROM system.clusters WHERE cluster = @c ORDER BY shard_num, replica_num",
		store.A("c", name))
	if err != nil {
		return nil, fmt.Errorf("list the servers of cluster %s: %w", name, err)
	}
	defer rows.Close()
	var out []host
	for rows.Next() {
		var h string
		var port int
		var local bool
		if err := rows.Scan(&h, &port, &local); err != nil {
			return nil, err
		}
		out = append(out, host{addr: h + ":" + strconv.Itoa(port), local: local})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("ClickHouse at %s has no cluster %q in its <remote_servers>; check cluster= in the store address", db.addr, name)
	}
	return out, nil
}

// eachHost runs fn on every server of the cluster: this connection for the
// local one, a new connection for the others.
func (db *DB) eachHost(ctx context.Context, c Cluster, fn func(*DB) error) error {
	hosts, err := db.clusterHosts(ctx, c.Name)
	if err != nil {
		return err
	}
	for _, h := range hosts {
		if h.local {
			if err := fn(db); err != nil {
				return fmt.Errorf("ClickHouse at %s: %w", db.addr, err)
			}
			continue
		}
		sib, err := db.sibling(ctx, c, h.addr)
		if err != nil {
			return fmt.Errorf("cluster %s: %w", c.Name, err)
		}
		err = fn(sib)
		sib.Close()
		if err != nil {
			return fmt.Errorf("ClickHouse at %s: %w", h.addr, err)
		}
	}
	return nil
}

// sibling connects to another server of the cluster with this store's
// address options and database.
func (db *DB) sibling(ctx context.Context, c Cluster, addr string) (*DB, error) {
	u := &url.URL{Scheme: "clickhouse", Host: addr, Path: "/" + db.db}
	if c.base != nil {
		cp := *c.base
		cp.Host = addr
		u = &cp
	}
	s, err := Open(ctx, u.String())
	if err != nil {
		return nil, err
	}
	s.cluster = c
	return s, nil
}

// migrateHosts migrates every server of a cluster in turn (per-host DDL).
func (db *DB) migrateHosts(ctx context.Context, c Cluster) ([]string, error) {
	seen := map[string]bool{}
	var applied []string
	err := db.eachHost(ctx, c, func(h *DB) error {
		names, err := h.migrateHere(ctx, c)
		for _, n := range names {
			if !seen[n] {
				seen[n] = true
				applied = append(applied, n)
			}
		}
		return err
	})
	return applied, err
}
