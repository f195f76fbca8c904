package store

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/feedgauge/feedgauge/queries"
)

// Migration is one versioned schema file.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations lists the embedded migrations of a backend in version order.
func Migrations(backend string) ([]Migration, error) {
	dir := path.Join("migrations", backend)
	entries, err := fs.ReadDir(queries.FS, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations for %s: %w", backend, err)
	}
	var out []Migration
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s/%s: name must start with a number and an underscore", dir, name)
		}
		b, err := fs.ReadFile(queries.FS, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: strings.TrimSuffix(name, ".sql"), SQL: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, fmt.Errorf("migrations %s and %s share version %d", out[i-1].Name, out[i].Name, out[i].Version)
		}
	}
	return out, nil
}

// Statements splits a migration into statements: it drops comment lines and
// splits at semicolons that end a line.
func Statements(sql string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(sql, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(t, ";") {
			s := strings.TrimSuffix(strings.TrimSpace(cur.String()), ";")
			out = append(out, s)
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}

// Migrator is what RunMigrations needs of a backend.
type Migrator interface {
	// AppliedVersions returns the versions already recorded.
	AppliedVersions(ctx context.Context) (map[int]bool, error)
	// Apply runs one migration's statements and records its version.
	Apply(ctx context.Context, m Migration, statements []string) error
}

// RunMigrations applies the pending migrations in order. render may rewrite a
// migration's SQL (ClickHouse renders its template); nil leaves it as is.
func RunMigrations(ctx context.Context, backend string, m Migrator, render func(string) (string, error)) ([]string, error) {
	all, err := Migrations(backend)
	if err != nil {
		return nil, err
	}
	done, err := m.AppliedVersions(ctx)
	if err != nil {
		return nil, err
	}
	var applied []string
	for _, mig := range all {
		if done[mig.Version] {
			continue
		}
		sql := mig.SQL
		if render != nil {
			if sql, err = render(sql); err != nil {
				return applied, fmt.Errorf("migration %s: %w", mig.Name, err)
			}
		}
		if err := m.Apply(ctx, mig, Statements(sql)); err != nil {
			return applied, fmt.Errorf("migration %s: %w", mig.Name, err)
		}
		applied = append(applied, mig.Name)
	}
	return applied, nil
}
