package simulate

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Fault is one injected fault: name[=param][@target]. Target is a dataset
// index ("3") or a feed ("3/scheduled-sessions"); without one the fault goes
// to a deterministically chosen dataset or feed, a different one per fault
// while there are enough.
type Fault struct {
	Name   string
	Param  string
	Target string
}

func (f Fault) String() string {
	s := f.Name
	if f.Param != "" {
		s += "=" + f.Param
	}
	if f.Target != "" {
		s += "@" + f.Target
	}
	return s
}

// faultInfo says where a fault applies and what it needs.
type faultInfo struct {
	dataset bool // applies to a dataset (its site or listing), not a feed
	child   bool // needs a child feed (sessions or slots)
	parent  bool // needs a parent feed
	block   bool // the feed can never be read (permanent)
	doc     string
}

var faultTable = map[string]faultInfo{
	"500-deep":         {doc: "HTTP 500 on a page deep in the feed: N times (=N, default 4) then OK, or =permanent"},
	"403-ratelimit":    {doc: "403 used as a rate limit: the first request of every page is refused, the retry works"},
	"429":              {doc: "429 with Retry-After: 1 on one page, once"},
	"429-long":         {doc: "429 with Retry-After: 7200 on one page, once: the attempt fails rate_limited and resumes next run"},
	"slow":             {doc: "every page is delayed (=duration, default Config.SlowDelay)"},
	"malformed":        {doc: "a page deep in the feed is cut-off JSON N times (=N, default 1) then OK, or =permanent"},
	"self-loop":        {doc: "a page deep in the feed has items and `next` pointing at itself N times (default 1) then OK, or =permanent"},
	"relative-next":    {doc: "`next` links are relative"},
	"interleave":       {parent: true, doc: "a quarter of updates commit 6 h late, appearing behind cursors; the publisher bumps modified 3 days later"},
	"orphans":          {child: true, doc: "a fifth of children name a parent that exists in no feed"},
	"inline-parents":   {child: true, doc: "children embed their parent inline instead of by reference"},
	"swapped-coords":   {parent: true, doc: "latitude and longitude are swapped"},
	"hostile-text":     {parent: true, doc: "names and descriptions carry HTML, <script> and spreadsheet formulas"},
	"empty-feed":       {doc: "the feed has no items at all"},
	"not-json":         {block: true, doc: "the feed answers an HTML error page with status 200"},
	"gzip-bomb":        {block: true, doc: "the feed answers a gzip body expanding to 1 GiB"},
	"huge-page":        {block: true, doc: "the feed answers a 2 GiB page, streamed (=content-length declares it up front)"},
	"redirect-private": {block: true, doc: "the feed redirects to 169.254.169.254 (=loopback: to 127.0.0.2)"},
	"no-jsonld":        {dataset: true, block: true, doc: "the dataset site has no JSON-LD"},
	"not-dataset":      {dataset: true, block: true, doc: "the dataset site's JSON-LD is an Organization, not a Dataset"},
	"generic-name":     {dataset: true, doc: "the dataset is named \" Sessions and Facilities\""},
	"moved-host":       {dataset: true, doc: "from Epoch+200 days the catalogue lists the dataset at localhost instead of 127.0.0.1, feeds and ids unchanged"},
}

// FaultNames lists the known faults with what each does.
func FaultNames() map[string]string {
	out := make(map[string]string, len(faultTable))
	for k, v := range faultTable {
		out[k] = v.doc
	}
	return out
}

// AllFaults is every fault, each once, for "with every fault on" runs.
func AllFaults() []Fault {
	names := make([]string, 0, len(faultTable))
	for k := range faultTable {
		names = append(names, k)
	}
	sort.Strings(names)
	out := make([]Fault, len(names))
	for i, n := range names {
		out[i] = Fault{Name: n}
	}
	return out
}

// ParseFaults reads a comma-separated fault list such as
// "500-deep,403-ratelimit,slow=50ms,self-loop=permanent@2"; "all" turns
// every fault on.
func ParseFaults(s string) ([]Fault, error) {
	if strings.TrimSpace(s) == "all" {
		return AllFaults(), nil
	}
	var out []Fault
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		var f Fault
		part, f.Target, _ = strings.Cut(part, "@")
		f.Name, f.Param, _ = strings.Cut(part, "=")
		if _, ok := faultTable[f.Name]; !ok {
			return nil, fmt.Errorf("unknown fault %q; known faults: %s", f.Name, strings.Join(sortedNames(), ", "))
		}
		if err := f.validate(); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

func sortedNames() []string {
	var n []string
	for k := range faultTable {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}

func (f Fault) validate() error {
	switch f.Name {
	case "500-deep", "malformed", "self-loop", "403-ratelimit":
		if f.Param != "" && f.Param != "permanent" {
			if n, err := strconv.Atoi(f.Param); err != nil || n < 0 {
				return fmt.Errorf("fault %s: %q is neither a count nor \"permanent\"", f.Name, f.Param)
			}
		}
	case "slow":
		if f.Param != "" {
			if _, err := time.ParseDuration(f.Param); err != nil {
				return fmt.Errorf("fault slow: %q is not a duration such as 200ms", f.Param)
			}
		}
	}
	return nil
}

// permanent says the fault never clears.
func (f Fault) permanent() bool {
	return faultTable[f.Name].block || f.Param == "permanent"
}

// count is how many times a transient fault fires per page.
func (f Fault) count(def int) int {
	if n, err := strconv.Atoi(f.Param); err == nil {
		return n
	}
	return def
}
