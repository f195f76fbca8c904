// Package query loads the named queries of queries/ (a catalogue entry per
// query and one SQL file per backend), binds typed parameters, runs them on a
// store and returns results typed by the catalogue, identical on every
// backend.
package query

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Backends lists the dialects every named query must be written for.
var Backends = []string{"sqlite", "clickhouse"}

// Column is one result column.
type Column struct {
	Name     string `yaml:"name"`
	Type     string `yaml:"type"` // string, int, float, bool, time, list (without "?")
	Nullable bool   `yaml:"-"`
	Label    string `yaml:"label"`
}

// Param is one declared parameter.
type Param struct {
	Name        string   `yaml:"-"`
	Type        string   `yaml:"type"`
	Default     *string  `yaml:"default"`
	Values      []string `yaml:"values"`
	Min         *int64   `yaml:"min"`
	Max         *int64   `yaml:"max"`
	Description string   `yaml:"description"`
}

// Def is one named query.
type Def struct {
	Name        string
	Title       string            `yaml:"title"`
	Description string            `yaml:"description"`
	ParamMap    map[string]*Param `yaml:"params"`
	Columns     []Column          `yaml:"columns"`
	Params      []*Param          `yaml:"-"`
	SQL         map[string]string `yaml:"-"`
}

// Catalog is every named query.
type Catalog struct {
	defs  map[string]*Def
	names []string
}

// ErrUnknown is returned for a query name that does not exist.
var ErrUnknown = errors.New("unknown query")

var paramRef = regexp.MustCompile(`@([A-Za-z_][A-Za-z0-9_]*)`)

var columnTypes = map[string]bool{"string": true, "int": true, "float": true, "bool": true, "time": true, "list": true}
var paramTypes = map[string]bool{"string": true, "int": true, "time": true, "enum": true, "quarter": true, "bool": true}

// Load reads the catalogue from the queries folder (catalog/*.yaml plus
// <backend>/<name>.sql) and checks that each query is complete and
// consistent, naming the file at fault.
func Load(fsys fs.FS) (*Catalog, error) {
	files, err := fs.Glob(fsys, "catalog/*.yaml")
	if err != nil {
		return nil, err
	}
	c := &Catalog{defs: map[string]*Def{}}
	for _, f := range files {
		d, err := loadDef(fsys, f)
		if err != nil {
			return nil, err
		}
		c.defs[d.Name] = d
		c.names = append(c.names, d.Name)
	}
	sort.Strings(c.names)
	for _, b := range Backends {
		sqls, _ := fs.Glob(fsys, b+"/*.sql")
		for _, s := range sqls {
			name := strings.TrimSuffix(path.Base(s), ".sql")
			if c.defs[name] == nil {
				return nil, fmt.Errorf("queries/%s has no catalogue entry queries/catalog/%s.yaml", s, name)
			}
		}
	}
	return c, nil
}

func loadDef(fsys fs.FS, file string) (*Def, error) {
	b, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, err
	}
	d := &Def{Name: strings.TrimSuffix(path.Base(file), ".yaml"), SQL: map[string]string{}}
	if err := yaml.Unmarshal(b, d); err != nil {
		return nil, fmt.Errorf("queries/%s: %w", file, err)
	}
	if err := d.check(file); err != nil {
		return nil, err
	}
	for _, be := range Backends {
		sqlFile := be + "/" + d.Name + ".sql"
		s, err := fs.ReadFile(fsys, sqlFile)
		if err != nil {
			return nil, fmt.Errorf("queries/%s: the query has no %s version (queries/%s)", file, be, sqlFile)
		}
		for _, m := range paramRef.FindAllStringSubmatch(string(s), -1) {
			if !d.knows(m[1]) {
				return nil, fmt.Errorf("queries/%s uses @%s, which queries/%s does not declare", sqlFile, m[1], file)
			}
		}
		d.SQL[be] = string(s)
	}
	return d, nil
}

func (d *Def) check(file string) error {
	if len(d.Columns) == 0 {
		return fmt.Errorf("queries/%s: no columns declared", file)
	}
	seen := map[string]bool{}
	for i := range d.Columns {
		col := &d.Columns[i]
		col.Type, col.Nullable = strings.CutSuffix(col.Type, "?")
		if !columnTypes[col.Type] {
			return fmt.Errorf("queries/%s: column %s has unknown type %q", file, col.Name, col.Type)
		}
		if seen[col.Name] {
			return fmt.Errorf("queries/%s: column %s is declared twice", file, col.Name)
		}
		seen[col.Name] = true
	}
	for name, p := range d.ParamMap {
		p.Name = name
		if !paramTypes[p.Type] {
			return fmt.Errorf("queries/%s: parameter %s has unknown type %q", file, name, p.Type)
		}
		d.Params = append(d.Params, p)
	}
	sort.Slice(d.Params, func(i, j int) bool { return d.Params[i].Name < d.Params[j].Name })
	return nil
}

// knows reports whether @name is a declared parameter or one derived from a
// quarter parameter (@q_start, @q_end).
func (d *Def) knows(name string) bool {
	if d.ParamMap[name] != nil {
		return true
	}
	for _, suffix := range []string{"_start", "_end", "_prev_start", "_prev_end"} {
		if base, ok := strings.CutSuffix(name, suffix); ok && d.ParamMap[base] != nil && d.ParamMap[base].Type == "quarter" {
			return true
		}
	}
	return false
}

// Names lists every query name, sorted.
func (c *Catalog) Names() []string { return append([]string(nil), c.names...) }

// Get returns a query by name.
func (c *Catalog) Get(name string) (*Def, error) {
	if d := c.defs[name]; d != nil {
		return d, nil
	}
	return nil, fmt.Errorf("%w %q: the queries are %s", ErrUnknown, name, strings.Join(c.names, ", "))
}

// Column returns a column of the query by name.
func (d *Def) Column(name string) (Column, bool) {
	for _, c := range d.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}
