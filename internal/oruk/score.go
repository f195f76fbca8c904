package oruk

import (
	"fmt"
	"sort"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// Scorer scores ORUK services (docs/method.md part B). It is read-only once
// built but for ids, a cache with its own lock, so one Scorer may serve
// concurrent calls.
type Scorer struct {
	profile *Profile
	locator score.Locator
	vocab   interface{ Has(string) bool }
	shared  []score.SharedHost
	labels  func(string) string
	london  *time.Location
	ids     *idCache
}

// NewScorer builds a scorer with the embedded ORUK profile and, from ref,
// the geography locator, the Activity List (a taxonomy term naming one of
// its ids counts as that activity type) and the shared booking hosts.
func NewScorer(ref *score.Reference) (*Scorer, error) {
	p, err := DefaultProfile()
	if err != nil {
		return nil, err
	}
	london, err := loadLondon()
	if err != nil {
		return nil, err
	}
	s := &Scorer{profile: p, london: london, ids: &idCache{}}
	if ref != nil {
		s.locator, s.shared = ref.Locator, ref.Profile.SharedHosts
		if ref.Activities != nil {
			s.vocab = ref.Activities
		}
		s.labels = vocabLabels(ref)
	}
	return s, nil
}

// vocabLabels names Activity List and Facility Types ids.
func vocabLabels(ref *score.Reference) func(string) string {
	return func(id string) string {
		if ref.Activities != nil {
			if l := ref.Activities.Label(id); l != "" {
				return l
			}
		}
		if ref.Facilities != nil {
			return ref.Facilities.Label(id)
		}
		return ""
	}
}

// Profile is the profile in use.
func (s *Scorer) Profile() *Profile { return s.profile }

// Explanation is one service's checks with their reasons.
type Explanation struct {
	Score        domain.ActivityScore
	Completeness [10]outcome
	Assurance    [5]outcome
	Freshness    []string
}

// CheckResult is one check's outcome, for the activity page.
type CheckResult struct {
	ID     string
	Pass   bool
	Reason string
}

// Checks lists the outcomes in the order sv.1 … sv.10, sa.1 … sa.5.
func (e Explanation) Checks(p *Profile) []CheckResult {
	out := make([]CheckResult, 0, len(e.Completeness)+len(e.Assurance))
	for i, o := range e.Completeness {
		out = append(out, CheckResult{p.Completeness[i].ID, o.pass, o.reason})
	}
	for i, o := range e.Assurance {
		out = append(out, CheckResult{p.Assurance[i].ID, o.pass, o.reason})
	}
	return out
}

// Score scores one stored service as at T. ok is false when its data is
// not a JSON object.
func (s *Scorer) Score(it domain.Item, T time.Time) (Explanation, bool) {
	root, err := jsonld.Parse(it.Data)
	if err != nil || !root.IsObject() {
		return Explanation{}, false
	}
	v, p := newView(root), s.profile
	ex := Explanation{Completeness: completeness(v)}
	a, aOut := p.assured(v, T)
	ex.Assurance = assurance(v, aOut)
	last := s.lastChange(v, it, T)
	r := p.recent(last, T)
	out := domain.ActivityScore{T: T, DatasetID: it.DatasetID, ActivityID: ServiceID(it.FeedURL, it.RPDEID),
		FeedURL: it.FeedURL, ItemID: it.RPDEID, Kind: KindService, Name: text(root, "name"), Location: s.locate(v),
		LastChange: last, Recent: r.float(), Online: v.online, ActivityTypes: s.activityTypes(v),
		MissingOpenActive: []string{}, MethodVersion: domain.MethodVersion, ProfileHash: p.Hash}
	out.Organiser, out.OrganiserKey = s.organiser(v)
	if text(root, "status") == "active" {
		out.Upcoming = 1
	}
	out.Freshness = p.freshness(a, r)
	out.Completeness = weighted(p.Completeness, ex.Completeness[:], p.svTotal)
	out.Assurance = weighted(p.Assurance, ex.Assurance[:], p.saTotal)
	out.Overall = roundDiv(int64(p.wFresh)*int64(out.Freshness)+int64(p.wComplete)*int64(out.Completeness)+
		int64(p.wAssure)*int64(out.Assurance), int64(fixedOne))
	out.Grade = p.Grade(out.Overall)
	out.SPReady = p.ready(out.Upcoming == 1, out.Completeness, ex.Completeness[:])
	out.FailedChecks = failed(p, ex.Completeness[:], ex.Assurance[:])
	ex.Score = out
	ex.Freshness = []string{aOut.reason, fmt.Sprintf("assured %.1f, recent %.1f: freshness %d", a.float(), r.float(), out.Freshness)}
	return ex, true
}

// lastChange is last_modified when plausible, else the time feedgauge first
// stored this version outside the feed's first harvest, else unknown.
func (s *Scorer) lastChange(v *view, it domain.Item, T time.Time) *time.Time {
	if raw, ok := v.svc.Get("last_modified").Str(); ok {
		if t, ok := readLastModified(jsonld.Trim(raw), T, s.london); ok {
			return &t
		}
	}
	if !it.FirstHarvest && !it.FirstSeen.IsZero() {
		t := it.FirstSeen.UTC()
		return &t
	}
	return nil
}

// ready applies the referral-ready rule.
func (p *Profile) ready(active bool, completeness int, sv []outcome) bool {
	if (p.Ready.RequireActive && !active) || completeness < p.Ready.MinCompleteness {
		return false
	}
	for _, i := range p.allOf {
		if !sv[i].pass {
			return false
		}
	}
	for _, i := range p.anyOf {
		if sv[i].pass {
			return true
		}
	}
	return len(p.anyOf) == 0
}

// weighted is round(100 × passing weight / total weight).
func weighted(defs []CheckDef, outs []outcome, total fixed) int {
	var got fixed
	for i, o := range outs {
		if o.pass {
			got += defs[i].weight
		}
	}
	return roundDiv(100*int64(got), int64(total))
}

func failed(p *Profile, sv, sa []outcome) []string {
	out := []string{}
	for i, o := range sv {
		if !o.pass {
			out = append(out, p.Completeness[i].ID)
		}
	}
	for i, o := range sa {
		if !o.pass {
			out = append(out, p.Assurance[i].ID)
		}
	}
	return out
}

// ServiceID is a service's activity id: its /services/{id} address.
func ServiceID(stub, id string) string { return stubServiceURL(stub, id) }

// ScoreDataset scores every live service of an ORUK dataset as at T and
// counts each feed's items, in the shape OpenActive scoring returns so the
// same writers store both. Tombstones are counted, never scored; a service
// whose data is not a JSON object is counted as unreadable.
func (s *Scorer) ScoreDataset(items []domain.Item, T time.Time) score.Result {
	T = T.UTC().Truncate(time.Second)
	byFeed := map[string]*score.FeedStats{}
	stats := func(feed string) *score.FeedStats {
		if byFeed[feed] == nil {
			byFeed[feed] = &score.FeedStats{FeedURL: feed}
		}
		return byFeed[feed]
	}
	var res score.Result
	for _, it := range items {
		fs := stats(it.FeedURL)
		if it.State == domain.StateDeleted {
			fs.Deleted++
			continue
		}
		fs.Items++
		ex, ok := s.Score(it, T)
		if !ok {
			fs.Unreadable++
			continue
		}
		fs.Activities++
		res.Activities = append(res.Activities, ex.Score)
	}
	sort.Slice(res.Activities, func(i, j int) bool { return res.Activities[i].ActivityID < res.Activities[j].ActivityID })
	for _, fs := range byFeed {
		res.Feeds = append(res.Feeds, *fs)
	}
	sort.Slice(res.Feeds, func(i, j int) bool { return res.Feeds[i].FeedURL < res.Feeds[j].FeedURL })
	return res
}
