package domain

import "time"

// MethodVersion is the version of the published scoring method implemented.
const MethodVersion = 1

// Location methods (scoring.md §7, §8.10).
const (
	LocPostcode           = "postcode"
	LocCoordinates        = "coordinates"
	LocCoordinatesSwapped = "coordinates-swapped"
	LocOnline             = "online"
	LocUnlocated          = "unlocated"

	PCNFromLSOA            = "lsoa-pcn"
	PCNFromNearestPractice = "nearest-practice"
)

// Location is where an activity resolved to. Empty strings are "no data".
type Location struct {
	Method   string
	Postcode string
	LSOA     string
	LAD      string
	SubICB   string
	ICB      string
	Region   string
	PCN      string
	// PCNMethod is PCNFromLSOA, PCNFromNearestPractice or "".
	PCNMethod string
	Lat, Lng  float64 // the located point when known
	HasPoint  bool
}

// Point is a WGS84 latitude/longitude.
type Point struct{ Lat, Lng float64 }

// LocateRequest is what scoring hands to the geography resolver for one
// activity, already filtered by the method's rules (scoring.md §8.10):
// Postcodes are the valid normalised postcodes of its sources in source
// order; Point is the first geo passing sp.5 (or, with Swapped, the first
// whose swap passes); Online says the activity is online.
type LocateRequest struct {
	Postcodes []string
	Point     *Point
	Swapped   bool
	Online    bool
}

// ActivityScore is the stored score of one activity in one snapshot: every
// column of the `activities` named query.
type ActivityScore struct {
	T          time.Time
	DatasetID  string
	ActivityID string
	FeedURL    string
	// ItemID is the RPDE id of the item that carries the scored data (or
	// embeds it), so the raw JSON can be shown beside the score.
	ItemID    string
	Kind      string
	Name      string
	Organiser string
	// OrganiserKey is the organiser's @id, else url host+path, else its
	// normalised name (§8.5); "" when there is no organiser.
	OrganiserKey string
	Location
	NextOccurrence *time.Time
	LastChange     *time.Time
	// Upcoming and Recent are the freshness components: 0, 0.5 or 1.
	Upcoming     float64
	Recent       float64
	Freshness    int
	Completeness int
	// CompletenessOpenActive is nil when the type has no model ("no data").
	CompletenessOpenActive *int
	Assurance              int
	Overall                int
	Grade                  string
	SPReady                bool
	Orphan                 bool
	Online                 bool
	// FailedChecks are ids in the order sp.1…sp.14, as.1…as.5.
	FailedChecks []string
	// MissingOpenActive lists absent OpenActive properties in model order;
	// an options group is written "a|b".
	MissingOpenActive []string
	// ActivityTypes are the Activity List / Facility Types @ids passing sp.3.
	ActivityTypes []string
	// Occurrences counts occurrences starting in [T, T+H].
	Occurrences   int
	MethodVersion int
	ProfileHash   string
}

// Grade turns an overall score (an integer) into A–D (scoring.md §5).
func Grade(overall int) string {
	switch {
	case overall >= 85:
		return "A"
	case overall >= 70:
		return "B"
	case overall >= 50:
		return "C"
	default:
		return "D"
	}
}

// RAG maps a grade to the boards' red/amber/green.
func RAG(grade string) string {
	switch grade {
	case "A", "B":
		return "green"
	case "C":
		return "amber"
	case "D":
		return "red"
	}
	return ""
}

// Snapshot is one harvest + score + store run, identified by its T (whole
// seconds, UTC). Re-running the same T replaces its rows, never adds to them.
type Snapshot struct {
	T          time.Time
	StartedAt  time.Time
	FinishedAt time.Time
	Status     string // running, complete
	// Provenance printed by reports (§8.13.2).
	MethodVersion     int
	ProfileHash       string
	ActivityListHash  string
	FacilityTypesHash string
	ModelsHash        string
	GeoVintages       string
	RegisterRevision  int64
	Datasets          int
	Feeds             int
	Activities        int
}

// Snapshot statuses.
const (
	SnapshotRunning  = "running"
	SnapshotComplete = "complete"
)
