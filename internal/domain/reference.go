package domain

import "time"

// RegisterEntry is one row of a place's assurance register (scoring.md §4,
// §8.9): a local check that an organiser meets a scheme (a quality mark, a
// safeguarding check, "data confirmed"). At least one of OrganiserID,
// OrganiserURL and OrganiserName is set.
type RegisterEntry struct {
	ID             string
	OrganiserID    string // the organiser's @id, matched exactly
	OrganiserURL   string // matched by host (and first path segment on shared hosts)
	OrganiserName  string // matched by normalised name within LocalAuthority
	LocalAuthority string // a LAD code
	Scheme         string
	AssuredBy      string
	AssuredOn      time.Time // 00:00 UTC
	// ExpiresOn is 00:00 UTC; zero means the default: AssuredOn + 12 months
	// (the last day of that month when the day does not exist).
	ExpiresOn   time.Time
	EvidenceURL string
}

// Organiser is an organiser seen in a snapshot, with what grant linking
// needs: its key (scoring.md §8.5), contact points and declared identifiers
// (org-ids such as GB-CHC-1234567 in `identifier`).
type Organiser struct {
	T           time.Time
	DatasetID   string
	Key         string
	Name        string
	URL         string
	Email       string
	Telephone   string
	Identifiers []string
	LAD         string // the local authority most of its activities are in
	Activities  int
	SPReady     int
	Upcoming    int
}
