package domain

import "time"

// Dataset is one dataset site: a publisher's set of feeds. Its ID is the
// dataset-site URL exactly as the catalogue lists it, before redirects, or the
// feed URL for a bare feed (scoring.md §8.3.1).
type Dataset struct {
	ID           string
	Name         string
	Publisher    string
	PublisherURL string
	// PublisherIDs are identifiers the publisher declares (org-ids such as
	// GB-CHC-1234567), used to link grants to publishers.
	PublisherIDs []string
	CatalogueURL string // the catalogue that listed it, "" for a configured URL
	License      string
	DiscoveredAt time.Time
}

// Feed is one RPDE endpoint of a dataset.
type Feed struct {
	URL       string
	DatasetID string
	// Kind is the distribution's identifier or name (SessionSeries,
	// ScheduledSession, FacilityUseSlot ...); "" when unknown.
	Kind string
}

// Ordering is how an RPDE feed orders its items (scoring.md §8.2.4).
type Ordering string

const (
	OrderingUnknown      Ordering = ""
	OrderingTimestamp    Ordering = "timestamp"
	OrderingChangeNumber Ordering = "change_number"
)

// FeedState is the harvest cursor of a feed: where the next attempt resumes.
type FeedState struct {
	FeedURL   string
	DatasetID string
	// NextURL is the URL of the next page to fetch; "" means start at the
	// feed URL.
	NextURL  string
	Ordering Ordering
	// FirstHarvestDone is set once an attempt has reached the last page;
	// items first stored before that have an unknown change time (§8.2.5).
	FirstHarvestDone bool
	UpdatedAt        time.Time
}
