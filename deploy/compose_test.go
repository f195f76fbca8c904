package deploy

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

type service struct {
	Image       string
	Build       map[string]any
	Volumes     []string
	Environment map[string]any
}

func services(t *testing.T, path string) map[string]service {
	t.Helper()
	doc := yamlDocs(t, path)[0]
	raw, ok := doc["services"].(map[string]any)
	if !ok {
		t.Fatalf("%s has no services", path)
	}
	out := map[string]service{}
	for name, v := range raw {
		m := v.(map[string]any)
		s := service{Environment: map[string]any{}}
		s.Image, _ = m["image"].(string)
		s.Build, _ = m["build"].(map[string]any)
		for _, vol := range asList(m["volumes"]) {
			s.Volumes = append(s.Volumes, vol.(string))
		}
		if env, ok := m["environment"].(map[string]any); ok {
			s.Environment = env
		}
		out[name] = s
	}
	return out
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// TestComposeReferencesExist: every file a compose service mounts or
// builds from exists, relative to the compose file.
func TestComposeReferencesExist(t *testing.T) {
	for _, path := range []string{"compose/single/compose.yaml", "compose/cluster/compose.yaml"} {
		dir := filepath.Dir(path)
		for name, s := range services(t, path) {
			for _, v := range s.Volumes {
				src := strings.Split(v, ":")[0]
				if !strings.HasPrefix(src, ".") {
					continue // a named volume
				}
				if _, err := os.Stat(filepath.Join(dir, src)); err != nil {
					t.Errorf("%s: service %s mounts %s, which does not exist", path, name, src)
				}
			}
			if s.Build != nil {
				df := filepath.Join(dir, s.Build["context"].(string), s.Build["dockerfile"].(string))
				if _, err := os.Stat(df); err != nil {
					t.Errorf("%s: service %s builds from %s, which does not exist", path, name, df)
				}
			}
			if s.Image == "" {
				t.Errorf("%s: service %s has no image", path, name)
			}
		}
	}
}

func TestComposeSingle(t *testing.T) {
	s := services(t, "compose/single/compose.yaml")
	fg, ch := s["feedgauge"], s["clickhouse"]
	if !strings.HasPrefix(fg.Environment["FEEDGAUGE_STORE"].(string), "clickhouse://") {
		t.Errorf("feedgauge store %v", fg.Environment["FEEDGAUGE_STORE"])
	}
	if !mounts(ch, "../../clickhouse/single/config.d/feedgauge.xml") || !mounts(ch, "../../clickhouse/single/users.d/feedgauge.xml") {
		t.Errorf("clickhouse does not mount deploy/clickhouse/single: %v", ch.Volumes)
	}
}

// TestComposeCluster: four ClickHouse servers, each with its own macros,
// named as the cluster config names them, plus Keeper, and feedgauge
// pointed at the cluster with replicated tables.
func TestComposeCluster(t *testing.T) {
	s := services(t, "compose/cluster/compose.yaml")
	cfg, err := os.ReadFile("clickhouse/cluster/config.d/feedgauge.xml")
	if err != nil {
		t.Fatal(err)
	}
	_, remote, _ := strings.Cut(string(cfg), "<remote_servers>")
	remote, _, _ = strings.Cut(remote, "</remote_servers>")
	hosts := regexp.MustCompile(`<host>([^<]+)</host>`).FindAllStringSubmatch(remote, -1)
	if len(hosts) != 4 {
		t.Fatalf("the cluster config names %d servers, want 4", len(hosts))
	}
	for _, h := range hosts {
		ch, ok := s[h[1]]
		if !ok {
			t.Errorf("the cluster config names %s, which compose does not run", h[1])
			continue
		}
		if !mounts(ch, "../../clickhouse/cluster/macros/"+h[1]+".xml") || !mounts(ch, "../../clickhouse/cluster/config.d/feedgauge.xml") {
			t.Errorf("%s does not mount its macros and the cluster config: %v", h[1], ch.Volumes)
		}
	}
	if _, ok := s["keeper"]; !ok || !strings.Contains(string(cfg), "<host>keeper</host>") {
		t.Error("no Keeper, or the servers do not use it")
	}
	store := s["feedgauge"].Environment["FEEDGAUGE_STORE"].(string)
	if !strings.Contains(store, "cluster=feedgauge") || !strings.Contains(store, "replicated=1") {
		t.Errorf("feedgauge store %q is not the replicated cluster", store)
	}
}

func mounts(s service, src string) bool {
	for _, v := range s.Volumes {
		if strings.HasPrefix(v, src+":") {
			return true
		}
	}
	return false
}
