package clickhouse_test

import (
	"context"
	"errors"
	"testing"
	"time"

	ch "github.com/ClickHouse/clickhouse-go/v2"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/clickhouse"
	"github.com/feedgauge/feedgauge/internal/store/clickhouse/chtest"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// testWorld is small enough for a test yet spreads over both shards and
// several snapshots; it ends before the storetest fixture's T1.
var testWorld = chtest.World{Seed: 7, Datasets: 40, Activities: 3000, Snapshots: 6,
	Start: time.Date(2026, 3, 1, 6, 0, 0, 0, time.UTC), Step: 24 * time.Hour, Batch: 1000}

// TestTwoShards starts two ClickHouse 18.16 servers as two one-replica
// shards (no ZooKeeper), migrates them through feedgauge with
// ?cluster=…, writes the storetest fixture and a generated world, and
// checks every named query answers exactly as on one server.
func TestTwoShards(t *testing.T) {
	servers := chtest.StartCluster(t, "fgtest", 2)
	ctx := context.Background()
	t.Run("parse", func(t *testing.T) { parseCheck(t, ctx, servers[0]) })

	cl := open(t, ctx, servers[0].DSN("fg")+"?cluster=fgtest")
	if got := cl.Cluster(); got.Name != "fgtest" {
		t.Fatalf("cluster = %+v", got)
	}
	one := open(t, ctx, servers[1].DSN("fg_single"))
	start := time.Now()
	for _, st := range []store.Store{cl, one} {
		if err := storetest.LoadFixture(ctx, st); err != nil {
			t.Fatal(err)
		}
		if err := testWorld.Write(ctx, st, nil); err != nil {
			t.Fatal(err)
		}
	}
	// Writing everything again is an upsert: FINAL must collapse the copies
	// on each shard, so the results stay the same.
	if err := storetest.LoadFixture(ctx, cl); err != nil {
		t.Fatal(err)
	}
	t.Logf("fixture and world written to both in %s", time.Since(start).Round(time.Millisecond))
	checkShards(t, ctx, servers)
	// The Distributed tables answer from either server.
	other := open(t, ctx, servers[1].DSN("fg")+"?cluster=fgtest")
	compareAll(t, ctx, one, map[string]store.Store{"cluster via shard 1": cl, "cluster via shard 2": other})
	t.Run("retention", func(t *testing.T) { clusterRetention(t, ctx, cl) })
}

func open(t *testing.T, ctx context.Context, dsn string) *clickhouse.DB {
	t.Helper()
	db, err := clickhouse.OpenDSN(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// checkShards checks that both shards hold part of the scores and that the
// parts add up.
func checkShards(t *testing.T, ctx context.Context, servers []*chtest.Server) {
	t.Helper()
	var total int64
	for _, s := range servers {
		db, err := clickhouse.Open(ctx, s.DSN("fg"))
		if err != nil {
			t.Fatal(err)
		}
		var n int64
		scanOne(t, ctx, db, "SELECT count() FROM activity_scores_local FINAL", &n)
		var dist int64
		scanOne(t, ctx, db, "SELECT count() FROM activity_scores FINAL", &dist)
		db.Close()
		if n == 0 {
			t.Errorf("shard %s holds no activity scores", s.Addr())
		}
		t.Logf("shard %s: %d of %d activity scores", s.Addr(), n, dist)
		total += n
		want := int64(testWorld.Activities*testWorld.Snapshots + 15)
		if dist != want {
			t.Errorf("Distributed count via %s = %d, want %d", s.Addr(), dist, want)
		}
	}
	if want := int64(testWorld.Activities*testWorld.Snapshots + 15); total != want {
		t.Errorf("shards hold %d scores together, want %d", total, want)
	}
}

func scanOne(t *testing.T, ctx context.Context, st store.Store, q string, dest ...any) {
	t.Helper()
	rows, err := st.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatalf("%s: no row", q)
	}
	if err := rows.Scan(dest...); err != nil {
		t.Fatal(err)
	}
}

// parseCheck runs every rendered statement of the variants 18.16 cannot run
// to completion: each must fail only for want of ZooKeeper (ON CLUSTER: 49;
// Replicated engines: 225), never because it was not understood.
func parseCheck(t *testing.T, ctx context.Context, s *chtest.Server) {
	variants := map[string]clickhouse.Cluster{
		"parse_on_cluster": {Name: "fgtest", DDL: clickhouse.DDLOnCluster},
		"parse_replicated": {Name: "fgtest", DDL: clickhouse.DDLOnCluster, Replicated: true},
		"parse_repl_hosts": {Name: "fgtest", DDL: clickhouse.DDLPerHost, Replicated: true},
		"parse_single":     {},
	}
	for db, c := range variants {
		conn, err := clickhouse.Open(ctx, s.DSN(db))
		if err != nil {
			t.Fatal(err)
		}
		rs, err := clickhouse.RenderMigrations(db, c)
		if err != nil {
			t.Fatal(err)
		}
		n, noLocal := 0, false
		for _, r := range rs {
			for _, stmt := range r.Statements {
				n++
				err := conn.Exec(ctx, stmt)
				var ex *ch.Exception
				switch {
				case err == nil:
				case errors.As(err, &ex) && (ex.Code == 49 || ex.Code == 225) && c.Name != "":
					noLocal = ex.Code == 225
				case errors.As(err, &ex) && ex.Code == 60 && noLocal:
					// The Distributed table over a local table 18.16 could not create.
				default:
					t.Errorf("%s (%s): %v\n%s", db, r.Name, err, stmt)
				}
			}
		}
		conn.Close()
		t.Logf("%s: %d statements accepted", db, n)
	}
}
