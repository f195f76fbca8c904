package grants

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

// targetIndex finds organisers and publishers by org-id, web domain and
// normalised name within a local authority.
type targetIndex struct {
	targets []target
	byOrgID map[string][]int
	byWeb   map[string][]int // registrable domain → targets
	webKeys []webKey
	byName  map[string][]int // norm(name) + "|" + LAD → organisers
	shared  []string
}

func newTargetIndex(ts []target, shared []string) *targetIndex {
	ix := &targetIndex{targets: ts, byOrgID: map[string][]int{}, byWeb: map[string][]int{},
		webKeys: make([]webKey, len(ts)), byName: map[string][]int{}, shared: shared}
	for i, t := range ts {
		for _, id := range t.IDs {
			if c := canonicalDeclared(id); c != "" {
				ix.byOrgID[c] = append(ix.byOrgID[c], i)
			}
		}
		if k, ok := parseWeb(t.URL); ok && !sharedHost(t.URL, shared) {
			ix.webKeys[i] = k
			ix.byWeb[k.Domain] = append(ix.byWeb[k.Domain], i)
		}
		if n := Norm(t.Name); n != "" && t.Key != "" && t.LAD != "" {
			ix.byName[n+"|"+t.LAD] = append(ix.byName[n+"|"+t.LAD], i)
		}
	}
	return ix
}

// listAndValue is a list code and a value written apart, as a
// PropertyValue's propertyID and value often are ("GB-CHC 1143362",
// "GB-CHC:1143362").
var listAndValue = regexp.MustCompile(`^([A-Za-z]{2}-[A-Za-z]+)[\s:/]+(\S+)$`)

// canonicalDeclared reads an identifier an organiser or publisher declares:
// an org-id, possibly inside a register URL such as
// https://findthatcharity.uk/orgid/GB-CHC-1143362, or with its list code
// and value apart.
func canonicalDeclared(id string) string {
	id = strings.TrimSpace(id)
	if i := strings.LastIndex(id, "/"); i >= 0 && strings.Contains(id, "://") {
		id = id[i+1:]
	}
	if m := listAndValue.FindStringSubmatch(id); m != nil {
		id = m[1] + "-" + m[2]
	}
	return CanonicalOrgID(id)
}

// candidates proposes links for one recipient, keeping the strongest method
// per target. Name suggestions are made only when nothing stronger was
// found and no person has confirmed a link for this recipient.
func (ix *targetIndex) candidates(r *recipient, humanLinked bool, at time.Time) []LinkRecord {
	best := map[int]LinkRecord{}
	propose := func(i int, method, evidence string) {
		state := StateActive
		if method == MethodName {
			state = StateSuggested
		}
		if old, ok := best[i]; ok && strength[old.Method] >= strength[method] {
			return
		}
		t := ix.targets[i]
		best[i] = LinkRecord{LinkRef: t.ref(r.Key), TargetName: t.Name, Method: method, State: state, Evidence: evidence, FoundAt: at.UTC()}
	}
	for _, id := range sortedKeys(r.OrgIDs) {
		for _, i := range ix.byOrgID[id] {
			propose(i, MethodOrgID, fmt.Sprintf("%s declared by %s", id, ix.describe(i)))
		}
	}
	for _, u := range sortedKeys(r.URLs) {
		ix.matchWeb(u, func(i int, k webKey) {
			propose(i, MethodDomain, fmt.Sprintf("web address %s and %s share the domain %s", clip(u), clip(ix.targets[i].URL), k.Domain))
		})
	}
	if len(best) == 0 && !humanLinked {
		for _, name := range sortedKeys(r.Names) {
			for _, lad := range sortedKeys(r.LADs) {
				for _, i := range ix.byName[Norm(name)+"|"+lad] {
					propose(i, MethodName, fmt.Sprintf("the name %q matches organiser %q in %s; confirm or reject", clip(name), clip(ix.targets[i].Name), lad))
				}
			}
		}
	}
	out := make([]LinkRecord, 0, len(best))
	for _, l := range best {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return refLess(out[i].LinkRef, out[j].LinkRef) })
	return out
}

func (ix *targetIndex) matchWeb(u string, fn func(int, webKey)) {
	k, ok := parseWeb(u)
	if !ok || sharedHost(u, ix.shared) {
		return
	}
	for _, i := range ix.byWeb[k.Domain] {
		if sameSite(k, ix.webKeys[i]) {
			fn(i, k)
		}
	}
}

func (ix *targetIndex) describe(i int) string {
	t := ix.targets[i]
	if t.Key == "" {
		return fmt.Sprintf("publisher %q of %s", clip(t.Name), t.DatasetID)
	}
	return fmt.Sprintf("organiser %q", clip(t.Name))
}
