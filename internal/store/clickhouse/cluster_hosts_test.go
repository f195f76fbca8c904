package clickhouse

import (
	"net/url"
	"strings"
	"testing"
)

func TestClusterOptions(t *testing.T) {
	cases := []struct {
		dsn, name, ddl, query, err string
		replicated                 bool
	}{
		{dsn: "clickhouse://h:9000/fg", query: ""},
		{dsn: "clickhouse://h:9000/fg?cluster=c", name: "c", query: "insert_distributed_sync=1"},
		{dsn: "clickhouse://h:9000/fg?cluster=c&replicated=1&on_cluster=1&dial_timeout=2s", name: "c", replicated: true,
			ddl: DDLOnCluster, query: "dial_timeout=2s&insert_distributed_sync=1"},
		{dsn: "clickhouse://h:9000/fg?cluster=c&on_cluster=0&insert_distributed_sync=0", name: "c", ddl: DDLPerHost,
			query: "insert_distributed_sync=0"},
		{dsn: "clickhouse://h:9000/fg?replicated=1", err: "without cluster"},
		{dsn: "clickhouse://h:9000/fg?cluster=c&replicated=yes", err: "replicated=1 or replicated=0"},
	}
	for _, c := range cases {
		u, _ := url.Parse(c.dsn)
		got, err := ClusterOptions(u)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: err %v, want %q", c.dsn, err, c.err)
			}
			continue
		}
		if err != nil || got.Name != c.name || got.DDL != c.ddl || got.Replicated != c.replicated || u.RawQuery != c.query {
			t.Errorf("%s: %+v %v, query %q", c.dsn, got, err, u.RawQuery)
		}
	}
}
