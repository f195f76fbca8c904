package grants

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
)

// A built world: datasets, organisers and activity scores in snapshots,
// written through the store's typed writers like a real snapshot would.

const (
	dsA = "https://a.example.org/openactive/"
	dsB = "https://b.example.org/openactive/"
	lad = "E08000009" // Trafford
)

func orgKey(n int) string { return fmt.Sprintf("https://a.example.org/org/%d", n) }

func putDatasets(t *testing.T, st store.Store) {
	t.Helper()
	err := store.PutDatasets(context.Background(), st, []domain.Dataset{
		{ID: dsA, Name: "Active Trafford", Publisher: "Trafford Leisure", PublisherURL: "https://a.example.org", DiscoveredAt: now},
		{ID: dsB, Name: "Club Sessions", Publisher: "Club Co", PublisherURL: "https://clubco.org.uk",
			PublisherIDs: []string{"GB-CHC-2222222"}, DiscoveredAt: now},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// snapshot writes one snapshot: its organisers and activities, and the
// snapshot row with the given status.
func snapshot(t *testing.T, st store.Store, at time.Time, status string, orgs []domain.Organiser, acts []domain.ActivityScore) {
	t.Helper()
	ctx := context.Background()
	for i := range orgs {
		orgs[i].T = at
	}
	for i := range acts {
		acts[i].T = at
	}
	if err := store.PutOrganisers(ctx, st, orgs); err != nil {
		t.Fatal(err)
	}
	if err := store.PutScores(ctx, st, acts); err != nil {
		t.Fatal(err)
	}
	if err := store.PutSnapshot(ctx, st, domain.Snapshot{T: at, StartedAt: at, FinishedAt: at.Add(time.Minute), Status: status,
		MethodVersion: 1, Activities: len(acts)}); err != nil {
		t.Fatal(err)
	}
}

func organiser(ds, key, name, url, lad string, ids ...string) domain.Organiser {
	return domain.Organiser{DatasetID: ds, Key: key, Name: name, URL: url, LAD: lad, Identifiers: ids}
}

// activity is one scored activity of an organiser: overall is set, and
// freshness, completeness and assurance are derived from it so that the
// means are easy to work out by hand.
func activity(ds, key, id string, upcoming, spReady bool, overall int) domain.ActivityScore {
	up := 0.0
	if upcoming {
		up = 1
	}
	return domain.ActivityScore{DatasetID: ds, ActivityID: ds + id, FeedURL: ds + "feed", ItemID: id, Kind: "SessionSeries",
		Name: id, OrganiserKey: key, Location: domain.Location{Method: domain.LocPostcode, LAD: lad}, Upcoming: up,
		Freshness: overall, Completeness: overall, Assurance: overall, Overall: overall, Grade: domain.Grade(overall),
		SPReady: spReady, MethodVersion: 1}
}
