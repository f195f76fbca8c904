package grants

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// Severities of a report issue. An error stops a grant (or, at file level,
// the whole file) being imported; a warning is imported but worth fixing;
// info says what feedgauge did.
const (
	SevError   = "error"
	SevWarning = "warning"
	SevInfo    = "info"
)

// Issue is one finding of the validation report. Row is the spreadsheet row
// (the header is row 1 unless rows sit above it) or, for JSON, the grant's
// position in the file counting from 1; 0 means the whole file.
type Issue struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Row      int    `json:"row,omitempty"`
	GrantID  string `json:"grant_id,omitempty"`
	Field    string `json:"field,omitempty"` // the column title, e.g. "Award Date"
	Path     string `json:"path,omitempty"`  // the JSON path, e.g. /awardDate
	Value    string `json:"value,omitempty"`
	Message  string `json:"message"`
}

// Funder is a funding organisation found in a file.
type Funder struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Grants int    `json:"grants"`
}

// Report is the validation report of one import: what was read, what was
// wrong, row by row and field by field, and what was stored.
type Report struct {
	ImportID        string         `json:"import_id"`
	File            string         `json:"file"`
	SHA256          string         `json:"sha256"`
	Format          string         `json:"format"` // json, csv, xlsx
	Encoding        string         `json:"encoding,omitempty"`
	Sheet           string         `json:"sheet,omitempty"`
	Mode            string         `json:"mode"` // strict or lenient
	Size            int64          `json:"size"`
	Funders         []Funder       `json:"funders"`
	Rows            int            `json:"rows"` // grant rows (or JSON grants) read
	Grants          int            `json:"grants"`
	Valid           int            `json:"valid"`
	Invalid         int            `json:"invalid"`
	New             int            `json:"new"`
	Updated         int            `json:"updated"`
	Unchanged       int            `json:"unchanged"`
	Accepted        bool           `json:"accepted"`
	AlreadyImported bool           `json:"already_imported,omitempty"`
	UnknownColumns  []string       `json:"unknown_columns,omitempty"`
	FileIssues      []Issue        `json:"file_issues"`
	Issues          []Issue        `json:"issues"`
	Counts          map[string]int `json:"counts"` // issues by code, all of them
	Omitted         int            `json:"omitted,omitempty"`
	ImportedBy      string         `json:"imported_by"`
	ImportedAt      time.Time      `json:"imported_at"`
}

// maxIssues bounds the listed issues; Counts still counts every one.
const maxIssues = 2000

func (r *Report) fileIssue(sev, code, msg string) {
	r.FileIssues = append(r.FileIssues, Issue{Severity: sev, Code: code, Message: msg})
	r.count(code)
}

func (r *Report) add(is Issue) {
	r.count(is.Code)
	if len(r.Issues) >= maxIssues {
		r.Omitted++
		return
	}
	r.Issues = append(r.Issues, is)
}

func (r *Report) count(code string) {
	if r.Counts == nil {
		r.Counts = map[string]int{}
	}
	r.Counts[code]++
}

// Errors and Warnings count issues of each severity, file issues included.
func (r *Report) Errors() int   { return r.severity(SevError) }
func (r *Report) Warnings() int { return r.severity(SevWarning) }

func (r *Report) severity(sev string) int {
	n := 0
	for _, is := range r.FileIssues {
		if is.Severity == sev {
			n++
		}
	}
	for _, is := range r.Issues {
		if is.Severity == sev {
			n++
		}
	}
	return n
}

// Summary is one line a grants officer can act on.
func (r *Report) Summary() string {
	if !r.Accepted {
		reason := "see the report"
		for _, is := range r.FileIssues {
			if is.Severity == SevError {
				reason = is.Message
				break
			}
		}
		return fmt.Sprintf("%s was not imported: %s", r.File, reason)
	}
	s := fmt.Sprintf("%s: %s read, %s imported (%d new, %d updated, %d unchanged), %s not imported",
		r.File, plural(r.Grants, "grant", "grants"), plural(r.Valid, "grant", "grants"), r.New, r.Updated,
		r.Unchanged, plural(r.Invalid, "grant", "grants"))
	if r.AlreadyImported {
		s += "; this file was imported before, so nothing changed"
	}
	return s
}

// WriteText writes the report for a terminal: the summary, file issues,
// then the issues row by row.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintln(&b, r.Summary())
	fmt.Fprintf(&b, "format %s, mode %s, %d bytes, sha256 %s\n", strings.TrimSpace(r.Format+" "+r.Encoding), r.Mode, r.Size, r.SHA256)
	for _, f := range r.Funders {
		fmt.Fprintf(&b, "funder %s (%s): %d grants\n", f.Name, f.ID, f.Grants)
	}
	for _, is := range r.FileIssues {
		fmt.Fprintf(&b, "%s: %s\n", is.Severity, is.Message)
	}
	for _, is := range r.Issues {
		fmt.Fprintf(&b, "%s %s\n", is.Severity, is.Where()+": "+is.Message)
	}
	if r.Omitted > 0 {
		fmt.Fprintf(&b, "… and %d more issues (counts by kind: %s)\n", r.Omitted, r.countList())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Where says where an issue is: row, grant and field.
func (is Issue) Where() string {
	var parts []string
	if is.Row > 0 {
		parts = append(parts, fmt.Sprintf("row %d", is.Row))
	}
	if is.GrantID != "" {
		parts = append(parts, "grant "+clip(is.GrantID))
	}
	if is.Field != "" && is.Value != "" {
		parts = append(parts, fmt.Sprintf("%s %q", is.Field, is.Value))
	} else if is.Field != "" {
		parts = append(parts, is.Field)
	}
	if len(parts) == 0 {
		return "file"
	}
	return strings.Join(parts, ", ")
}

func (r *Report) countList() string {
	keys := sortedKeys(r.Counts)
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = fmt.Sprintf("%s %d", k, r.Counts[k])
	}
	return strings.Join(out, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
