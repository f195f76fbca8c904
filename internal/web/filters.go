package web

import (
	"regexp"

	"github.com/gofiber/fiber/v2"

	"github.com/feedgauge/feedgauge/internal/dashboard"
	"github.com/feedgauge/feedgauge/internal/query"
)

// FilterView is one filter of the page's filter form.
type FilterView struct {
	Name, Label, Type, Help, Value, AllLabel string
	Groups                                   []OptionGroup
}

// OptionGroup is an <optgroup> (Label "" for ungrouped options).
type OptionGroup struct {
	Label   string
	Options []OptionView
}

// OptionView is one <option>.
type OptionView struct {
	Value, Label string
	Selected     bool
}

var (
	codeRE = regexp.MustCompile(`^[A-Za-z0-9]{1,16}$`)
	// groupWords name the option groups of the place filter.
	groupWords = map[string]string{"lad": "Local authorities", "sub_icb": "Sub-ICB locations", "icb": "Integrated Care Boards", "region": "Regions"}
)

// readFilters reads the dashboard's filters from the query string and
// checks each value, so a bad value is a 400 naming the filter rather
// than an odd-looking page. Empty values take the filter's default.
func readFilters(c *fiber.Ctx, d *dashboard.Dashboard) (map[string]string, error) {
	out := map[string]string{}
	for _, f := range d.Filters {
		v := c.Query(f.Name)
		if v == "" {
			out[f.Name] = f.Default
			continue
		}
		if err := checkFilter(f, v); err != nil {
			return nil, err
		}
		out[f.Name] = v
	}
	return out, nil
}

func checkFilter(f *dashboard.Filter, v string) error {
	switch {
	case f.Type == "date":
		if _, err := query.ParseTime(v); err != nil {
			return badRequest("%s %q is not a date: use a date like 2026-06-30", f.Label, v)
		}
	case f.Type == "select" && f.OptionsQuery == "":
		for _, o := range f.Options {
			if o.Value == v {
				return nil
			}
		}
		return badRequest("%s %q is not one of the choices", f.Label, v)
	case f.Type == "select":
		if !codeRE.MatchString(v) {
			return badRequest("%s %q is not a code: codes are letters and digits, like E08000009", f.Label, v)
		}
	case len(v) > 200:
		return badRequest("%s is too long", f.Label)
	}
	return nil
}

// filterViews builds the filter form with the options loaded for it.
func filterViews(d *dashboard.Dashboard, values map[string]string, options map[string][]dashboard.Option) []FilterView {
	var out []FilterView
	for _, f := range d.Filters {
		fv := FilterView{Name: f.Name, Label: f.Label, Type: f.Type, Help: f.Help, Value: values[f.Name], AllLabel: f.AllLabel}
		if fv.Label == "" {
			fv.Label = f.Name
		}
		idx := map[string]int{}
		for _, o := range options[f.Name] {
			g, ok := idx[o.Group]
			if !ok {
				g = len(fv.Groups)
				idx[o.Group] = g
				label := groupWords[o.Group]
				if label == "" {
					label = o.Group
				}
				fv.Groups = append(fv.Groups, OptionGroup{Label: label})
			}
			fv.Groups[g].Options = append(fv.Groups[g].Options, OptionView{Value: o.Value, Label: o.Label, Selected: o.Value == fv.Value})
		}
		out = append(out, fv)
	}
	return out
}
