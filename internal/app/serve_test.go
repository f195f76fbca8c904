package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/simulate"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestServe runs `feedgauge serve` in-process against a simulated
// publisher: a snapshot started from the admin API lands in the named
// queries, /metrics counts the attempts, a second serve on the same data
// folder is refused, and cancelling (SIGTERM) shuts it down cleanly.
func TestServe(t *testing.T) {
	sim, err := simulate.Start(context.Background(), simulate.Config{Seed: 5, Datasets: 2, Activities: 20})
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	dir := t.TempDir()
	addr := freeAddr(t)
	args := []string{"serve", "--store", "sqlite:" + filepath.Join(dir, "fg.db"), "--addr", addr, "--admin-token", "s3cret",
		"--source", sim.CatalogueURL(), "--allow-private=127.0.0.1", "--spool-dir", filepath.Join(dir, "spool"), "--log-level", "warn"}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var stderr bytes.Buffer
	go func() { done <- Main(ctx, args, io.Discard, &stderr) }()
	base := "http://" + addr
	waitFor(t, func() bool { return get(base+"/api/v1/health", "") == 200 })

	if code := post(base+"/admin/snapshots/run", ""); code != 401 {
		t.Errorf("trigger without the token: %d, want 401", code)
	}
	if code := post(base+"/admin/snapshots/run", "s3cret"); code != 200 {
		t.Fatalf("trigger: %d", code)
	}
	waitFor(t, func() bool {
		var rows []map[string]any
		return getJSON(base+"/api/v1/queries/datasets", &rows) && len(rows) == 2
	})
	if body := getBody(base + "/metrics"); !strings.Contains(body, `feedgauge_harvest_attempts_total{error_kind="ok",status="ok"}`) {
		t.Errorf("metrics lack harvest attempts:\n%.1500s", body)
	}
	var second bytes.Buffer
	if code := Main(context.Background(), append(args[:len(args):len(args)], "--addr", freeAddr(t)), io.Discard, &second); code != 1 ||
		!strings.Contains(second.String(), "already") {
		t.Errorf("a second serve on the same folder: exit %d, %q", code, second.String())
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after shutdown: %s", code, stderr.String())
		}
	case <-time.After(40 * time.Second):
		t.Fatal("serve did not shut down")
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	for i := 0; i < 300; i++ {
		if ok() {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("timed out waiting")
}

func get(url, token string) int {
	req, _ := http.NewRequest("GET", url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func post(url, token string) int {
	req, _ := http.NewRequest("POST", url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func getBody(url string) string {
	resp, err := http.Get(url)
	if err != nil {
		return fmt.Sprint(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func getJSON(url string, v any) bool {
	resp, err := http.Get(url)
	if err != nil || resp.StatusCode != 200 {
		return false
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v) == nil
}
