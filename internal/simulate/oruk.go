package simulate

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// ORUKFeed is one simulated Open Referral UK feed, served at /oruk/{i}:
// `GET /` (v3 only), `/services?page=&per_page=` and `/services/{id}`.
type ORUKFeed struct {
	// Version is 3 (default) or 1 (Spring-style pagination, no root).
	Version int
	// Services is the number of list entries (default 30).
	Services int
	// PageSize is the most entries a page holds (default 10).
	PageSize int
	// Faults are ORUK faults (see ORUKFaultNames).
	Faults []string
}

// orukFaults are the real-world faults of ORUK feeds.
var orukFaults = map[string]string{
	"empty":           "the feed lists no services",
	"claims-v3":       "a v1 feed whose API root says HSDS-UK-3.0",
	"bad-pagination":  "list pages use `services`/`count`/`pages` instead of the ORUK fields: no `contents` or `content`",
	"total-pages-lie": "total_pages (and last_page) say half the pages there are",
	"no-ids":          "every seventh service has no id",
	"html-error":      "page 2 (page 1 of a one-page feed) answers an HTML error page with status 200",
	"blocked-ua":      "every request whose User-Agent names feedgauge gets 403",
}

// ORUKFaultNames lists the ORUK faults with what each does.
func ORUKFaultNames() map[string]string {
	out := make(map[string]string, len(orukFaults))
	for k, v := range orukFaults {
		out[k] = v
	}
	return out
}

func (f ORUKFeed) withDefaults() ORUKFeed {
	if f.Version == 0 {
		f.Version = 3
	}
	if f.Services <= 0 && !slices.Contains(f.Faults, "empty") {
		f.Services = 30
	}
	if slices.Contains(f.Faults, "empty") {
		f.Services = 0
	}
	if f.PageSize <= 0 {
		f.PageSize = 10
	}
	return f
}

func (f ORUKFeed) validate(i int) error {
	if f.Version != 1 && f.Version != 3 {
		return fmt.Errorf("simulate: ORUK feed %d: version %d is neither 1 nor 3", i, f.Version)
	}
	for _, name := range f.Faults {
		if _, ok := orukFaults[name]; !ok {
			names := make([]string, 0, len(orukFaults))
			for k := range orukFaults {
				names = append(names, k)
			}
			sort.Strings(names)
			return fmt.Errorf("simulate: ORUK feed %d: unknown fault %q; known: %s", i, name, strings.Join(names, ", "))
		}
	}
	if slices.Contains(f.Faults, "claims-v3") && f.Version != 1 {
		return fmt.Errorf("simulate: ORUK feed %d: claims-v3 needs a v1 feed", i)
	}
	return nil
}

func (f ORUKFeed) has(fault string) bool { return slices.Contains(f.Faults, fault) }

// orukWorld is every simulated ORUK feed.
type orukWorld struct {
	seed   uint64
	epoch  int64
	places []Place
	vocab  *vocabulary
	feeds  []ORUKFeed
}

func newORUKWorld(cfg Config, v *vocabulary) (*orukWorld, error) {
	w := &orukWorld{seed: uint64(cfg.Seed), epoch: cfg.Epoch.Unix(), places: cfg.Places, vocab: v}
	for i, f := range cfg.ORUK {
		f = f.withDefaults()
		if err := f.validate(i); err != nil {
			return nil, err
		}
		w.feeds = append(w.feeds, f)
	}
	return w, nil
}

// hasID says whether entry j of feed i has an id (the no-ids fault drops
// every seventh).
func (w *orukWorld) hasID(i, j int) bool { return !(w.feeds[i].has("no-ids") && j%7 == 3) }

// serviceID is entry j's id: a UUID drawn from the seed.
func (w *orukWorld) serviceID(i, j int) string {
	return uuidFrom(hash(w.seed, sORUK, uint64(i), uint64(j)))
}

// entries is how many entries page p (1-based) of feed i lists at size n.
func (w *orukWorld) pageRange(i, p, n int) (int, int) {
	total := w.feeds[i].Services
	from := min((p-1)*n, total)
	return from, min(from+n, total)
}

// strHash is FNV-1a of s, for drawing per name.
func strHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

func uuidFrom(h uint64) string {
	g := mix(h ^ 0x5bd1e995)
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", uint32(h>>32), uint16(h>>16), uint16(h)&0xfff,
		uint16(g>>48)&0x3fff|0x8000, g&0xffffffffffff)
}

// Salts of the ORUK draws (apart from the OpenActive ones in rng.go).
const (
	sORUK uint64 = 1000 + iota
	sORUKTemplate
	sORUKPlace
	sORUKQuality
	sORUKAssured
	sORUKModified
	sORUKStatus
	sORUKOrg
)
