package simulate

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
)

// typeSpec describes one kind of feed.
type typeSpec struct {
	typ, path, ident, name, additionalType, kind, prefix string
	child                                                bool
}

var (
	tSessionSeries = typeSpec{"SessionSeries", "session-series", "SessionSeries", "SessionSeries", "https://openactive.io/SessionSeries", "SessionSeries", "SS", false}
	tScheduled     = typeSpec{"ScheduledSession", "scheduled-sessions", "ScheduledSession", "ScheduledSession", "https://openactive.io/ScheduledSession", "ScheduledSession", "SC", true}
	tFacilityUse   = typeSpec{"FacilityUse", "facility-uses", "FacilityUse", "FacilityUse", "https://openactive.io/FacilityUse", "FacilityUse", "FU", false}
	tSlot          = typeSpec{"Slot", "facility-use-slots", "FacilityUseSlot", "Slot for FacilityUse", "https://openactive.io/Slot", "FacilityUse/Slot", "SL", true}
	tEvent         = typeSpec{"Event", "events", "Event", "Event", "https://schema.org/Event", "Event", "EV", false}
	tCourse        = typeSpec{"CourseInstance", "course-instances", "CourseInstance", "CourseInstance", "https://schema.org/CourseInstance", "CourseInstance", "CI", false}
	tOnDemand      = typeSpec{"OnDemandEvent", "on-demand-events", "OnDemandEvent", "OnDemandEvent", "https://schema.org/OnDemandEvent", "OnDemandEvent", "OD", false}
)

// Archetypes: which feeds a dataset publishes, with their weights.
var archetypes = []struct {
	weight float64
	types  []typeSpec
}{
	{0.30, []typeSpec{tSessionSeries, tScheduled}},
	{0.18, []typeSpec{tFacilityUse, tSlot}},
	{0.15, []typeSpec{tEvent}},
	{0.10, []typeSpec{tCourse}},
	{0.05, []typeSpec{tOnDemand}},
	{0.22, []typeSpec{tSessionSeries, tScheduled, tFacilityUse, tSlot}},
}

type modFormat int

const (
	fmtMillis modFormat = iota
	fmtSeconds
	fmtChange
)

// dataset is one simulated publisher's dataset site.
type dataset struct {
	idx      int
	preview  bool
	slug     string
	town     string
	quality  float64
	legacy   bool
	venues   []int
	feeds    []*feed
	faults   []Fault
	pubName  string
	orgID    string
	catalog  int
	basePath string
}

// feed is one RPDE feed of a dataset.
type feed struct {
	ds         *dataset
	spec       typeSpec
	parent     *feed
	slots      int
	perParent  int
	modFmt     modFormat
	quoted     bool
	numericIDs bool
	ifu        bool // FacilityUses nest IndividualFacilityUses; slots point at those
	faults     []Fault

	mu    sync.Mutex
	cache *index
}

func (f *feed) path() string { return f.ds.basePath + "feeds/" + f.spec.path }

func (f *feed) fault(name string) (Fault, bool) {
	for _, x := range f.faults {
		if x.Name == name {
			return x, true
		}
	}
	return Fault{}, false
}

func (d *dataset) fault(name string) (Fault, bool) {
	for _, x := range d.faults {
		if x.Name == name {
			return x, true
		}
	}
	return Fault{}, false
}

// world is every dataset and feed of a simulation.
type world struct {
	cfg      Config
	seed     uint64
	epoch    int64
	datasets []*dataset // live datasets, then preview ones
	vocab    *vocabulary
}

func newWorld(cfg Config) (*world, error) {
	v, err := loadVocab()
	if err != nil {
		return nil, err
	}
	w := &world{cfg: cfg, seed: uint64(cfg.Seed), epoch: cfg.Epoch.Unix(), vocab: v}
	counts := w.spread(cfg.Datasets, cfg.Activities)
	for i := 0; i < cfg.Datasets; i++ {
		w.datasets = append(w.datasets, w.newDataset(i, counts[i], false))
	}
	w.datasets = append(w.datasets, w.newDataset(cfg.Datasets, 6, true))
	if err := w.assignFaults(cfg.Faults); err != nil {
		return nil, err
	}
	return w, nil
}

