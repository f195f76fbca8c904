package chtest

import (
	"fmt"
	"sort"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
)

// gen holds the world's fixed parts: datasets, feeds and each activity's
// identity and place, built once so snapshots only vary the scores.
type gen struct {
	w        World
	datasets []domain.Dataset
	feeds    []domain.Feed
	// Per activity, in dataset order, so a batch holds runs of one dataset.
	ids   []string
	dsOf  []int
	names []string
	orgs  []string
	items []string
	locs  []domain.Location
	types [][]string
}

var feedKinds = []string{"session-series", "scheduled-sessions", "facility-uses"}

func newGen(w World) *gen {
	g := &gen{w: w}
	for d := 0; d < w.Datasets; d++ {
		id := fmt.Sprintf("https://world%03d.example.org/openactive/", d)
		g.datasets = append(g.datasets, domain.Dataset{ID: id, Name: fmt.Sprintf("World dataset %03d", d),
			Publisher: fmt.Sprintf("Publisher %03d", d), PublisherURL: id, DiscoveredAt: w.Start})
		for _, k := range feedKinds {
			g.feeds = append(g.feeds, domain.Feed{URL: id + k, DatasetID: id, Kind: k})
		}
	}
	// Squaring a uniform draw skews sizes: a few large datasets, many small.
	dsOf := make([]int, w.Activities)
	for a := range dsOf {
		u := float64(g.h(uint64(a), 1)%1_000_000) / 1_000_000
		dsOf[a] = int(u * u * float64(w.Datasets))
	}
	order := make([]int, w.Activities)
	for a := range order {
		order[a] = a
	}
	sort.SliceStable(order, func(i, j int) bool { return dsOf[order[i]] < dsOf[order[j]] })
	for _, a := range order {
		g.addActivity(a, dsOf[a])
	}
	return g
}

// addActivity fixes an activity's identity and place once.
func (g *gen) addActivity(a, d int) {
	n := int(g.h(uint64(a), 7) >> 1) // non-negative
	lad := n % 300
	g.dsOf = append(g.dsOf, d)
	g.ids = append(g.ids, fmt.Sprintf("%ssession-series/%07d", g.datasets[d].ID, a))
	g.names = append(g.names, fmt.Sprintf("Activity %07d", a))
	g.orgs = append(g.orgs, fmt.Sprintf("https://org%05d.example.org/", g.h(uint64(a), 2)%20_000))
	g.items = append(g.items, fmt.Sprint(a))
	g.locs = append(g.locs, domain.Location{Method: domain.LocPostcode, Postcode: "M1 1AA", LSOA: fmt.Sprintf("E01%06d", n%33000),
		LAD: fmt.Sprintf("E06%06d", lad), SubICB: fmt.Sprintf("E38%06d", lad%106), ICB: fmt.Sprintf("E54%06d", lad%42),
		Region: fmt.Sprintf("E12%06d", lad%9), PCN: fmt.Sprintf("U%05d", n%1250), PCNMethod: domain.PCNFromLSOA})
	g.types = append(g.types, []string{"https://openactive.io/activity-list#" + fmt.Sprint(n%40)})
}

// h is a seeded 64-bit mix (splitmix64) of two numbers.
func (g *gen) h(a, b uint64) uint64 {
	x := g.w.Seed ^ (a * 0x9E3779B97F4A7C15) ^ (b * 0xC2B2AE3D27D4EB4F)
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	return x ^ (x >> 31)
}

func (g *gen) attempts(i int, t time.Time) []domain.HarvestAttempt {
	out := make([]domain.HarvestAttempt, len(g.feeds))
	for f, fd := range g.feeds {
		a := domain.HarvestAttempt{FeedURL: fd.URL, DatasetID: fd.DatasetID, Kind: fd.Kind, StartedAt: t,
			FinishedAt: t.Add(30 * time.Second), SnapshotT: t, Status: domain.StatusOK, ErrorKind: domain.KindOK,
			HTTPStatus: 200, Pages: 5, ItemsUpdated: 500, Bytes: 1 << 20, Duration: 30 * time.Second,
			ReachedEnd: true, StartURL: fd.URL, EndURL: fd.URL + "?afterTimestamp=1"}
		// One feed in ten stops changing after the third snapshot (stalled);
		// one attempt in fifteen fails.
		if g.h(uint64(f), 3)%10 != 0 || i < 3 {
			a.ItemsChanged = int(g.h(uint64(f), uint64(i))%40) + 1
		}
		if g.h(uint64(f), uint64(i)+1000)%15 == 0 {
			a.Status, a.ErrorKind, a.HTTPStatus, a.ReachedEnd = domain.StatusFailed, domain.KindHTTP5xx, 503, false
			a.Message, a.ItemsChanged = "the feed answered 503 three times", 0
		}
		out[f] = a
	}
	return out
}

func (g *gen) feedStats(i int, t time.Time) []store.FeedStats {
	out := make([]store.FeedStats, len(g.feeds))
	for f, fd := range g.feeds {
		out[f] = store.FeedStats{T: t, FeedURL: fd.URL, DatasetID: fd.DatasetID, Items: 500 + int(g.h(uint64(f), 4)%2000),
			Deleted: int(g.h(uint64(f), uint64(i)+5) % 50), Orphans: int(g.h(uint64(f), 6) % 140)}
	}
	return out
}

func (g *gen) score(a, i int, t time.Time) domain.ActivityScore {
	week := uint64(i / 7)
	r := g.h(uint64(a), 100+week)
	f, c, as := int(r%101), int((r>>8)%101), int((r>>16)%101)
	o := (4*f + 4*c + 2*as + 5) / 10
	up := float64((r>>24)%3) / 2
	ds := g.datasets[g.dsOf[a]].ID
	s := domain.ActivityScore{T: t, DatasetID: ds, ActivityID: g.ids[a], FeedURL: ds + feedKinds[0],
		ItemID: g.items[a], Kind: "SessionSeries", Name: g.names[a], Organiser: "Org", OrganiserKey: g.orgs[a],
		Location: g.locs[a], Upcoming: up, Recent: 1, Freshness: f, Completeness: c, Assurance: as, Overall: o,
		Grade: domain.Grade(o), SPReady: up == 1 && c >= 70, FailedChecks: asOnly, MissingOpenActive: none,
		ActivityTypes: g.types[a], Occurrences: int(r % 9), MethodVersion: 1, ProfileHash: "world"}
	if up > 0 {
		next := t.Add(time.Duration(24+(r>>32)%500) * time.Hour)
		s.NextOccurrence = &next
	}
	return s
}

var asOnly, none = []string{"as.3"}, []string{}
