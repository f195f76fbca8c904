package web

import (
	"html/template"
	"regexp"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// Term is one glossary entry.
type Term struct {
	Term, Long, Meaning string
}

// Glossary explains the words a place lead meets on the dashboard.
var Glossary = []Term{
	{"SP-ready", "ready for social prescribing", "An activity a GP link worker could refer someone to today: it has a session in the next 56 days, a plain description, a cost, contact details, a location and at least 70 out of 100 for completeness."},
	{"PCN", "Primary Care Network", "A group of GP practices working together, usually serving 30,000 to 50,000 patients. Coverage per PCN uses its registered patients."},
	{"ICB", "Integrated Care Board", "The NHS body that plans health services for an area of England."},
	{"Sub-ICB", "Sub-ICB location", "A part of an ICB (formerly a Clinical Commissioning Group)."},
	{"LSOA", "Lower layer Super Output Area", "A small neighbourhood of about 1,500 residents used for official statistics; the building block of the maps."},
	{"LAD", "local authority district", "A council area, such as a metropolitan borough or a district."},
	{"RPDE", "Realtime Paged Data Exchange", "The standard way OpenActive publishers share their data as a feed of pages that can be read from the start and kept up to date."},
	{"OpenActive", "OpenActive open data standards", "The open standards activity providers use to publish their sessions, facilities and events."},
	{"Freshness", "freshness score", "Out of 100: whether the activity has a session coming up (70) and whether its data changed recently (30)."},
	{"Completeness", "completeness score", "Out of 100: how many of the details a link worker needs are present, weighted by importance."},
	{"Assurance", "assurance score", "Out of 100: whether the provider is identified, publishes the criteria it meets, is locally assured, publishes valid data and uses an open licence."},
	{"Grade", "overall grade", "A is 85 or more, B 70 to 84, C 50 to 69, D under 50; A and B are green, C amber and D red for boards."},
	{"Snapshot", "snapshot", "One harvest of every feed, scored and stored. Figures \"as at\" a date come from the latest snapshot on or before it."},
	{"Orphan", "orphan item", "A session whose parent activity is missing from the publisher's feeds, so its details are incomplete."},
}

var (
	glossByTerm = func() map[string]Term {
		m := map[string]Term{}
		for _, t := range Glossary {
			m[t.Term] = t
		}
		return m
	}()
	// Only the acronyms are marked up inside running text.
	glossRE = regexp.MustCompile(`\b(SP-ready|PCNs?|ICBs?|Sub-ICBs?|LSOAs?|RPDE)\b`)
)

// abbr marks up one glossary term with its meaning as a tooltip.
func abbr(term string) template.HTML {
	t, ok := glossByTerm[strings.TrimSuffix(term, "s")]
	if !ok {
		t, ok = glossByTerm[term]
	}
	if !ok {
		return template.HTML(template.HTMLEscapeString(term))
	}
	title := t.Long + ": " + t.Meaning
	return template.HTML(`<abbr title="` + template.HTMLEscapeString(title) + `">` + template.HTMLEscapeString(term) + `</abbr>`)
}

// gloss escapes text and marks up the glossary acronyms in it.
func gloss(text string) template.HTML {
	esc := template.HTMLEscapeString(text)
	return template.HTML(glossRE.ReplaceAllStringFunc(esc, func(m string) string { return string(abbr(m)) }))
}

func (s *Server) pageGlossary(c *fiber.Ctx) error {
	return s.render(c, "glossary", &Page{Title: "Glossary", Nav: "glossary",
		Description: "The words used on this dashboard, in plain English.", Data: Glossary})
}
