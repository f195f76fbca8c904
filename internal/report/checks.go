package report

import (
	"strings"

	"github.com/feedgauge/feedgauge/internal/score"
)

// Check ids (sp.1…sp.14, as.1…as.5) are shown in plain words read from the
// scoring profile (title and fix text of each check), so the words in a
// workbook never drift from the method's profile.

// checkWords indexes the profile's checks by id.
func checkWords(p *score.Profile) map[string]score.CheckDef {
	out := map[string]score.CheckDef{}
	if p == nil {
		return out
	}
	for _, c := range p.SPReadyChecks {
		out[c.ID] = c
	}
	for _, c := range p.AssuranceChecks {
		out[c.ID] = c
	}
	return out
}

// transform returns a column's transform, built once per workbook.
func (w *workbook) transform(c *ColumnDef) func([]string) string {
	if c.Transform == "" {
		return nil
	}
	if f, ok := w.transforms[c]; ok {
		return f
	}
	if w.transforms == nil {
		w.transforms = map[*ColumnDef]func([]string) string{}
	}
	f := w.transformFunc(c.Transform)
	w.transforms[c] = f
	return f
}

// transformFunc returns the function a column's transform names, or nil.
func (w *workbook) transformFunc(name string) func([]string) string {
	words := w.words
	switch name {
	case "check_titles":
		return func(ids []string) string {
			return joinMapped(ids, "; ", func(id string) string { return checkTitle(words, id) })
		}
	case "check_fixes":
		return func(ids []string) string {
			return joinMapped(ids, "\n", func(it string) string {
				id, _, _ := strings.Cut(it, ":")
				c, ok := words[id]
				if !ok || c.Fix == "" {
					return id
				}
				return c.Title + ": " + c.Fix
			})
		}
	case "check_counts":
		return func(items []string) string {
			return joinMapped(items, "; ", func(it string) string {
				id, n, found := strings.Cut(it, ":")
				if !found {
					return checkTitle(words, id)
				}
				return checkTitle(words, id) + " (" + n + ")"
			})
		}
	case "activity_type":
		return func(ids []string) string { return joinMapped(ids, ", ", w.activityLabel) }
	}
	return nil
}

func checkTitle(words map[string]score.CheckDef, id string) string {
	if c, ok := words[id]; ok && c.Title != "" {
		return c.Title
	}
	return id
}

func (w *workbook) activityLabel(id string) string {
	if w.labels != nil {
		if l := w.labels.Label(id); l != "" {
			return l
		}
	}
	return id
}

func joinMapped(items []string, sep string, f func(string) string) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = f(it)
	}
	return strings.Join(out, sep)
}
