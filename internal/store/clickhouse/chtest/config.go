package chtest

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// config is the minimal one-file server config of stack-facts §2.
func config(s *Server, o Options) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<yandex>
  <logger><level>warning</level><console>1</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <tcp_port>%d</tcp_port>
  <http_port>%d</http_port>
  <path>%s/data/</path>
  <tmp_path>%s/tmp/</tmp_path>
  <users_config>ch.xml</users_config>
  <mark_cache_size>268435456</mark_cache_size>
  <profiles><default/></profiles>
  <users><default><password/><networks><ip>127.0.0.1</ip></networks>
         <profile>default</profile><quota>default</quota></default></users>
  <quotas><default/></quotas>
`, s.TCP, s.HTTP, s.Dir, s.Dir)
	if o.RemoteServers != "" {
		fmt.Fprintf(&b, "  <remote_servers>%s</remote_servers>\n", o.RemoteServers)
	}
	if len(o.Macros) > 0 {
		keys := make([]string, 0, len(o.Macros))
		for k := range o.Macros {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("  <macros>")
		for _, k := range keys {
			fmt.Fprintf(&b, "<%s>%s</%s>", k, o.Macros[k], k)
		}
		b.WriteString("</macros>\n")
	}
	b.WriteString("</yandex>\n")
	return b.String()
}

// Shards describes a cluster of one-replica shards on loopback ports, in
// the <remote_servers> form.
func Shards(name string, tcpPorts []int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<%s>", name)
	for _, p := range tcpPorts {
		fmt.Fprintf(&b, "<shard><replica><host>127.0.0.1</host><port>%d</port></replica></shard>", p)
	}
	fmt.Fprintf(&b, "</%s>", name)
	return b.String()
}

// StartCluster starts one server per shard, all sharing the cluster config
// (no ZooKeeper: Distributed tables work, ON CLUSTER DDL does not).
func StartCluster(tb testing.TB, name string, shards int) []*Server {
	tb.Helper()
	ports := FreePorts(tb, 2*shards)
	tcp := make([]int, shards)
	for i := range tcp {
		tcp[i] = ports[2*i]
	}
	remote := Shards(name, tcp)
	out := make([]*Server, shards)
	for i := range out {
		out[i] = StartOn(tb, ports[2*i], ports[2*i+1], Options{RemoteServers: remote,
			Macros: map[string]string{"shard": fmt.Sprintf("%02d", i+1), "replica": "r1"}})
	}
	return out
}
