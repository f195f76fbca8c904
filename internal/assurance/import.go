package assurance

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
)

// ImportOptions tune a register import.
type ImportOptions struct {
	FileName string // shown in reports and the audit trail; default the path's base
	By       string // who imports; required for the audit trail
	At       time.Time
	// Replace removes entries that are not in the file (the file is the
	// whole register). By default a file only adds and updates.
	Replace  bool
	MaxBytes int64 // default 10 MB
}

// Rejected is a row the import refused, with why.
type Rejected struct {
	Row    int    `json:"row"`
	Reason string `json:"reason"`
}

// ImportReport says what a register import did.
type ImportReport struct {
	File      string     `json:"file"`
	SHA256    string     `json:"sha256"`
	Rows      int        `json:"rows"`
	Added     int        `json:"added"`
	Updated   int        `json:"updated"`
	Unchanged int        `json:"unchanged"`
	Removed   int        `json:"removed"`
	Rejected  []Rejected `json:"rejected"`
	Revision  int64      `json:"revision"` // 0 when nothing changed
	Problem   string     `json:"problem,omitempty"`
}

// ErrFile marks a register file that could not be read at all.
var ErrFile = errors.New("register file not usable")

// Import reads a register file (CSV or XLSX with the columns of Columns)
// strictly: every bad row is rejected with its row number and reason, the
// good rows are added or update the entry with the same identity, all in
// one revision.
func Import(ctx context.Context, st store.Store, path string, opts ImportOptions) (ImportReport, error) {
	if opts.FileName == "" {
		opts.FileName = filepath.Base(path)
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = 10 << 20
	}
	rep := ImportReport{File: opts.FileName}
	ch, err := Change{By: opts.By, At: opts.At, Source: opts.FileName, Reason: "imported from " + opts.FileName}.normalise(opts.FileName)
	if err != nil {
		return rep, err
	}
	b, err := readCapped(path, opts.MaxBytes)
	if err != nil {
		rep.Problem = err.Error()
		return rep, fmt.Errorf("%w: %s", ErrFile, err)
	}
	sum := sha256.Sum256(b)
	rep.SHA256 = hex.EncodeToString(sum[:])
	rows, err := parseRegister(b, opts.FileName, &rep)
	if err != nil {
		rep.Problem = err.Error()
		return rep, fmt.Errorf("%w: %s: %s", ErrFile, opts.FileName, err)
	}
	if err := apply(ctx, st, rows, opts.Replace, ch, &rep); err != nil {
		return rep, err
	}
	return rep, putImport(ctx, st, rep, ch)
}

func readCapped(path string, limit int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("the file is %d bytes, over the %d-byte limit for a register", fi.Size(), limit)
	}
	return os.ReadFile(path)
}

// apply compares the file's rows with the current register and writes one
// revision holding every addition, update and (with replace) removal.
func apply(ctx context.Context, st store.Store, rows []domain.RegisterEntry, replace bool, ch Change, rep *ImportReport) error {
	writeMu.Lock()
	defer writeMu.Unlock()
	cur, _, err := Entries(ctx, st, farFuture)
	if err != nil {
		return err
	}
	byID := map[string]domain.RegisterEntry{}
	for _, e := range cur {
		byID[e.ID] = e
	}
	seen := map[string]bool{}
	var revs []Revision
	base := Revision{By: ch.By, At: ch.At, Source: ch.Source, Reason: ch.Reason}
	for _, e := range rows {
		seen[e.ID] = true
		old, ok := byID[e.ID]
		r := base
		r.EntryID, r.After = e.ID, e
		switch {
		case !ok:
			r.Action = ActionAdd
			rep.Added++
		case sameContent(old, e):
			rep.Unchanged++
			continue
		default:
			r.Action, r.Before = ActionEdit, &old
			rep.Updated++
		}
		revs = append(revs, r)
	}
	if replace {
		for _, e := range cur {
			if !seen[e.ID] {
				old := e
				r := base
				r.EntryID, r.Action, r.Removed, r.Before, r.After = e.ID, ActionRemove, true, &old, e
				revs = append(revs, r)
				rep.Removed++
			}
		}
	}
	rev, err := putRevisions(ctx, st, revs)
	rep.Revision = rev
	return err
}

func putImport(ctx context.Context, st store.Store, rep ImportReport, ch Change) error {
	b, _ := json.Marshal(rep)
	err := st.Insert(ctx, "assurance_imports", []string{"sha256", "file", "rows_read", "added", "updated", "unchanged", "rejected",
		"revision", "report", "imported_by", "imported_at", "version"},
		[][]any{{rep.SHA256, rep.File, rep.Rows, rep.Added, rep.Updated, rep.Unchanged, len(rep.Rejected), rep.Revision,
			string(b), ch.By, ch.At, store.NextSeq(1)}})
	if err != nil {
		return fmt.Errorf("record the register import of %s: %w", rep.File, err)
	}
	return nil
}
