package grants

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
)

// Compliance statuses at a quarter end (product.md capability 8), in the
// order they are decided.
const (
	StatusNoObligation  = "no obligation"    // the funder's rule is "none"
	StatusNotYetDue     = "not yet due"      // award date + months is after the quarter end
	StatusNoLink        = "no link found"    // no active or confirmed link
	StatusNoData        = "no data"          // linked, but no complete snapshot in the quarter
	StatusNotPublishing = "not publishing"   // no linked activity has an upcoming occurrence
	StatusPartly        = "partly compliant" // publishing, none SP-ready
	StatusCompliant     = "compliant"        // at least one linked activity SP-ready (or, under "publishing", upcoming)
)

// Statuses lists every status in display order.
var Statuses = []string{StatusCompliant, StatusPartly, StatusNotPublishing, StatusNoLink, StatusNoData, StatusNotYetDue, StatusNoObligation}

// Status is one grant's compliance at one quarter end, with its evidence:
// the linked organisers and datasets and the counts and score sums of their
// activities in the quarter's last complete snapshot.
type Status struct {
	Quarter                                                 string
	FunderID                                                string
	GrantID                                                 string
	QuarterEnd                                              time.Time
	SnapshotT                                               *time.Time
	DueOn                                                   time.Time // the date the obligation falls due (00:00 UTC)
	Rule                                                    string
	Status                                                  string
	Organisers                                              []string // linked organiser (or publisher) names
	OrganiserKeys                                           []string
	Datasets                                                []string
	Methods                                                 []string // link methods, strongest first
	Suggestions                                             int      // name suggestions waiting for a person
	Activities                                              int
	Upcoming                                                int
	SPReady                                                 int
	SumFreshness, SumCompleteness, SumAssurance, SumOverall int64
}

// decide applies the obligation to the evidence.
func (s *Status) decide(ob Obligation, due time.Time, linked bool) {
	switch {
	case ob.Rule == RuleNone:
		s.Status = StatusNoObligation
	case due.After(s.QuarterEnd):
		s.Status = StatusNotYetDue
	case !linked:
		s.Status = StatusNoLink
	case s.SnapshotT == nil:
		s.Status = StatusNoData
	case s.Upcoming == 0:
		s.Status = StatusNotPublishing
	case s.SPReady > 0 || ob.Rule == RulePublishing:
		s.Status = StatusCompliant
	default:
		s.Status = StatusPartly
	}
}

// dueOn is the award date (00:00 Europe/London, scoring.md §8.1.5) plus the
// obligation's months, clamped to the month's last day.
func dueOn(award time.Time, months int) time.Time {
	y, m, d := award.UTC().Date()
	first := time.Date(y, m+time.Month(months), 1, 0, 0, 0, 0, query.London)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d, last), 0, 0, 0, 0, query.London)
}

// ComputeQuarter works out every grant's status at the end of quarter q from
// the last complete snapshot in q, stores the rows in grant_status
// (replacing earlier ones for q) and returns them.
func ComputeQuarter(ctx context.Context, st store.Store, q query.Quarter) ([]Status, error) {
	in, err := loadInputs(ctx, st, q)
	if err != nil {
		return nil, err
	}
	out := make([]Status, 0, len(in.grants))
	for _, g := range in.grants {
		out = append(out, in.status(q, g))
	}
	if err := putStatuses(ctx, st, out); err != nil {
		return nil, err
	}
	return out, nil
}

// status assembles one grant's evidence and decides its status.
func (in *inputs) status(q query.Quarter, g Grant) Status {
	ob := obligationFor(in.obligations, g)
	due := dueOn(g.AwardDate, ob.Months)
	s := Status{Quarter: q.String(), FunderID: g.FunderID, GrantID: g.ID, QuarterEnd: q.End(), SnapshotT: in.snapshot,
		DueOn: time.Date(due.Year(), due.Month(), due.Day(), 0, 0, 0, 0, time.UTC), Rule: ob.Rule}
	links := append(append([]LinkRecord(nil), in.links[SubjectRecipient+"\x00"+g.RecipientKey]...),
		in.links[SubjectGrant+"\x00"+GrantSubject(g.FunderID, g.ID)]...)
	groups := map[[2]string]bool{}
	names, keys, datasets, methods := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, l := range links {
		if l.State == StateSuggested {
			s.Suggestions++
		}
		if !l.counts() {
			continue
		}
		addNonEmpty(names, l.TargetName)
		addNonEmpty(keys, l.OrganiserKey)
		datasets[l.DatasetID], methods[l.Method] = true, true
		in.addGroups(groups, l)
	}
	for grp := range groups {
		a := in.aggs[grp]
		s.Activities, s.Upcoming, s.SPReady = s.Activities+a.n, s.Upcoming+a.upcoming, s.SPReady+a.sp
		s.SumFreshness, s.SumCompleteness = s.SumFreshness+a.f, s.SumCompleteness+a.c
		s.SumAssurance, s.SumOverall = s.SumAssurance+a.a, s.SumOverall+a.o
	}
	s.Organisers, s.OrganiserKeys, s.Datasets = sortedKeys(names), sortedKeys(keys), sortedKeys(datasets)
	s.Methods = sortedKeys(methods)
	sort.SliceStable(s.Methods, func(i, j int) bool { return strength[s.Methods[i]] > strength[s.Methods[j]] })
	s.decide(ob, due, len(methods) > 0)
	return s
}

// addGroups adds the activity groups a link covers: one organiser, or every
// organiser of a dataset. A set, so nothing is counted twice.
func (in *inputs) addGroups(groups map[[2]string]bool, l LinkRecord) {
	if l.OrganiserKey != "" {
		groups[[2]string{l.DatasetID, l.OrganiserKey}] = true
		return
	}
	for _, grp := range in.byDataset[l.DatasetID] {
		groups[grp] = true
	}
}

// RefreshReport says which quarters were computed.
type RefreshReport struct {
	From, To query.Quarter
	Grants   int
	Counts   map[string]int // statuses in the last quarter
}

// Refresh recomputes every quarter from the one holding the first complete
// snapshot (or now, if there is none) to the quarter holding now. Call it
// after each snapshot and after imports, linking and link decisions.
func Refresh(ctx context.Context, st store.Store, now time.Time) (RefreshReport, error) {
	to := query.QuarterOf(now)
	from := to
	first, err := firstSnapshot(ctx, st)
	if err != nil {
		return RefreshReport{}, err
	}
	if first != nil && query.QuarterOf(*first).Start().Before(from.Start()) {
		from = query.QuarterOf(*first)
	}
	rep := RefreshReport{From: from, To: to, Counts: map[string]int{}}
	for q := from; !q.Start().After(to.Start()); q = q.Next() {
		ss, err := ComputeQuarter(ctx, st, q)
		if err != nil {
			return rep, fmt.Errorf("compliance for %s: %w", q, err)
		}
		if q == to {
			rep.Grants = len(ss)
			for _, s := range ss {
				rep.Counts[s.Status]++
			}
		}
	}
	return rep, nil
}

// Recompute links recipients with what is known up to `at` and then
// refreshes every quarter's compliance: what to call after each snapshot,
// import or link decision.
func Recompute(ctx context.Context, st store.Store, at time.Time, opts LinkOptions) (LinkReport, RefreshReport, error) {
	lr, err := LinkWith(ctx, st, at, opts)
	if err != nil {
		return lr, RefreshReport{}, err
	}
	rr, err := Refresh(ctx, st, at)
	return lr, rr, err
}
