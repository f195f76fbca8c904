package deploy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// k8sObjects reads every object of the manifests in k8s/.
func k8sObjects(t *testing.T) map[string][]map[string]any {
	t.Helper()
	out := map[string][]map[string]any{}
	for _, f := range files(t, "*.yaml") {
		if !strings.HasPrefix(f, "k8s/") {
			continue
		}
		for _, d := range yamlDocs(t, f) {
			out[f] = append(out[f], d)
		}
	}
	return out
}

func get(m any, path ...string) any {
	for _, p := range path {
		mm, ok := m.(map[string]any)
		if !ok {
			return nil
		}
		m = mm[p]
	}
	return m
}

// podSpec finds a workload's pod template spec.
func podSpec(obj map[string]any) map[string]any {
	switch obj["kind"] {
	case "Deployment", "StatefulSet":
		s, _ := get(obj, "spec", "template", "spec").(map[string]any)
		return s
	case "CronJob":
		s, _ := get(obj, "spec", "jobTemplate", "spec", "template", "spec").(map[string]any)
		return s
	}
	return nil
}

// TestK8sLimitsAndProbes: every container has requests and limits; the
// feedgauge Deployment probes /api/v1/health.
func TestK8sLimitsAndProbes(t *testing.T) {
	workloads := 0
	for f, objs := range k8sObjects(t) {
		for _, o := range objs {
			spec := podSpec(o)
			if spec == nil {
				continue
			}
			workloads++
			name := get(o, "metadata", "name")
			for _, c := range asList(spec["containers"]) {
				for _, k := range []string{"limits", "requests"} {
					r := get(c, "resources", k)
					if get(r, "cpu") == nil || get(r, "memory") == nil {
						t.Errorf("%s %v: container %v has no %s for cpu and memory", f, name, get(c, "name"), k)
					}
				}
				if get(c, "securityContext", "allowPrivilegeEscalation") != false {
					t.Errorf("%s %v: container may escalate privileges", f, name)
				}
			}
			if get(spec, "securityContext", "runAsNonRoot") != true {
				t.Errorf("%s %v: pods may run as root", f, name)
			}
			if o["kind"] == "Deployment" && name == "feedgauge" {
				c := asList(spec["containers"])[0]
				for _, p := range []string{"readinessProbe", "startupProbe"} {
					if get(c, p, "httpGet", "path") != "/api/v1/health" {
						t.Errorf("feedgauge %s is not on /api/v1/health", p)
					}
				}
				if get(c, "livenessProbe") == nil {
					t.Error("feedgauge has no liveness probe")
				}
			}
		}
	}
	if workloads < 3 {
		t.Fatalf("found %d workloads, want serve, snapshot and ClickHouse", workloads)
	}
}

// TestK8sReferences: kustomization lists existing files; the Secret holds
// the keys pods read; the ClickHouse ConfigMap is deploy/clickhouse/single.
func TestK8sReferences(t *testing.T) {
	objs := k8sObjects(t)
	for _, r := range asList(objs["k8s/kustomization.yaml"][0]["resources"]) {
		if _, err := os.Stat(filepath.Join("k8s", r.(string))); err != nil {
			t.Errorf("kustomization lists %s: %v", r, err)
		}
	}
	secret := get(objs["k8s/secret.yaml"][0], "stringData").(map[string]any)
	for _, f := range []string{"k8s/deployment.yaml", "k8s/cronjob.yaml", "k8s/clickhouse.yaml"} {
		b, _ := os.ReadFile(f)
		for _, line := range strings.Split(string(b), "\n") {
			_, after, ok := strings.Cut(line, "secretKeyRef: {name: feedgauge, key: ")
			if !ok {
				continue
			}
			key := strings.TrimRight(after, "}")
			if _, ok := secret[key]; !ok {
				t.Errorf("%s reads secret key %s, which secret.yaml lacks", f, key)
			}
		}
	}
	var cm map[string]any
	for _, o := range objs["k8s/clickhouse.yaml"] {
		if o["kind"] == "ConfigMap" {
			cm = o["data"].(map[string]any)
		}
	}
	for key, file := range map[string]string{"feedgauge-config.xml": "clickhouse/single/config.d/feedgauge.xml",
		"feedgauge-users.xml": "clickhouse/single/users.d/feedgauge.xml"} {
		want, _ := os.ReadFile(file)
		if cm[key] != string(want) {
			t.Errorf("k8s/clickhouse.yaml %s differs from %s", key, file)
		}
	}
}
