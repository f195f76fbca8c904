// Package lock keeps one feedgauge process per data folder: `serve` takes an
// exclusive flock on a lock file in the folder and holds it until it exits.
// The kernel drops a flock when its process ends for any reason, so a crash
// or kill -9 never leaves a stale lock behind.
package lock

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// FileName is the lock file created in the data folder.
const FileName = "feedgauge.lock"

// ErrLocked is returned by Acquire when another process holds the lock.
var ErrLocked = errors.New("data folder is in use")

// Lock is a held lock; Release gives it up.
type Lock struct {
	f    *os.File
	path string
}

// Acquire takes the lock of a data folder (creating the folder if needed)
// without waiting. what names the holder in messages ("serve").
func Acquire(dir, what string) (*Lock, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("create the data folder %s: %w", dir, err)
	}
	path := filepath.Join(dir, FileName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o640)
	if err != nil {
		return nil, fmt.Errorf("open the lock file %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder := readHolder(f)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w: another feedgauge%s is already running on %s; stop it first, or give this one a different data folder",
				ErrLocked, holder, dir)
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	l := &Lock{f: f, path: path}
	l.writeHolder(what)
	return l, nil
}

// Path is the lock file.
func (l *Lock) Path() string { return l.path }

// Release unlocks and closes the lock file. The file itself stays: removing
// it would let a third process lock a different inode than a second one.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	f := l.f
	l.f = nil
	f.Truncate(0)
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeHolder records who holds the lock, for the next one's message.
func (l *Lock) writeHolder(what string) {
	s := fmt.Sprintf("pid=%d\nwhat=%s\nsince=%s\n", os.Getpid(), what, time.Now().UTC().Format(time.RFC3339))
	if err := l.f.Truncate(0); err == nil {
		l.f.WriteAt([]byte(s), 0)
		l.f.Sync()
	}
}

// readHolder describes the holder from the lock file, e.g.
// " (serve, pid 1234, since 2026-11-25T10:00:00Z)", or "" when unknown.
func readHolder(f *os.File) string {
	b := make([]byte, 512)
	n, _ := f.ReadAt(b, 0)
	kv := map[string]string{}
	for _, line := range strings.Split(string(b[:n]), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			kv[k] = v
		}
	}
	pid, err := strconv.Atoi(kv["pid"])
	if err != nil {
		return ""
	}
	what := kv["what"]
	if what == "" {
		what = "feedgauge"
	}
	return fmt.Sprintf(" (%s, pid %d, since %s)", what, pid, kv["since"])
}
