package domain

import (
	"encoding/json"
	"time"
)

// Item states in RPDE.
const (
	StateUpdated = "updated"
	StateDeleted = "deleted"
)

// Item is the latest version of one RPDE item of a feed, as stored after
// replaying the feed. A deleted item (tombstone) has no Data.
type Item struct {
	DatasetID string
	FeedURL   string
	RPDEID    string
	State     string
	Kind      string // the RPDE kind, kept for display; scoring ignores it
	// Modified is the RPDE modified value as text (a change number or a
	// timestamp; it may exceed 2^53 so it is never held as a float).
	Modified string
	Data     json.RawMessage
	// License is the license of the RPDE page that delivered this version.
	License string
	// FirstSeen is the start of the harvest attempt that first stored this
	// (feed, RPDE id, modified).
	FirstSeen time.Time
	// FirstHarvest is true when FirstSeen fell within the feed's first
	// harvest, so without a decodable modified the change time is unknown.
	FirstHarvest bool
	// Seq orders versions: greater is stored later.
	Seq int64
}

// ItemVersion is what the store knows of an item already held, enough to
// decide whether a fetched item is a change.
type ItemVersion struct {
	RPDEID       string
	Modified     string
	State        string
	FirstSeen    time.Time
	FirstHarvest bool
}
