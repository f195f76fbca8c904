package webtest

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// activity is the stable part of one synthetic activity.
type activity struct {
	i                int
	dataset, feed    string
	id, name, kind   string
	organiser, key   string
	lsoa             *Area
	online           bool
	start, end       int     // first and last week it exists
	quality, improve float64 // chance a check passes, and its weekly rise
	types            []string
}

// ActivityTypes are the synthetic Activity List concepts and their labels
// (web.Options.ActivityTypeLabels in tests).
var ActivityTypes = map[string]string{}

var typeNames = []string{"Walking football", "Chair yoga", "Swimming", "Netball", "Tai chi", "Badminton",
	"Walking", "Pilates", "Dance", "Cycling", "Bowls", "Gym session"}

func init() {
	for i, n := range typeNames {
		ActivityTypes[fmt.Sprintf("https://openactive.io/activity-list#%08x-0000-4000-8000-%012x", i+1, i+1)] = n
	}
}

func typeID(i int) string {
	return fmt.Sprintf("https://openactive.io/activity-list#%08x-0000-4000-8000-%012x", i%len(typeNames)+1, i%len(typeNames)+1)
}

var kinds = []string{"SessionSeries", "SessionSeries", "SessionSeries", "SessionSeries", "FacilityUse", "Event", "CourseInstance", "ScheduledSession"}

func (w *World) newActivities() []*activity {
	r := rand.New(rand.NewPCG(w.Seed, 7))
	out := make([]*activity, w.Activities)
	for i := range out {
		d := i % len(w.Datasets)
		ds := w.Datasets[d]
		a := &activity{i: i, dataset: ds.ID, feed: ds.ID + "session-series", kind: kinds[r.IntN(len(kinds))],
			quality: 0.35 + 0.55*r.Float64(), improve: 0.004 * r.Float64(), end: w.Weeks + 10}
		a.id = fmt.Sprintf("%ssession-series/%05d", ds.ID, i)
		a.name = fmt.Sprintf("%s at venue %d", typeNames[i%len(typeNames)], i)
		org := r.IntN(4)
		a.organiser, a.key = fmt.Sprintf("Provider %03d-%d", d, org), fmt.Sprintf("https://publisher%03d.example.org/org/%d", d, org)
		a.types = []string{typeID(i)}
		if i%9 == 0 {
			a.types = append(a.types, typeID(i+5))
		}
		// Supply grows through the year: later activities start later.
		a.start = int(float64(w.Weeks) * 0.6 * float64(i) / float64(w.Activities) * r.Float64())
		if r.IntN(20) == 0 {
			a.end = a.start + r.IntN(w.Weeks)
		}
		switch n := r.IntN(100); {
		case n < 3:
		case n < 5:
			a.online = true
		default:
			a.lsoa = &w.Geo.LSOAs[r.IntN(len(w.Geo.LSOAs))]
		}
		out[i] = a
	}
	out[0].name, out[0].organiser, out[0].lsoa = ScriptName, ScriptOrg, &w.Geo.LSOAs[0]
	out[1].name, out[1].lsoa = FormulaName, &w.Geo.LSOAs[1]
	return out
}

// Check weights of the default profile (sp.1…sp.14, as.1…as.5).
var spWeights = []int{2, 2, 2, 2, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1}
var asWeights = []int{1, 1, 2, 1, 1}

// pass decides, stably per activity, check and week, whether a check passes.
func (a *activity) pass(check string, week int) bool {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d|%s", a.i, check)
	u := float64(h.Sum64()%10000) / 10000
	return u < a.quality+a.improve*float64(week)
}

func (w *World) scores(t time.Time, week int) []domain.ActivityScore {
	var out []domain.ActivityScore
	for _, a := range w.activities {
		if week < a.start {
			continue
		}
		out = append(out, a.score(t, week))
	}
	return out
}

func (a *activity) score(t time.Time, week int) domain.ActivityScore {
	s := domain.ActivityScore{T: t, DatasetID: a.dataset, ActivityID: a.id, FeedURL: a.feed, ItemID: fmt.Sprintf("%05d", a.i),
		Kind: a.kind, Name: a.name, Organiser: a.organiser, OrganiserKey: a.key, MethodVersion: domain.MethodVersion, ProfileHash: "webtest"}
	s.Method = domain.LocUnlocated
	if a.online {
		s.Method, s.Online = domain.LocOnline, true
	}
	if l := a.lsoa; l != nil {
		s.Location = domain.Location{Method: domain.LocPostcode, Postcode: "M32 0JG", LSOA: l.Code, LAD: l.LAD, SubICB: subICBOf(l.LAD),
			ICB: ICB, Region: Region, PCN: l.PCN, PCNMethod: domain.PCNFromLSOA, Lat: l.MinLat + 0.005, Lng: l.MinLng + 0.005, HasPoint: true}
	}
	var spGot, spTot, asGot, asTot int
	pass := map[string]bool{}
	for i, wt := range spWeights {
		id := fmt.Sprintf("sp.%d", i+1)
		pass[id] = a.pass(id, week)
		spTot += wt
		if pass[id] {
			spGot += wt
		} else {
			s.FailedChecks = append(s.FailedChecks, id)
		}
	}
	for i, wt := range asWeights {
		id := fmt.Sprintf("as.%d", i+1)
		pass[id] = a.pass(id, week)
		asTot += wt
		if pass[id] {
			asGot += wt
		} else {
			s.FailedChecks = append(s.FailedChecks, id)
		}
	}
	s.Completeness, s.Assurance = (200*spGot+spTot)/(2*spTot), (200*asGot+asTot)/(2*asTot)
	coa := s.Completeness - 5
	s.CompletenessOpenActive = &coa
	if !pass["sp.9"] {
		s.MissingOpenActive = append(s.MissingOpenActive, "image")
	}
	if !pass["sp.12"] {
		s.MissingOpenActive = append(s.MissingOpenActive, "attendeeInstructions")
	}
	s.Recent = 1
	if (a.i+week)%5 == 0 {
		s.Recent = 0.5
	}
	if week <= a.end {
		next := t.Add(time.Duration(24+a.i%96) * time.Hour)
		s.NextOccurrence, s.Upcoming, s.Occurrences = &next, 1, 1+a.i%8
	}
	last := t.Add(-time.Duration(a.i%200) * time.Hour)
	s.LastChange = &last
	s.Freshness = int((70*s.Upcoming + 30*s.Recent) + 0.5)
	s.Overall = (4*s.Freshness + 4*s.Completeness + 2*s.Assurance + 5) / 10
	s.Grade = domain.Grade(s.Overall)
	s.SPReady = s.Upcoming == 1 && s.Completeness >= 70 && pass["sp.1"] && pass["sp.2"] && pass["sp.6"] && pass["sp.7"] &&
		(pass["sp.4"] || pass["sp.5"])
	if pass["sp.3"] {
		s.ActivityTypes = a.types
	}
	return s
}

func subICBOf(lad string) string {
	if lad == Salford {
		return "E38000143"
	}
	return "E38000187"
}
