package dashboard

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// Vars are the values a page run substitutes into panel parameters:
// {{filter.NAME}} from the URL's filters and {{page.NAME}} from the route.
type Vars struct {
	Filters map[string]string
	Page    map[string]string
}

var refRE = regexp.MustCompile(`\{\{\s*(filter|page|row)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}`)

// ref is one {{scope.name}} reference.
type ref struct{ scope, name string }

func refs(s string) []ref {
	var out []ref
	for _, m := range refRE.FindAllStringSubmatch(s, -1) {
		out = append(out, ref{m[1], m[2]})
	}
	return out
}

// expand substitutes references. A value that is a single reference to an
// empty value is reported as absent (ok false), so the query's default
// applies instead of an empty string.
func (v Vars) expand(s string) (out string, ok bool) {
	if m := refRE.FindStringSubmatch(s); m != nil && m[0] == strings.TrimSpace(s) {
		val := v.lookup(m[1], m[2])
		return val, val != ""
	}
	return refRE.ReplaceAllStringFunc(s, func(r string) string {
		m := refRE.FindStringSubmatch(r)
		return v.lookup(m[1], m[2])
	}), true
}

func (v Vars) lookup(scope, name string) string {
	switch scope {
	case "filter":
		return v.Filters[name]
	case "page":
		return v.Page[name]
	}
	return ""
}

// Params turns a panel's parameter templates into the raw parameters of
// its query.
func (v Vars) Params(tmpl map[string]string) map[string]string {
	out := make(map[string]string, len(tmpl))
	for k, t := range tmpl {
		if val, ok := v.expand(t); ok {
			out[k] = val
		}
	}
	return out
}

// Query renders the filters as a URL query string (sorted, empty values
// left out) so links and downloads carry the view.
func (v Vars) Query() string {
	q := url.Values{}
	for k, val := range v.Filters {
		if val != "" {
			q.Set(k, val)
		}
	}
	return q.Encode()
}

// Link expands a link template for one table row: {{row.COL}} takes the
// row's value, query-escaped; {{filter.X}} and {{page.X}} likewise. The
// page's filters are appended so the view carries on.
func (v Vars) Link(tmpl string, row func(col string) string) string {
	href := refRE.ReplaceAllStringFunc(tmpl, func(r string) string {
		m := refRE.FindStringSubmatch(r)
		if m[1] == "row" {
			return url.QueryEscape(row(m[2]))
		}
		return url.QueryEscape(v.lookup(m[1], m[2]))
	})
	return WithQuery(href, v.Query())
}

// WithQuery appends a query string to a link that may already hold one.
func WithQuery(href, q string) string {
	if q == "" {
		return href
	}
	if strings.Contains(href, "?") {
		return href + "&" + q
	}
	return href + "?" + q
}

// checkRefs makes sure a template refers only to filters and page params
// the dashboard declares (and, where allowed, row columns).
func (d *Dashboard) checkRefs(s string, cols map[string]bool, where string) error {
	for _, r := range refs(s) {
		switch r.scope {
		case "filter":
			if d.Filter(r.name) == nil {
				return fmt.Errorf("%s refers to {{filter.%s}}, but the page has no filter %q (filters: %s)", where, r.name, r.name, d.filterNames())
			}
		case "page":
			if !contains(d.Params, r.name) {
				return fmt.Errorf("%s refers to {{page.%s}}, but the page's params are [%s]", where, r.name, strings.Join(d.Params, ", "))
			}
		case "row":
			if cols == nil {
				return fmt.Errorf("%s refers to {{row.%s}}, which only links may use", where, r.name)
			}
			if !cols[r.name] {
				return fmt.Errorf("%s refers to {{row.%s}}, which is not a column of the query", where, r.name)
			}
		}
	}
	return nil
}

func (d *Dashboard) filterNames() string {
	var n []string
	for _, f := range d.Filters {
		n = append(n, f.Name)
	}
	sort.Strings(n)
	if len(n) == 0 {
		return "none"
	}
	return strings.Join(n, ", ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
