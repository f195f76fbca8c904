package grants

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

var linkT = time.Date(2026, 6, 10, 6, 0, 0, 0, time.UTC)

// linkWorld: Trafford's grants to eight recipients, and organisers of
// dataset A (plus dataset B's publisher) where the right link is known.
func linkWorld(t *testing.T, st store.Store) {
	t.Helper()
	putDatasets(t, st)
	snapshot(t, st, linkT, domain.SnapshotComplete, []domain.Organiser{
		organiser(dsA, orgKey(1), "Altrincham Harriers", "https://altrinchamharriers.org.uk", lad, "GB-CHC-1111111"),
		organiser(dsA, orgKey(2), "Stretford Cycling", "https://www.stretfordcycling.org.uk/sessions", lad),
		organiser(dsA, orgKey(3), "Urmston Boxing", "", lad, "https://findthatcharity.uk/orgid/GB-COH-05465848"),
		organiser(dsA, orgKey(4), "Sale Harriers", "", lad),
		organiser(dsA, orgKey(5), "Sale Harriers", "", "E08000003"), // same name, Manchester
		organiser(dsA, orgKey(6), "Partington Tennis", "https://goteamup.com/partington", lad),
		organiser(dsA, orgKey(7), "Old Trafford Walkers", "", lad),
		organiser(dsA, orgKey(8), "Timperley Netball", "", lad),
	}, nil)
	head := header + ",Recipient Org:Charity Number,Recipient Org:Company Number,Recipient Org:Web Address,Beneficiary Location:Geographic Code"
	content := csvOf(head,
		row("g1", "1000", "2025-01-10", "GB-CHC-1111111", "Altrincham Harriers")+",,,,"+lad,
		row("g2", "1000", "2025-01-10", "360G-trafford-stretford-cycling", "Stretford Cycling Club")+",,,http://stretfordcycling.org.uk,"+lad,
		row("g3", "1000", "2025-01-10", "360G-trafford-urmston", "Urmston Boxing Club")+",,5465848,,"+lad,
		row("g4", "1000", "2025-01-10", "360G-trafford-sale-harriers", "Sale Harriers Ltd")+",,,,"+lad,
		row("g5", "1000", "2025-01-10", "360G-trafford-partington", "Partington Tennis Club")+",,,https://goteamup.com/partington,"+lad,
		row("g6", "1000", "2025-01-10", "360G-trafford-clubco", "Club Co")+",2222222,,,"+lad,
		row("g7", "1000", "2025-01-10", "360G-trafford-walkers", "OT Walkers")+",,,,"+lad,
		row("g8", "1000", "2025-01-10", "360G-trafford-timperley", "Timperley Netball")+",,,,"+lad,
	)
	if _, err := Import(context.Background(), st, writeFile(t, "trafford.csv", content), Options{Now: now}); err != nil {
		t.Fatal(err)
	}
}

func subject(id string) string { return "GB-LAE-TRF/" + id }

func linkMap(t *testing.T, st store.Store) map[string]LinkRecord {
	t.Helper()
	ls, err := Links(context.Background(), st, LinkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]LinkRecord{}
	for _, l := range ls {
		out[l.SubjectID+" → "+l.DatasetID+" "+l.OrganiserKey] = l
	}
	return out
}

// TestLinkMethods: each method finds exactly the link it should, and a
// name-only near miss stays a suggestion.
func TestLinkMethods(t *testing.T) {
	ctx := context.Background()
	for _, b := range storetest.All(t) {
		t.Run(b.Name, func(t *testing.T) {
			linkWorld(t, b.Store)
			rep, err := Link(ctx, b.Store, linkT)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string][2]string{
				"GB-CHC-1111111 → " + dsA + " " + orgKey(1):                                {MethodOrgID, StateActive},   // org-id = declared identifier
				subject("360G-trafford-stretford-cycling") + " → " + dsA + " " + orgKey(2): {MethodDomain, StateActive},  // www. and path ignored
				subject("360G-trafford-urmston") + " → " + dsA + " " + orgKey(3):           {MethodOrgID, StateActive},   // company no. padded to 8
				subject("360G-trafford-sale-harriers") + " → " + dsA + " " + orgKey(4):     {MethodName, StateSuggested}, // name only: a suggestion
				subject("360G-trafford-clubco") + " → " + dsB + " ":                        {MethodOrgID, StateActive},   // the publisher declares it
				subject("360G-trafford-timperley") + " → " + dsA + " " + orgKey(8):         {MethodName, StateSuggested},
			}
			got := linkMap(t, b.Store)
			for k, w := range want {
				if l, ok := got[k]; !ok || l.Method != w[0] || l.State != w[1] {
					t.Errorf("%s: got %+v, want %v", k, l, w)
				}
			}
			if len(got) != len(want) {
				t.Errorf("%d links, want %d (no Manchester Sale Harriers, no goteamup.com match): %v", len(got), len(want), keys(got))
			}
			if rep.Recipients != 8 || rep.Linked != 4 || rep.OrgID != 3 || rep.Domain != 1 || rep.Suggested != 2 {
				t.Errorf("report %+v", rep)
			}
		})
	}
}