// spread splits total activities unevenly (log-normal weights) over n.
func (w *world) spread(n, total int) []int {
	ws := make([]float64, n)
	sum := 0.0
	for i := range ws {
		u1, u2 := unit(hash(w.seed, sWeight, uint64(i), 1)), unit(hash(w.seed, sWeight, uint64(i), 2))
		g := math.Sqrt(-2*math.Log(u1+1e-12)) * math.Cos(2*math.Pi*u2)
		ws[i] = math.Exp(0.9 * g)
		sum += ws[i]
	}
	out := make([]int, n)
	for i := range out {
		out[i] = max(1, int(math.Round(float64(total)*ws[i]/sum)))
	}
	return out
}

func (w *world) newDataset(i, activities int, preview bool) *dataset {
	h := func(s uint64) uint64 { return hash(w.seed, s, uint64(i)) }
	d := &dataset{idx: i, preview: preview, quality: 0.25 + 0.7*unit(h(sQuality)), legacy: unit(h(sLegacy)) < 0.1}
	d.basePath = fmt.Sprintf("/datasets/%d/", i)
	if preview {
		d.basePath = fmt.Sprintf("/preview/%d/", i)
	}
	place := w.cfg.Places[pick(h(sVenue), len(w.cfg.Places))]
	d.town = place.Name
	if d.town == "" {
		d.town = "Community"
	}
	d.pubName = w.publisherName(d, h(sName))
	d.slug = slugify(d.pubName) + "-" + strconv.Itoa(i)
	if unit(h(sOrganiser)) < 0.4 {
		d.orgID = fmt.Sprintf("GB-CHC-%07d", 1000000+pick(h(sOrganiser+100), 8999999))
	}
	nv := 1 + pick(h(sVenue+1), 5)
	for k := 0; k < nv; k++ {
		d.venues = append(d.venues, pick(hash(w.seed, sVenue, uint64(i), uint64(k)), len(w.cfg.Places)))
	}
	d.catalog = i / 30
	arch := w.archetype(h(sArchetype))
	if preview {
		arch = archetypes[0].types
	}
	w.addFeeds(d, arch, activities)
	return d
}

func (w *world) archetype(h uint64) []typeSpec {
	u := unit(h)
	for _, a := range archetypes {
		if u < a.weight {
			return a.types
		}
		u -= a.weight
	}
	return archetypes[0].types
}

// addFeeds creates the dataset's feeds, splitting its activities over the
// parent feeds and giving each child feed streams per parent.
func (w *world) addFeeds(d *dataset, types []typeSpec, activities int) {
	parents := 0
	for _, t := range types {
		if !t.child {
			parents++
		}
	}
	var last *feed
	for k, t := range types {
		f := &feed{ds: d, spec: t}
		hs := hash(w.seed, sFeedStyle, uint64(d.idx), uint64(k))
		switch u := unit(hs); {
		case u < 0.42:
			f.modFmt = fmtMillis
		case u < 0.7:
			f.modFmt = fmtSeconds
		default:
			f.modFmt = fmtChange
		}
		f.quoted = unit(mix(hs^1)) < 0.1
		f.numericIDs = unit(mix(hs^2)) < 0.2
		if t.child {
			f.parent, f.perParent = last, w.cfg.ChildrenPerParent
			f.slots = last.slots * f.perParent
			f.ifu = last.ifu
		} else {
			f.slots = max(1, activities/parents)
			if w.cfg.ItemsPerFeed > 0 {
				f.slots = w.cfg.ItemsPerFeed
			}
			f.ifu = t.typ == "FacilityUse" && unit(mix(hs^3)) < 0.4
			last = f
		}
		d.feeds = append(d.feeds, f)
	}
}

func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
