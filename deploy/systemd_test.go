package deploy

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// unit reads a systemd unit: section → directive → values (a directive may
// repeat).
func unit(t *testing.T, path string) map[string]map[string][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]map[string][]string{}
	section := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = strings.Trim(line, "[]")
			out[section] = map[string][]string{}
		default:
			k, v, ok := strings.Cut(line, "=")
			if !ok || section == "" {
				t.Fatalf("%s:%d: not a directive: %q", path, n, line)
			}
			out[section][k] = append(out[section][k], v)
		}
	}
	return out
}

func TestSystemdHardening(t *testing.T) {
	u := unit(t, "systemd/feedgauge.service")
	svc := u["Service"]
	want := map[string]string{
		"DynamicUser": "yes", "ProtectSystem": "strict", "ProtectHome": "yes", "NoNewPrivileges": "yes",
		"PrivateTmp": "yes", "PrivateDevices": "yes", "CapabilityBoundingSet": "", "AmbientCapabilities": "",
		"RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX", "RestrictNamespaces": "yes", "RestrictSUIDSGID": "yes",
		"LockPersonality": "yes", "MemoryDenyWriteExecute": "yes", "ProtectKernelTunables": "yes",
		"ProtectKernelModules": "yes", "ProtectControlGroups": "yes", "SystemCallArchitectures": "native",
		"StateDirectory": "feedgauge", "ReadWritePaths": "/var/lib/feedgauge", "EnvironmentFile": "/etc/feedgauge/feedgauge.env",
		"ExecStart": "/usr/local/bin/feedgauge serve", "Restart": "on-failure",
	}
	for k, v := range want {
		got, ok := svc[k]
		if !ok || got[0] != v {
			t.Errorf("[Service] %s = %q, want %q", k, got, v)
		}
	}
	if f := strings.Join(svc["SystemCallFilter"], " "); !strings.Contains(f, "@system-service") {
		t.Errorf("SystemCallFilter %q lacks @system-service", f)
	}
	if u["Install"]["WantedBy"][0] != "multi-user.target" || len(u["Unit"]["After"]) == 0 {
		t.Error("[Unit]/[Install] incomplete")
	}
}

// TestEnvFileDocumentsEveryFlag: each flag's FEEDGAUGE_ variable appears in
// the environment file, set or commented out with its default.
func TestEnvFileDocumentsEveryFlag(t *testing.T) {
	b, err := os.ReadFile("systemd/feedgauge.env")
	if err != nil {
		t.Fatal(err)
	}
	env := string(b)
	for _, f := range flagNames(t) {
		if !strings.Contains(env, envName(f)+"=") {
			t.Errorf("systemd/feedgauge.env does not document %s (--%s)", envName(f), f)
		}
	}
	for n, line := range strings.Split(env, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "FEEDGAUGE_") {
			t.Errorf("feedgauge.env:%d: %q is neither a comment nor a FEEDGAUGE_ setting", n+1, line)
		}
	}
}
