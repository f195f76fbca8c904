// Package chtest starts throwaway ClickHouse servers for tests: each on free
// loopback ports with its own config and data folder, stopped and removed
// when the test ends. The binary is FEEDGAUGE_TEST_CLICKHOUSE_BIN (default
// /usr/sbin/clickhouse-server); without it tests skip, except under CI=true,
// where they fail.
package chtest

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// EnvBin names the clickhouse-server binary tests start.
const EnvBin = "FEEDGAUGE_TEST_CLICKHOUSE_BIN"

// Binary returns the server binary, skipping the test when it is missing
// (failing under CI=true).
func Binary(tb testing.TB) string {
	tb.Helper()
	bin := os.Getenv(EnvBin)
	if bin == "" {
		bin = "/usr/sbin/clickhouse-server"
	}
	if _, err := os.Stat(bin); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("CI=true but the ClickHouse server %s is missing (set %s): %v", bin, EnvBin, err)
		}
		tb.Skipf("no ClickHouse server binary at %s (set %s to run this test)", bin, EnvBin)
	}
	return bin
}

// Options shape a server's config.
type Options struct {
	// RemoteServers is the inner XML of <remote_servers>, for clusters.
	RemoteServers string
	// Macros become <macros> (shard, replica …).
	Macros map[string]string
}

// Server is one running (or stopped) throwaway server.
type Server struct {
	Dir  string
	TCP  int
	HTTP int
	bin  string
	cmd  *exec.Cmd
	done chan struct{}
}

// Start starts a server and registers its stop and removal with tb.
func Start(tb testing.TB, opts Options) *Server {
	tb.Helper()
	ports := FreePorts(tb, 2)
	return StartOn(tb, ports[0], ports[1], opts)
}

// StartOn starts a server on the given ports.
func StartOn(tb testing.TB, tcp, http int, opts Options) *Server {
	tb.Helper()
	s := &Server{Dir: tb.TempDir(), TCP: tcp, HTTP: http, bin: Binary(tb)}
	if err := os.WriteFile(filepath.Join(s.Dir, "ch.xml"), []byte(config(s, opts)), 0o644); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Stop(tb) })
	s.Restart(tb)
	return s
}

// Addr is host:port of the native protocol.
func (s *Server) Addr() string { return fmt.Sprintf("127.0.0.1:%d", s.TCP) }

// DSN is a store address for database db on this server.
func (s *Server) DSN(db string) string {
	return fmt.Sprintf("clickhouse://127.0.0.1:%d/%s", s.TCP, db)
}

// Restart starts the server process (again) on its folder and ports and
// waits until it answers.
func (s *Server) Restart(tb testing.TB) {
	tb.Helper()
	if s.cmd != nil {
		tb.Fatalf("ClickHouse on %d is already running", s.TCP)
	}
	logf, err := os.OpenFile(filepath.Join(s.Dir, "server.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(s.bin, "--config-file="+filepath.Join(s.Dir, "ch.xml"))
	cmd.Stdout, cmd.Stderr, cmd.Dir = logf, logf, s.Dir
	if err := cmd.Start(); err != nil {
		logf.Close()
		tb.Fatalf("start ClickHouse: %v", err)
	}
	s.cmd, s.done = cmd, make(chan struct{})
	go func() { cmd.Wait(); logf.Close(); close(s.done) }()
	if err := s.waitReady(30 * time.Second); err != nil {
		s.Stop(tb)
		log, _ := os.ReadFile(filepath.Join(s.Dir, "server.log"))
		tb.Fatalf("ClickHouse on %d: %v\n%s", s.TCP, err, tail(string(log), 20))
	}
}

func (s *Server) waitReady(limit time.Duration) error {
	url := fmt.Sprintf("http://127.0.0.1:%d/ping", s.HTTP)
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			return fmt.Errorf("the server exited while starting")
		default:
		}
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	return fmt.Errorf("no answer on /ping within %s", limit)
}

// Stop sends SIGTERM and waits for the process to exit (SIGKILL after 30 s).
func (s *Server) Stop(tb testing.TB) { s.signal(syscall.SIGTERM, 30*time.Second) }

// Kill ends the server abruptly, as a crash or power cut would.
func (s *Server) Kill(tb testing.TB) { s.signal(syscall.SIGKILL, 10*time.Second) }

func (s *Server) signal(sig syscall.Signal, wait time.Duration) {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Signal(sig)
	select {
	case <-s.done:
	case <-time.After(wait):
		s.cmd.Process.Kill()
		<-s.done
	}
	s.cmd = nil
}

// FreePorts returns n distinct loopback ports that were free a moment ago.
func FreePorts(tb testing.TB, n int) []int {
	tb.Helper()
	var out []int
	var ls []net.Listener
	for len(out) < n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			tb.Fatal(err)
		}
		ls = append(ls, l)
		out = append(out, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return out
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