func keys(m map[string]LinkRecord) []string { return sortedKeys(m) }

// TestLinkDecisions: a person confirms one suggestion, rejects another and
// adds a link by hand; linking again changes none of it, and each decision
// records who and when.
func TestLinkDecisions(t *testing.T) {
	ctx := context.Background()
	for _, b := range storetest.All(t) {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Store
			linkWorld(t, st)
			if _, err := Link(ctx, st, linkT); err != nil {
				t.Fatal(err)
			}
			at := linkT.Add(time.Hour)
			sale := LinkRef{SubjectRecipient, subject("360G-trafford-sale-harriers"), dsA, orgKey(4)}
			timp := LinkRef{SubjectRecipient, subject("360G-trafford-timperley"), dsA, orgKey(8)}
			walk := LinkRef{SubjectRecipient, subject("360G-trafford-walkers"), dsA, orgKey(7)}
			must(t, Confirm(ctx, st, sale, "alice", at, "same club, checked their site"))
			must(t, Reject(ctx, st, timp, "bob", at, "different club"))
			must(t, AddLink(ctx, st, walk, "Old Trafford Walkers", "carol", at, "renamed in 2024"))
			if err := Confirm(ctx, st, LinkRef{SubjectRecipient, "nobody", dsA, orgKey(1)}, "alice", at, ""); err == nil {
				t.Error("confirming a link that does not exist succeeded")
			}
			rep, err := Link(ctx, st, linkT.Add(2*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if rep.Written != 0 || rep.Linked != 6 || rep.Suggested != 0 {
				t.Errorf("relink: %+v", rep)
			}
			got := linkMap(t, st)
			checkLink(t, got, sale, MethodConfirmed, StateConfirmed, "alice", at)
			checkLink(t, got, timp, MethodName, StateRejected, "bob", at)
			checkLink(t, got, walk, MethodConfirmed, StateConfirmed, "carol", at)
			ev, err := LinkEvents(ctx, st, SubjectRecipient, sale.SubjectID)
			if err != nil || len(ev) != 1 || ev[0].Before != StateSuggested || ev[0].After != StateConfirmed || ev[0].By != "alice" {
				t.Errorf("events %+v %v", ev, err)
			}
		})
	}
}

func checkLink(t *testing.T, got map[string]LinkRecord, ref LinkRef, method, state, by string, at time.Time) {
	t.Helper()
	l, ok := got[ref.SubjectID+" → "+ref.DatasetID+" "+ref.OrganiserKey]
	if !ok || l.Method != method || l.State != state || l.DecidedBy != by || l.DecidedAt == nil || !l.DecidedAt.Equal(at) {
		t.Errorf("%v: %+v", ref, l)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestLinkGoesStale: when an organiser stops declaring the org-id, its
// automatic link is marked stale and stops counting.
func TestLinkGoesStale(t *testing.T) {
	ctx := context.Background()
	st := storetest.SQLite(t)
	linkWorld(t, st)
	if _, err := Link(ctx, st, linkT); err != nil {
		t.Fatal(err)
	}
	later := linkT.Add(7 * 24 * time.Hour)
	snapshot(t, st, later, domain.SnapshotComplete, []domain.Organiser{organiser(dsA, orgKey(3), "Urmston Boxing", "", lad)}, nil)
	rep, err := Link(ctx, st, later)
	if err != nil {
		t.Fatal(err)
	}
	l := linkMap(t, st)[subject("360G-trafford-urmston")+" → "+dsA+" "+orgKey(3)]
	if l.State != StateStale || !strings.HasSuffix(l.Evidence, "(no longer found)") || rep.Stale != 1 {
		t.Errorf("link %+v, report %+v", l, rep)
	}
}
