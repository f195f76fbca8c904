package geo

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// A Report lists at most maxProblems problems one by one, and at most
// maxPerReason of each reason; every problem is still counted in Reasons.
const (
	maxProblems  = 100
	maxPerReason = 10
)

// Report says what an import did: rows read, imported and skipped, and why.
type Report struct {
	Kind    string
	File    string
	SHA256  string
	Vintage string
	// Read counts data rows (or GeoJSON features, JSON objects) read;
	// Imported the rows written; Skipped the rows left out.
	Read, Imported, Skipped int
	// Reasons counts rows by why they were skipped or changed: problems,
	// and rows left out by rule (closed PCNs, rows for one sex only).
	Reasons map[string]int
	// Problems lists the first problems, each with its line and column.
	Problems []Problem
	// Notes are file-level remarks (encoding repaired, older layout, ...).
	Notes []string
	// Unchanged is true when this exact file had been imported before, so
	// nothing was written.
	Unchanged  bool
	ImportedAt time.Time
}

// Problem is one bad value: the row was skipped, or the field dropped.
type Problem struct {
	Line    int
	Column  string
	Value   string
	Reason  string
	Skipped bool
}

func (p Problem) String() string {
	what := "row kept"
	if p.Skipped {
		what = "row skipped"
	}
	var parts []string
	if p.Line > 0 {
		parts = append(parts, fmt.Sprintf("line %d", p.Line))
	}
	if p.Column != "" {
		parts = append(parts, "column "+p.Column)
	}
	s := strings.Join(parts, ", ")
	if p.Value != "" {
		s += fmt.Sprintf(" (%q)", clip(p.Value, 60))
	}
	if s != "" {
		s += ": "
	}
	return s + p.Reason + "; " + what
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func (r *Report) add(p Problem) {
	if r.Reasons == nil {
		r.Reasons = map[string]int{}
	}
	r.Reasons[p.Reason]++
	if len(r.Problems) < maxProblems && r.Reasons[p.Reason] <= maxPerReason {
		r.Problems = append(r.Problems, p)
	}
}

// leaveOut counts a row left out by rule (a closed PCN, a row for one sex):
// a reason, not a problem to list.
func (r *Report) leaveOut(reason string) {
	if r.Reasons == nil {
		r.Reasons = map[string]int{}
	}
	r.Reasons[reason]++
	r.Skipped++
}

func (r *Report) note(format string, args ...any) {
	r.Notes = append(r.Notes, fmt.Sprintf(format, args...))
}

// String is a summary a place lead can read: counts, then reasons, then the
// first problems with file, line and column.
func (r Report) String() string {
	var b strings.Builder
	if r.Unchanged {
		fmt.Fprintf(&b, "%s: already imported as %s (vintage %s); nothing changed\n", r.File, r.Kind, r.Vintage)
		return b.String()
	}
	fmt.Fprintf(&b, "%s: %s, vintage %s: %d rows read, %d imported, %d skipped\n",
		r.File, r.Kind, r.Vintage, r.Read, r.Imported, r.Skipped)
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "  note: %s\n", n)
	}
	reasons := make([]string, 0, len(r.Reasons))
	for k := range r.Reasons {
		reasons = append(reasons, k)
	}
	sort.Strings(reasons)
	for _, k := range reasons {
		fmt.Fprintf(&b, "  %d × %s\n", r.Reasons[k], k)
	}
	for _, p := range r.Problems {
		fmt.Fprintf(&b, "  %s: %s\n", r.File, p)
	}
	return b.String()
}

// Errors an import can return; test with errors.Is.
var (
	// ErrUnknownKind: the KIND names no importer (see Kinds).
	ErrUnknownKind = errors.New("unknown geography kind")
	// ErrWrongKind: the file is not of the kind named (wrong columns,
	// another format).
	ErrWrongKind = errors.New("file is not of this kind")
	// ErrNothingImported: every row was rejected.
	ErrNothingImported = errors.New("no usable rows")
	// ErrBadFile: the file cannot be read at all (truncated, bad encoding).
	ErrBadFile = errors.New("file cannot be read")
)

// FileError places an error in a file: line (0 when unknown) and column.
type FileError struct {
	File   string
	Line   int
	Column string
	Err    error
}

func (e *FileError) Error() string {
	s := e.File
	if e.Line > 0 {
		s += fmt.Sprintf(", line %d", e.Line)
	}
	if e.Column != "" {
		s += ", column " + e.Column
	}
	return s + ": " + e.Err.Error()
}

func (e *FileError) Unwrap() error { return e.Err }

func fileErr(file string, line int, col string, err error) error {
	return &FileError{File: file, Line: line, Column: col, Err: err}
}
