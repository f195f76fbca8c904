// Package report renders the Excel workbooks defined in reports/ (one YAML
// file per workbook; each sheet names a query of queries/) with excelize.
// Adding a sheet or a workbook needs no Go change.
//
// Wiring: load once at start-up, failing fast with the file and line of any
// mistake, then render by name:
//
//	set, err := report.Load(reports.FS, catalog, report.WithLogger(log))
//	err = set.Render(ctx, st, "quarterly", map[string]string{"quarter": "2026Q3"}, w)
//	err = set.WriteFile(ctx, st, "fix-list", params, "out.xlsx")
//
// Render writes nothing to w unless the whole workbook was built, so a web
// handler can still answer with an error status. Errors wrap ErrUnknown,
// ErrBadParam, ErrNotFound or ErrNoData for the caller to map to an exit
// code or an HTTP status.
package report

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/score"
)

var (
	// ErrUnknown marks a report name that no reports/*.yaml defines.
	ErrUnknown = errors.New("unknown report")
	// ErrBadParam marks a missing, unknown or malformed parameter; it is
	// query.ErrBadParam so callers need map only one.
	ErrBadParam = query.ErrBadParam
	// ErrNotFound marks a parameter naming something that does not exist
	// (a place, a dataset).
	ErrNotFound = errors.New("not found")
	// ErrNoData marks a period with no complete snapshot.
	ErrNoData = errors.New("no data")
)

// ContentType is the MIME type of the workbooks.
const ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Set is every workbook definition, validated against the query catalogue.
type Set struct {
	defs    map[string]*Def
	names   []string
	cat     *query.Catalog
	log     *slog.Logger
	now     func() time.Time
	profile *score.Profile
	labels  Labeler
	once    sync.Once
	profErr error
}

// Labeler gives the readable label of an Activity List or Facility Types
// @id ("" when unknown).
type Labeler interface{ Label(id string) string }

// Option configures a Set.
type Option func(*Set)

// WithLogger logs through l (nil discards).
func WithLogger(l *slog.Logger) Option { return func(s *Set) { s.log = l } }

// WithProfile prints p on the Method sheet and reads check titles and fix
// texts from it; by default the embedded default profile is used.
func WithProfile(p *score.Profile) Option { return func(s *Set) { s.profile = p } }

// WithLabels names activity types with l instead of showing their @ids.
func WithLabels(l Labeler) Option { return func(s *Set) { s.labels = l } }

// WithClock sets the clock that stamps "generated" times (tests).
func WithClock(now func() time.Time) Option { return func(s *Set) { s.now = now } }

// Load reads every *.yaml at the root of fsys and validates each workbook
// against the catalogue: queries, parameters and columns must exist, and
// every error names the file and line.
func Load(fsys fs.FS, cat *query.Catalog, opts ...Option) (*Set, error) {
	s := &Set{defs: map[string]*Def{}, cat: cat, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	files, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, fmt.Errorf("load reports: %w", err)
	}
	for _, f := range files {
		if err := s.loadFile(fsys, f); err != nil {
			return nil, err
		}
	}
	sort.Strings(s.names)
	return s, nil
}

func (s *Set) loadFile(fsys fs.FS, f string) error {
	data, err := fs.ReadFile(fsys, f)
	if err != nil {
		return fmt.Errorf("load reports: %w", err)
	}
	d, err := parseDef("reports/"+f, data)
	if err != nil {
		return err
	}
	d.Name, d.set = strings.TrimSuffix(path.Base(f), ".yaml"), s
	if err := d.validate(s.cat); err != nil {
		return err
	}
	for _, sh := range d.Sheets {
		if sh.query == nil {
			s.log.Warn("report sheet left out: its query does not exist yet",
				"report", d.Name, "sheet", sh.Name, "query", sh.Query, "file", d.File, "line", sh.line)
		}
	}
	s.defs[d.Name] = d
	s.names = append(s.names, d.Name)
	return nil
}

// Names lists the reports, sorted.
func (s *Set) Names() []string { return append([]string(nil), s.names...) }

// Get returns a report by name.
func (s *Set) Get(name string) (*Def, error) {
	if d := s.defs[name]; d != nil {
		return d, nil
	}
	return nil, fmt.Errorf("%w %q: the reports are %s", ErrUnknown, name, strings.Join(s.names, ", "))
}

// Profile returns the scoring profile the Method sheet prints.
func (s *Set) Profile() (*score.Profile, error) {
	s.once.Do(func() {
		if s.profile != nil {
			return
		}
		ref, err := score.DefaultReference()
		if err != nil {
			s.profErr = fmt.Errorf("read the default scoring profile: %w", err)
			return
		}
		s.profile = ref.Profile
		if s.labels == nil {
			if l, ok := any(ref.Activities).(Labeler); ok {
				s.labels = l
			}
		}
	})
	return s.profile, s.profErr
}
