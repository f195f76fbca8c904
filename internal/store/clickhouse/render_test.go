package clickhouse

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Variants are the deployments every migration renders for; the golden files
// show exactly what each one runs.
var Variants = map[string]Cluster{
	"single":             {},
	"cluster_on_cluster": {Name: "feedgauge", DDL: DDLOnCluster},
	"cluster_per_host":   {Name: "feedgauge", DDL: DDLPerHost},
	"cluster_replicated": {Name: "feedgauge", DDL: DDLOnCluster, Replicated: true},
}

// RenderAll renders a variant as one script.
func RenderAll(db string, c Cluster) (string, error) {
	rs, err := RenderMigrations(db, c)
	if err != nil {
		return "", err
	}
	return Script(rs), nil
}

func TestRenderGolden(t *testing.T) {
	for name, c := range Variants {
		t.Run(name, func(t *testing.T) {
			got, err := RenderAll("feedgauge", c)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("rendered DDL differs from %s; if the change is intended run: go test ./internal/store/clickhouse -run TestRenderGolden -update\n%s",
					path, firstDiff(string(want), got))
			}
		})
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < max(len(al), len(bl)); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + strconv.Itoa(i+1) + ":\n  golden: " + x + "\n  now:    " + y
		}
	}
	return ""
}

var distRE = regexp.MustCompile(`CREATE TABLE IF NOT EXISTS ` + "`feedgauge`" + `\.(\w+)(?: ON CLUSTER ` + "`feedgauge`" + `)? AS ` +
	"`feedgauge`" + `\.(\w+) ENGINE = Distributed\('feedgauge', 'feedgauge', '(\w+)', (.+)\)`)

// TestClusterShape checks the cluster render: every table has a local table
// and a Distributed table named like the single-server table, over it.
func TestClusterShape(t *testing.T) {
	single, err := RenderAll("feedgauge", Cluster{})
	if err != nil {
		t.Fatal(err)
	}
	tables := regexp.MustCompile("CREATE TABLE IF NOT EXISTS `feedgauge`\\.(\\w+) ").FindAllStringSubmatch(single, -1)
	for _, c := range []Cluster{Variants["cluster_on_cluster"], Variants["cluster_per_host"], Variants["cluster_replicated"]} {
		out, err := RenderAll("feedgauge", c)
		if err != nil {
			t.Fatal(err)
		}
		dist := map[string]string{}
		for _, m := range distRE.FindAllStringSubmatch(out, -1) {
			if m[2] != m[1]+LocalSuffix || m[3] != m[1]+LocalSuffix {
				t.Errorf("Distributed %s is over %s/%s", m[1], m[2], m[3])
			}
			dist[m[1]] = m[4]
		}
		for _, tb := range tables {
			if tb[1] == "schema_migrations" && c.DDL == DDLPerHost {
				continue // each host keeps its own migration log
			}
			if _, ok := dist[tb[1]]; !ok {
				t.Errorf("%+v: table %s has no Distributed table", c, tb[1])
			}
			if !strings.Contains(out, "`feedgauge`."+tb[1]+LocalSuffix+" ") {
				t.Errorf("%+v: table %s has no local table", c, tb[1])
			}
		}
		if c.Replicated && strings.Contains(out, "= ReplacingMergeTree") {
			t.Errorf("replicated render kept a non-replicated engine")
		}
		if strings.Contains(out, tablePlaceholder) {
			t.Errorf("the table placeholder leaked into the DDL")
		}
	}
}

func TestShardKeys(t *testing.T) {
	cases := []struct{ table, rest, want, err string }{
		{"activity_scores", "(t DateTime) ENGINE = X ORDER BY (t, dataset_id, activity_id)", "cityHash64(dataset_id)", ""},
		{"harvest_attempts", "(x) ENGINE = X PARTITION BY toYYYYMM(started_at) ORDER BY (feed_url, started_at)", "cityHash64(feed_url)", ""},
		{"geo_postcodes", "(x) ENGINE = X ORDER BY (vintage, postcode)", "0", ""},
		{"grant_links", "(x) ENGINE = X ORDER BY (dataset_id, grant_id)", "cityHash64(dataset_id)", ""},
		{"feed_stats", "(x) ENGINE = X ORDER BY (t, dataset_id)", "", "not in its ORDER BY"},
	}
	for _, c := range cases {
		got, err := shardKeyFor(c.table, c.rest)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: err %v, want %q", c.table, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s: %q, %v; want %q", c.table, got, err, c.want)
		}
	}
}

func TestClusterStatements(t *testing.T) {
	c := Cluster{Name: "cl", DDL: DDLOnCluster}
	cases := []struct{ in, want string }{
		{"ALTER TABLE `db`.items ON CLUSTER `cl` ADD COLUMN x String DEFAULT ''",
			"ALTER TABLE `db`.items_local ON CLUSTER `cl` ADD COLUMN x String DEFAULT ''|ALTER TABLE `db`.items ON CLUSTER `cl` ADD COLUMN x String DEFAULT ''"},
		{"ALTER TABLE `db`.items ON CLUSTER `cl` DELETE WHERE state = 'deleted'",
			"ALTER TABLE `db`.items_local ON CLUSTER `cl` DELETE WHERE state = 'deleted'"},
		{"DROP TABLE IF EXISTS `db`.old ON CLUSTER `cl`",
			"DROP TABLE IF EXISTS `db`.old ON CLUSTER `cl`|DROP TABLE IF EXISTS `db`.old_local ON CLUSTER `cl`"},
		{"SELECT 1", "SELECT 1"},
	}
	for _, tc := range cases {
		got, err := clusterStatement(tc.in, "db", c)
		if err != nil || strings.Join(got, "|") != tc.want {
			t.Errorf("%s\n got %q, %v\nwant %q", tc.in, strings.Join(got, "|"), err, tc.want)
		}
	}
	if _, err := clusterStatement("CREATE MATERIALIZED VIEW `db`.mv TO `db`.x AS SELECT 1", "db", c); err == nil {
		t.Error("a materialized view rendered for a cluster without complaint")
	}
	if _, err := Render("SELECT 1", "db", Cluster{Replicated: true}); err == nil {
		t.Error("replicated without a cluster rendered")
	}
}
