package clickhouse

import (
	"strings"

	"github.com/feedgauge/feedgauge/internal/store"
)

// Rendered is one migration as a deployment would run it.
type Rendered struct {
	Name       string
	Statements []string
}

// RenderMigrations renders the migration log and every embedded migration
// for a deployment, without running anything: what `migrate` would send.
// A cluster with DDLAuto renders as DDLOnCluster.
func RenderMigrations(db string, c Cluster) ([]Rendered, error) {
	migs, err := store.Migrations("clickhouse")
	if err != nil {
		return nil, err
	}
	log := c
	if c.DDL == DDLPerHost {
		log = Cluster{}
	}
	s, err := Render(schemaMigrations, db, log)
	if err != nil {
		return nil, err
	}
	out := []Rendered{{Name: "schema_migrations", Statements: store.Statements(s)}}
	for _, m := range migs {
		s, err := Render(m.SQL, db, c)
		if err != nil {
			return nil, err
		}
		out = append(out, Rendered{Name: m.Name, Statements: store.Statements(s)})
	}
	return out, nil
}

// Script joins rendered migrations into one SQL script with a comment line
// before each migration.
func Script(rs []Rendered) string {
	var b strings.Builder
	for i, r := range rs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("-- " + r.Name + "\n")
		for _, s := range r.Statements {
			b.WriteString(s + ";\n\n")
		}
	}
	return b.String()
}
