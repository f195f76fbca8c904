package score

import (
	"github.com/feedgauge/feedgauge/internal/domain"
)

// FeedInfo is what scoring needs to know of a feed: its URL and how it
// orders items (which decides whether `modified` is a time, §8.2.4).
type FeedInfo struct {
	URL      string
	Ordering domain.Ordering
}

// DatasetInput is one dataset at T: its feeds and all stored items of all
// its feeds, updated and deleted.
type DatasetInput struct {
	DatasetID string
	Feeds     []FeedInfo
	Items     []domain.Item
}

// FeedStats counts one feed's items at T. Orphans counts updated items that
// belong to an activity flagged orphan; Activities counts activities whose
// scored data came from this feed.
type FeedStats struct {
	FeedURL    string
	Items      int // updated items
	Deleted    int
	Unreadable int // updated items whose data is not a JSON object
	Orphans    int
	Activities int
}

// Result is the scoring of one dataset.
type Result struct {
	Activities []domain.ActivityScore // sorted by ActivityID
	Feeds      []FeedStats            // sorted by FeedURL
}

// Check ids in the method's order (§8.13.3). The pass rules are code; the
// profile holds their weights and words.
var (
	spRules = []string{"sp.1", "sp.2", "sp.3", "sp.4", "sp.5", "sp.6", "sp.7", "sp.8", "sp.9", "sp.10", "sp.11", "sp.12", "sp.13", "sp.14"}
	asRules = []string{"as.1", "as.2", "as.3", "as.4", "as.5"}
)

// isActivityType reports kinds that are activities when they have no parent (§1).
func isActivityType(t string) bool {
	switch t {
	case "SessionSeries", "FacilityUse", "IndividualFacilityUse", "EventSeries",
		"Course", "Event", "HeadlineEvent", "CourseInstance", "OnDemandEvent":
		return true
	}
	return false
}

// isSeriesType reports kinds that never become occurrences through their own
// superEvent or facilityUse: for them those links name a container (§8.3.5).
func isSeriesType(t string) bool {
	switch t {
	case "SessionSeries", "FacilityUse", "IndividualFacilityUse", "EventSeries", "Course":
		return true
	}
	return false
}

// isChildOnlyType reports kinds flagged orphan when they have no parent
// reference at all (§8.14.3).
func isChildOnlyType(t string) bool { return t == "ScheduledSession" || t == "Slot" }
