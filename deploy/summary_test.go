package deploy

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// TestSummaryGolden pins what the deployment files deploy: Kubernetes
// objects, compose services and images, and the unit's directives. Run
// `go test ./deploy -update` after an intended change and review the diff.
func TestSummaryGolden(t *testing.T) {
	var b strings.Builder
	for _, path := range []string{"compose/single/compose.yaml", "compose/cluster/compose.yaml"} {
		s := services(t, path)
		names := make([]string, 0, len(s))
		for n := range s {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(&b, "%s: service %s image %s\n", path, n, s[n].Image)
		}
	}
	objs := k8sObjects(t)
	paths := make([]string, 0, len(objs))
	for p := range objs {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		for _, o := range objs[p] {
			fmt.Fprintf(&b, "%s: %v %v\n", p, o["kind"], get(o, "metadata", "name"))
			if spec := podSpec(o); spec != nil {
				for _, c := range asList(spec["containers"]) {
					fmt.Fprintf(&b, "  container %v image %v limits %v\n", get(c, "name"), get(c, "image"), get(c, "resources", "limits"))
				}
			}
		}
	}
	u := unit(t, "systemd/feedgauge.service")
	keys := make([]string, 0, len(u["Service"]))
	for k := range u["Service"] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "systemd [Service] %s=%s\n", k, strings.Join(u["Service"][k], " | "))
	}
	got := b.String()
	const path = "testdata/summary.golden"
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./deploy -update)", err)
	}
	if got != string(want) {
		t.Errorf("deployment files changed; review and run go test ./deploy -update:\n--- golden\n%s\n--- now\n%s", want, got)
	}
}
