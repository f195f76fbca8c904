package report

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
)

// Templates: titles, intro lines, sheet parameters and snapshot bounds may
// use ${name}, ${name.part} and ${name.part|fallback}, where the fallback
// may itself hold ${…}. The names are the report's parameters (a quarter
// adds .start .end .prev .prev2 .prev3 .prev.start .prev.end .financial
// .prev.financial; a lookup adds its query's columns), snapshot.* and
// previous.* (the snapshot the report is "as at" and the one it compares
// with), generated and report.title.
var varName = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+)*)$`)

// vars holds the values templates are expanded with.
type vars map[string]string

// ref is one ${…} found in a template.
type ref struct {
	start, end       int // byte offsets of "${" and just past "}"
	name, part, fall string
	hasFall          bool
}

// refs finds the top-level ${…} of s, matching nested braces.
func refs(s string) []ref {
	var out []ref
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '$' || s[i+1] != '{' {
			continue
		}
		depth, j := 1, i+2
		for ; j < len(s) && depth > 0; j++ {
			switch s[j] {
			case '{':
				depth++
			case '}':
				depth--
			}
		}
		if depth != 0 {
			break
		}
		body := s[i+2 : j-1]
		r := ref{start: i, end: j}
		head, fall, ok := strings.Cut(body, "|")
		r.fall, r.hasFall = fall, ok
		if m := varName.FindStringSubmatch(head); m != nil {
			r.name, r.part = m[1], m[2]
		} else {
			r.name = head
		}
		out = append(out, r)
		i = j - 1
	}
	return out
}

// expand replaces every ${…}; an unknown or empty value gives the
// (expanded) fallback.
func (v vars) expand(s string) string {
	rs := refs(s)
	if len(rs) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, r := range rs {
		b.WriteString(s[last:r.start])
		if val := v[r.name+r.part]; val != "" {
			b.WriteString(val)
		} else {
			b.WriteString(v.expand(r.fall))
		}
		last = r.end
	}
	b.WriteString(s[last:])
	return b.String()
}

var quarterParts = []string{"start", "end", "prev", "prev2", "prev3", "prev.start", "prev.end", "financial", "prev.financial"}

var snapshotParts = []string{"t", "date", "london"}

// quarterVars adds the derived values of a quarter parameter.
func quarterVars(v vars, name string, q query.Quarter) {
	p := q.Prev()
	v[name] = q.String()
	v[name+".start"] = q.Start().Format(time.RFC3339)
	v[name+".end"] = q.End().Format(time.RFC3339)
	v[name+".prev"] = p.String()
	v[name+".prev2"] = p.Prev().String()
	v[name+".prev3"] = p.Prev().Prev().String()
	v[name+".prev.start"] = p.Start().Format(time.RFC3339)
	v[name+".prev.end"] = p.End().Format(time.RFC3339)
	v[name+".financial"] = q.FinancialLabel()
	v[name+".prev.financial"] = p.FinancialLabel()
}

// snapshotVars adds snapshot.t (RFC 3339 UTC), snapshot.date and
// snapshot.london (a readable local time) for a snapshot time.
func snapshotVars(v vars, name string, t time.Time) {
	v[name+".t"] = t.UTC().Format(time.RFC3339)
	v[name+".date"] = t.In(query.London).Format("2 January 2006")
	v[name+".london"] = t.In(query.London).Format("2 January 2006 15:04 MST")
}

// knownVar reports whether a template name is valid for a workbook, so that
// load-time validation catches misspellings.
func (d *Def) knownVar(name, part string) bool {
	part = strings.TrimPrefix(part, ".")
	switch name {
	case "snapshot", "previous":
		return contains(snapshotParts, part)
	case "generated":
		return part == ""
	case "report":
		return part == "title"
	}
	for _, p := range d.Params {
		if p.Name != name {
			continue
		}
		if part == "" {
			return true
		}
		if p.Type == "quarter" {
			return contains(quarterParts, part)
		}
		if q := d.lookups[p.Name]; q != nil {
			_, ok := q.Column(part)
			return ok
		}
	}
	return false
}

// checkTemplate validates every ${…} in s.
func (d *Def) checkTemplate(s string, line int, what string) error {
	for _, r := range refs(s) {
		if !d.knownVar(r.name, r.part) {
			return d.errAt(line, "%s uses ${%s%s}, which this report does not define", what, r.name, r.part)
		}
		if err := d.checkTemplate(r.fall, line, what); err != nil {
			return err
		}
	}
	return nil
}

func (d *Def) errAt(line int, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", d.File, line, fmt.Sprintf(format, args...))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
