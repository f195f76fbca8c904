package clickhouse

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// maxInList bounds the literal text of one DELETE's key list, well under
// ClickHouse's default max_query_size of 256 KiB.
const maxInList = 128 << 10

// PurgeDeletedItems removes items whose latest version is a tombstone first
// seen before cutoff, with every stored version of each (a ReplacingMergeTree
// may still hold the item's earlier versions, and their raw JSON, until it
// merges). It runs ALTER TABLE … DELETE mutations, on every server of a
// cluster, and returns the number of items; ClickHouse finishes the
// mutations in the background.
func (db *DB) PurgeDeletedItems(ctx context.Context, cutoff time.Time) (int, error) {
	keys, err := db.deletedKeys(ctx, cutoff)
	if err != nil || len(keys) == 0 {
		return 0, err
	}
	c, err := db.resolveCluster(ctx)
	if err != nil {
		return 0, err
	}
	for _, list := range chunkKeys(keys) {
		where := " DELETE WHERE first_seen < @cutoff AND (dataset_id, feed_url, rpde_id) IN (" + list + ")"
		if err := db.mutate(ctx, c, "items", where, store.A("cutoff", cutoff.UTC())); err != nil {
			return 0, fmt.Errorf("delete old tombstones from items: %w", err)
		}
	}
	return len(keys), nil
}

// deletedKeys lists the items whose latest version is an old tombstone,
// each as a ClickHouse tuple literal.
func (db *DB) deletedKeys(ctx context.Context, cutoff time.Time) ([]string, error) {
	rows, err := db.Query(ctx, "SELECT dataset_id, feed_url, rpde_id FROM items FINAL WHERE state = 'deleted' AND first_seen < @cutoff",
		store.A("cutoff", cutoff.UTC()))
	if err != nil {
		return nil, fmt.Errorf("find old tombstones: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d, f, id string
		if err := rows.Scan(&d, &f, &id); err != nil {
			return nil, err
		}
		out = append(out, "("+quoteString(d)+", "+quoteString(f)+", "+quoteString(id)+")")
	}
	return out, rows.Err()
}

func chunkKeys(keys []string) []string {
	var out []string
	var b strings.Builder
	for _, k := range keys {
		if b.Len() > 0 && b.Len()+len(k) > maxInList {
			out = append(out, b.String())
			b.Reset()
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k)
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

// mutate runs "ALTER TABLE <table> <action>" where the rows live: the table
// itself on one server; its _local table ON CLUSTER, or on each host, on a
// cluster (Distributed tables take no mutations).
func (db *DB) mutate(ctx context.Context, c Cluster, table, action string, args ...store.Arg) error {
	target := quoteIdent(db.db) + "." + quoteIdent(table)
	switch {
	case c.Name == "":
		return db.Exec(ctx, "ALTER TABLE "+target+action, args...)
	case c.DDL == DDLOnCluster:
		return db.Exec(ctx, "ALTER TABLE "+quoteIdent(db.db)+"."+quoteIdent(table+LocalSuffix)+" ON CLUSTER "+quoteIdent(c.Name)+action, args...)
	}
	return db.eachHost(ctx, c, func(h *DB) error {
		return h.Exec(ctx, "ALTER TABLE "+quoteIdent(h.db)+"."+quoteIdent(table+LocalSuffix)+action, args...)
	})
}

// MutationsDone reports whether every mutation of a table has finished on
// this server (on a cluster: of its _local table).
func (db *DB) MutationsDone(ctx context.Context, table string) (bool, error) {
	if db.cluster.Name != "" {
		table += LocalSuffix
	}
	rows, err := db.Query(ctx, "SELECT count() FROM system.mutations WHERE database = @d AND table = @t AND is_done = 0",
		store.A("d", db.db), store.A("t", table))
	if err != nil {
		return false, err
	}
	defer rows.Close()
	var n int
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return false, err
		}
	}
	return n == 0, rows.Err()
}
