package web

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/feedgauge/feedgauge/internal/query"
)

// ReportLink is one downloadable Excel report on the reports page.
type ReportLink struct {
	Name        string // the report's name: /reports/NAME.xlsx
	Title       string
	Description string
	// Params are the link's parameters; the values QUARTER, PLACE, FUNDER
	// and DATASET take the page's choices, and a link missing one is shown
	// with what to choose instead.
	Params map[string]string
}

// DefaultReports are the workbooks of reports/*.yaml.
var DefaultReports = []ReportLink{
	{"quarterly", "Quarterly governance pack", "Headline figures, red/amber/green and the change since last quarter, with the method.",
		map[string]string{"quarter": "QUARTER", "place": "PLACE?"}},
	{"place", "Place pack", "One place's PCNs, providers and gaps.", map[string]string{"place": "PLACE"}},
	{"grants", "Grant compliance", "Whether funded organisations publish their activities as open data, grant by grant.",
		map[string]string{"quarter": "QUARTER", "funder": "FUNDER"}},
	{"fix-list", "Provider fix-list", "What a publisher should add or correct, activity by activity.", map[string]string{"dataset": "DATASET"}},
}

// ReportView is a report link ready for the template.
type ReportView struct {
	Title, Description, Href, Missing string
}

var choiceWords = map[string]string{"PLACE": "a place code", "FUNDER": "a funder", "DATASET": "a dataset", "QUARTER": "a quarter"}

// pageReports links to the Excel reports for the chosen quarter (by
// default the last complete one), place, funder or dataset.
func (s *Server) pageReports(c *fiber.Ctx) error {
	choice := map[string]string{"PLACE": c.Query("place"), "FUNDER": c.Query("funder"), "DATASET": c.Query("dataset"),
		"QUARTER": query.QuarterOf(nowFunc()).Prev().String()}
	if p := choice["PLACE"]; p != "" && !codeRE.MatchString(p) {
		return badRequest("place %q is not a code: codes are letters and digits, like E08000009", p)
	}
	if q := c.Query("quarter"); q != "" {
		if _, err := query.ParseQuarter(q); err != nil {
			return badRequest("%v", err)
		}
		choice["QUARTER"] = q
	}
	links := s.opts.ReportLinks
	if links == nil {
		links = DefaultReports
	}
	var views []ReportView
	for _, r := range links {
		v := ReportView{Title: r.Title, Description: r.Description}
		q := url.Values{}
		for k, val := range r.Params {
			key, optional := val, false
			if key[len(key)-1] == '?' {
				key, optional = key[:len(key)-1], true
			}
			if w, ok := choiceWords[key]; ok {
				val = choice[key]
				if val == "" && !optional {
					v.Missing = "Enter " + w + " above to get this workbook."
				}
			}
			if val != "" {
				q.Set(k, val)
			}
		}
		if v.Missing == "" {
			v.Href = withFilters("/reports/"+url.PathEscape(r.Name)+".xlsx", q.Encode())
		}
		views = append(views, v)
	}
	return s.render(c, "reports", &Page{Title: "Reports", Nav: "reports", Crumbs: []Crumb{{"Overview", "/"}},
		Description: "Excel workbooks to file and annotate, each with a Method sheet.",
		Data:        map[string]any{"Reports": views, "Choice": choice}})
}

func urlQuery(s string) string { return url.QueryEscape(s) }
