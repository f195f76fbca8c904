package grants

import (
	"context"
	"io"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// LinkOptions tune Link.
type LinkOptions struct {
	// SharedHosts never count as a domain match; default DefaultSharedHosts.
	SharedHosts []string
	// PostcodeLAD, when set, finds the local authority of a recipient's
	// postcode (the geography package's directory), for name suggestions.
	PostcodeLAD func(ctx context.Context, postcode string) (string, error)
	Logger      *slog.Logger
}

// LinkReport counts what a linking run found.
type LinkReport struct {
	Recipients int // distinct recipients
	Linked     int // with at least one active or confirmed link
	OrgID      int // active org-id links
	Domain     int // active domain links
	Suggested  int // name suggestions waiting for a person
	Written    int // links added or changed
	Stale      int // automatic links no longer found
}

// Link matches every grant recipient to OpenActive organisers and
// publishers known up to `at`, with the default options.
func Link(ctx context.Context, st store.Store, at time.Time) (LinkReport, error) {
	return LinkWith(ctx, st, at, LinkOptions{})
}

// LinkWith is Link with options. Strongest first: an org-id of the
// recipient (its Identifier, Charity or Company Number, GrantNav's
// equivalents) equal to one an organiser or publisher declares → active; a
// person's confirmed or rejected decision is never overwritten; the same
// registrable web domain (not on a shared platform) → active; the same
// normalised name in the same local authority → only a suggestion, and only
// for recipients with no stronger link.
func LinkWith(ctx context.Context, st store.Store, at time.Time, opts LinkOptions) (LinkReport, error) {
	if opts.SharedHosts == nil {
		opts.SharedHosts = DefaultSharedHosts
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	recips, keys, err := loadRecipients(ctx, st)
	if err != nil {
		return LinkReport{}, err
	}
	targets, err := loadTargets(ctx, st, at)
	if err != nil {
		return LinkReport{}, err
	}
	existing, err := loadLinks(ctx, st)
	if err != nil {
		return LinkReport{}, err
	}
	ix := newTargetIndex(targets, opts.SharedHosts)
	found := map[LinkRef]LinkRecord{}
	for _, k := range keys {
		r := recips[k]
		if opts.PostcodeLAD != nil {
			addPostcodeLADs(ctx, r, opts.PostcodeLAD)
		}
		for _, l := range ix.candidates(r, hasHumanLink(existing, k), at) {
			found[l.LinkRef] = l
		}
	}
	changed := reconcile(existing, found, at)
	if err := putLinks(ctx, st, changed); err != nil {
		return LinkReport{}, err
	}
	rep := summarise(recips, existing, found, changed)
	opts.Logger.Info("grant linking", "recipients", rep.Recipients, "linked", rep.Linked, "org_id", rep.OrgID,
		"domain", rep.Domain, "suggested", rep.Suggested, "written", rep.Written)
	return rep, nil
}

func addPostcodeLADs(ctx context.Context, r *recipient, lookup func(context.Context, string) (string, error)) {
	for pc := range r.Postcodes {
		if lad, err := lookup(ctx, pc); err == nil && lad != "" {
			r.LADs[lad] = true
		}
	}
}

// hasHumanLink reports a confirmed link for the recipient: then no name
// suggestions are made for it.
func hasHumanLink(existing map[LinkRef]LinkRecord, subject string) bool {
	for ref, l := range existing {
		if ref.SubjectKind == SubjectRecipient && ref.SubjectID == subject && l.State == StateConfirmed {
			return true
		}
	}
	return false
}

// reconcile decides what to write: new and changed automatic links, and
// stale marks for automatic links no longer found. Human decisions
// (confirmed, rejected) are left exactly as they are.
func reconcile(existing, found map[LinkRef]LinkRecord, at time.Time) []LinkRecord {
	var out []LinkRecord
	for ref, l := range found {
		old, ok := existing[ref]
		switch {
		case ok && (old.State == StateConfirmed || old.State == StateRejected):
			continue
		case ok && old.Method == l.Method && old.State == l.State && old.Evidence == l.Evidence && old.TargetName == l.TargetName:
			continue
		case ok:
			l.FoundAt = old.FoundAt
		}
		out = append(out, l)
	}
	for ref, old := range existing {
		if _, ok := found[ref]; ok || ref.SubjectKind != SubjectRecipient {
			continue
		}
		if old.State == StateActive || old.State == StateSuggested {
			old.State = StateStale
			old.Evidence = strings.TrimSuffix(old.Evidence, " (no longer found)") + " (no longer found)"
			out = append(out, old)
		}
	}
	sort.Slice(out, func(i, j int) bool { return refLess(out[i].LinkRef, out[j].LinkRef) })
	return out
}

func refLess(a, b LinkRef) bool {
	return strings.Join([]string{a.SubjectKind, a.SubjectID, a.DatasetID, a.OrganiserKey}, "\x00") <
		strings.Join([]string{b.SubjectKind, b.SubjectID, b.DatasetID, b.OrganiserKey}, "\x00")
}

func summarise(recips map[string]*recipient, existing, found map[LinkRef]LinkRecord, changed []LinkRecord) LinkReport {
	rep := LinkReport{Recipients: len(recips), Written: len(changed)}
	final := map[LinkRef]LinkRecord{}
	for ref, l := range existing {
		final[ref] = l
	}
	for _, l := range changed {
		final[l.LinkRef] = l
	}
	linked := map[string]bool{}
	for _, l := range final {
		switch {
		case l.State == StateStale && found[l.LinkRef].State == "":
			if contains(changed, l.LinkRef) {
				rep.Stale++
			}
		case l.State == StateSuggested:
			rep.Suggested++
		case l.State == StateActive && l.Method == MethodOrgID:
			rep.OrgID++
		case l.State == StateActive && l.Method == MethodDomain:
			rep.Domain++
		}
		if l.counts() && l.SubjectKind == SubjectRecipient {
			linked[l.SubjectID] = true
		}
	}
	rep.Linked = len(linked)
	return rep
}

func contains(ls []LinkRecord, ref LinkRef) bool {
	for _, l := range ls {
		if l.LinkRef == ref {
			return true
		}
	}
	return false
}
