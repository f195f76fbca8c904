package spool

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/lock"
)

// queue is the durable part: one file per batch, named by a sequence number
// so the directory listing is the order. A batch file appears only complete
// (written to a temporary name, fsync'd, renamed, directory fsync'd), so a
// crash leaves either the whole batch or none of it. A flock on .lock makes
// appends and deliveries of several feedgauge processes on one folder take
// turns.
type queue struct {
	dir string
}

const (
	batchExt   = ".batch"
	failedDir  = "failed"
	lockName   = ".lock"
	tmpPrefix  = ".tmp-"
	seqDigits  = 20
	filePerm   = 0o640
	folderPerm = 0o750
)

func openQueue(dir string) (*queue, error) {
	if dir == "" {
		return nil, fmt.Errorf("the spool needs a folder (--spool-dir)")
	}
	if err := os.MkdirAll(filepath.Join(dir, failedDir), folderPerm); err != nil {
		return nil, fmt.Errorf("create the spool folder %s: %w", dir, err)
	}
	q := &queue{dir: dir}
	unlock, err := q.lock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	// Temporary files are batches whose writer died before rename: their
	// Insert never returned, so nobody was told they were kept.
	tmps, _ := filepath.Glob(filepath.Join(dir, tmpPrefix+"*"))
	for _, t := range tmps {
		os.Remove(t)
	}
	return q, nil
}

func (q *queue) lock() (func(), error) { return lock.Exclusive(filepath.Join(q.dir, lockName)) }

// list returns the queued batch files in order, with their total size.
func (q *queue) list() ([]string, int64, error) {
	entries, err := os.ReadDir(q.dir)
	if err != nil {
		return nil, 0, fmt.Errorf("read the spool folder %s: %w", q.dir, err)
	}
	var names []string
	var size int64
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), batchExt) {
			names = append(names, e.Name())
			if info, err := e.Info(); err == nil {
				size += info.Size()
			}
		}
	}
	sort.Strings(names)
	return names, size, nil
}

// append stores a batch durably and returns its file name. The caller
// holds the lock.
func (q *queue) append(b *Batch) (string, error) {
	names, _, err := q.list()
	if err != nil {
		return "", err
	}
	// Sequence numbers follow the clock (so they never repeat, even in
	// failed/ after the queue empties) but always exceed the last queued one.
	seq := uint64(time.Now().UnixNano())
	if len(names) > 0 {
		last, _ := strconv.ParseUint(strings.TrimSuffix(names[len(names)-1], batchExt), 10, 64)
		seq = max(seq, last+1)
	}
	name := fmt.Sprintf("%0*d%s", seqDigits, seq, batchExt)
	tmp, err := os.CreateTemp(q.dir, tmpPrefix+"*")
	if err != nil {
		return "", fmt.Errorf("write to the spool %s: %w", q.dir, err)
	}
	defer os.Remove(tmp.Name())
	if err := Encode(tmp, b); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", fmt.Errorf("sync the spool file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	os.Chmod(tmp.Name(), filePerm)
	if err := os.Rename(tmp.Name(), filepath.Join(q.dir, name)); err != nil {
		return "", fmt.Errorf("write to the spool %s: %w", q.dir, err)
	}
	return name, syncDir(q.dir)
}

func (q *queue) read(name string) (*Batch, error) {
	f, err := os.Open(filepath.Join(q.dir, name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	b, err := Decode(f, info.Size())
	if err != nil {
		return nil, fmt.Errorf("spool file %s: %w", name, err)
	}
	return b, nil
}

// ack removes a delivered batch, durably: once this returns, the batch is
// never delivered again.
func (q *queue) ack(name string) error {
	if err := os.Remove(filepath.Join(q.dir, name)); err != nil {
		return fmt.Errorf("remove delivered spool file %s: %w", name, err)
	}
	return syncDir(q.dir)
}

// quarantine moves a batch the store keeps refusing to failed/, where an
// operator can inspect it and move it back.
func (q *queue) quarantine(name string) error {
	if err := os.Rename(filepath.Join(q.dir, name), filepath.Join(q.dir, failedDir, name)); err != nil {
		return err
	}
	return syncDir(q.dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync the spool folder %s: %w", dir, err)
	}
	return nil
}
