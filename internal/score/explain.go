package score

import (
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// CheckResult is one check of one activity, in words a provider can act on.
type CheckResult struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Property string `json:"property"`
	Weight   string `json:"weight"`
	Pass     bool   `json:"pass"`
	// Reason says why it failed (or, for some passes, what was found).
	Reason  string `json:"reason,omitempty"`
	Fix     string `json:"fix,omitempty"`
	Example string `json:"example,omitempty"`
}

// Explanation is why an activity scored what it did: every check with its
// weight, reason and fix, the as.4 problems, the freshness signals and the
// OpenActive properties missing.
type Explanation struct {
	Score             domain.ActivityScore `json:"score"`
	Checks            []CheckResult        `json:"checks"` // sp.1…sp.14, as.1…as.5
	Problems          []string             `json:"conformance_problems"`
	Freshness         []string             `json:"freshness"`
	OpenActiveMet     int                  `json:"openactive_met"`
	OpenActiveTotal   int                  `json:"openactive_total"`
	MissingOpenActive []string             `json:"missing_openactive"`
	Request           domain.LocateRequest `json:"locate_request"`
}

// Explain scores the dataset like ScoreDataset and returns, per activity in
// the same order, the explanation shown by `feedgauge check` and the
// dashboard's activity page.
func Explain(in DatasetInput, T time.Time, ref *Reference) []Explanation {
	return ExplainPrepared(Prepare(in), T, ref)
}

// ExplainPrepared is Explain on a prepared dataset.
func ExplainPrepared(p *Prepared, T time.Time, ref *Reference) []Explanation {
	_, exps := p.run(T, ref, true)
	return exps
}

func (s *scorer) explainOne(v *view, sc domain.ActivityScore, probs []string, oa openActive, req domain.LocateRequest) Explanation {
	p := s.ref.Profile
	ex := Explanation{Score: sc, Problems: probs, OpenActiveMet: oa.met, OpenActiveTotal: oa.total,
		MissingOpenActive: sc.MissingOpenActive, Request: req}
	if ex.Problems == nil {
		ex.Problems = []string{}
	}
	add := func(def CheckDef, o outcome) {
		r := CheckResult{ID: def.ID, Title: def.Title, Property: def.Property, Weight: def.Weight, Pass: o.pass, Reason: o.why}
		if !o.pass {
			r.Fix, r.Example = def.Fix, def.Example
		}
		ex.Checks = append(ex.Checks, r)
	}
	for i, o := range s.sp {
		add(p.SPReadyChecks[i], o)
	}
	for i, o := range s.as {
		add(p.AssuranceChecks[i], o)
	}
	ex.Freshness = s.freshnessNotes(v, sc)
	return ex
}

func (s *scorer) freshnessNotes(v *view, sc domain.ActivityScore) []string {
	a := v.activity
	var n []string
	switch {
	case sc.NextOccurrence == nil:
		n = append(n, "no occurrence starts at or after "+stamp(s.T)+": upcoming = 0")
	case sc.Upcoming == 1:
		n = append(n, "next occurrence "+stamp(*sc.NextOccurrence)+" is within the horizon: upcoming = 1")
	default:
		n = append(n, "next occurrence "+stamp(*sc.NextOccurrence)+" is after the horizon "+stamp(s.end)+": upcoming = 0.5")
	}
	switch {
	case sc.LastChange == nil:
		n = append(n, "last change unknown (first harvest, or modified is not a time): recent = 0.5")
	default:
		n = append(n, "last change "+stamp(*sc.LastChange)+": recent = "+halfWord(sc.Recent))
	}
	switch {
	case a.orphan && a.ent == nil:
		n = append(n, "orphan: the parent "+a.key+" is in no feed of the dataset; only in-window children are read")
	case a.orphan:
		n = append(n, "orphan: this "+a.kind+" names no parent (superEvent / facilityUse)")
	}
	return append(n, v.dateNotes()...)
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

func halfWord(f float64) string {
	switch f {
	case 1:
		return "1"
	case 0.5:
		return "0.5"
	}
	return "0"
}
