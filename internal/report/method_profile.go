package report

import (
	"fmt"
	"strings"

	"github.com/feedgauge/feedgauge/internal/score"
)

// profileLines prints the scoring profile's values (scoring.md: "a report
// always prints the values it used").
func (w *workbook) profileLines() []methodLine {
	p := w.profile
	if p == nil {
		return []methodLine{{"Scoring profile", "not available"}}
	}
	out := []methodLine{
		{"Scoring profile", ""},
		{"Profile", fmt.Sprintf("%s, method version %d, hash %s", p.Name, p.MethodVersion, p.Hash)},
		{"Freshness", fmt.Sprintf("round(100 × (%s × upcoming + %s × recent)); horizon %d days; recent: 1 within %d days, "+
			"0.5 within %d days or unknown", p.Freshness.UpcomingWeight, p.Freshness.RecentWeight, p.HorizonDays,
			p.RecentFullDays, p.RecentHalfDays)},
		{"Overall", fmt.Sprintf("round(%s × freshness + %s × completeness + %s × assurance)",
			p.Overall.Freshness, p.Overall.Completeness, p.Overall.Assurance)},
		{"Grades", gradeLine(p)},
		{"SP-ready", spReadyLine(p)},
	}
	for _, c := range p.SPReadyChecks {
		out = append(out, checkLine(c))
	}
	for _, c := range p.AssuranceChecks {
		out = append(out, checkLine(c))
	}
	return out
}

func gradeLine(p *score.Profile) string {
	var parts []string
	for _, g := range p.Grades {
		parts = append(parts, fmt.Sprintf("%s ≥ %d (%s)", g.Grade, g.Min, g.RAG))
	}
	return strings.Join(parts, ", ")
}

func spReadyLine(p *score.Profile) string {
	s := p.SPReady
	up := ""
	if s.RequireUpcoming {
		up = "an occurrence in the next " + fmt.Sprint(p.HorizonDays) + " days; "
	}
	return fmt.Sprintf("%scompleteness (SP-ready profile) ≥ %d; all of %s pass; at least one of %s passes",
		up, s.MinCompleteness, strings.Join(s.AllOf, ", "), strings.Join(s.AnyOf, ", "))
}

func checkLine(c score.CheckDef) methodLine {
	return methodLine{fmt.Sprintf("Check %s: %s (weight %s)", c.ID, c.Title, c.Weight), c.Passes}
}

func (w *workbook) profileHash() string {
	if w.profile == nil {
		return ""
	}
	return w.profile.Hash
}
