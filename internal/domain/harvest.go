package domain

import "time"

// ErrorKind is one of the stable error keys of scoring.md §6. They are stored
// and shown, so never rename one.
type ErrorKind string

const (
	KindOK                 ErrorKind = "ok"
	KindTimeout            ErrorKind = "timeout"
	KindDNS                ErrorKind = "dns"
	KindConnect            ErrorKind = "connect"
	KindTLS                ErrorKind = "tls"
	KindHTTP4xx            ErrorKind = "http_4xx"
	KindHTTP5xx            ErrorKind = "http_5xx"
	KindRateLimited        ErrorKind = "rate_limited"
	KindAuthRequired       ErrorKind = "auth_required"
	KindGone               ErrorKind = "gone"
	KindTooManyRedirects   ErrorKind = "too_many_redirects"
	KindBlockedAddress     ErrorKind = "blocked_address"
	KindTooLarge           ErrorKind = "too_large"
	KindDecompressionBomb  ErrorKind = "decompression_bomb"
	KindNotJSON            ErrorKind = "not_json"
	KindInvalidPage        ErrorKind = "invalid_page"
	KindSelfLoop           ErrorKind = "self_loop"
	KindOrderViolation     ErrorKind = "order_violation"
	KindInvalidDatasetSite ErrorKind = "invalid_dataset_site"
)

// ErrorKinds lists every key in a stable order, for validation and docs.
var ErrorKinds = []ErrorKind{
	KindOK, KindTimeout, KindDNS, KindConnect, KindTLS, KindHTTP4xx, KindHTTP5xx,
	KindRateLimited, KindAuthRequired, KindGone, KindTooManyRedirects,
	KindBlockedAddress, KindTooLarge, KindDecompressionBomb, KindNotJSON,
	KindInvalidPage, KindSelfLoop, KindOrderViolation, KindInvalidDatasetSite,
}

// RPDE rule checks recorded with every attempt (scoring.md §6). A check key
// listed in HarvestAttempt.FailedChecks failed at least once in the attempt.
const (
	CheckPageProperties = "rpde.page_properties" // next, items, license present with the right types
	CheckItemProperties = "rpde.item_properties" // state, kind, id, modified; data iff updated
	CheckNextAbsolute   = "rpde.next_absolute"   // next is an absolute URL
	CheckOrdering       = "rpde.ordering"        // ordering never goes backwards
	CheckDuplicateIDs   = "rpde.duplicate_ids"   // an id repeated within one page
	CheckLastPage       = "rpde.last_page"       // last page: empty items and next = own URL
	CheckLicense        = "rpde.license"         // license present
)

// RPDEChecks lists every check key in display order.
var RPDEChecks = []string{
	CheckPageProperties, CheckItemProperties, CheckNextAbsolute, CheckOrdering,
	CheckDuplicateIDs, CheckLastPage, CheckLicense,
}

// Attempt statuses.
const (
	StatusOK     = "ok"
	StatusFailed = "failed"
)

// HarvestAttempt is one harvest of one feed, success or failure. Failures are
// data: every attempt is stored.
type HarvestAttempt struct {
	FeedURL   string
	DatasetID string
	Kind      string
	// StartedAt is the attempt's start; under `snapshot --at X` it is X.
	StartedAt  time.Time
	FinishedAt time.Time
	// SnapshotT is the T of the snapshot this attempt belongs to.
	SnapshotT  time.Time
	Status     string
	ErrorKind  ErrorKind
	HTTPStatus int
	// Message says what went wrong in words a place lead can act on.
	Message      string
	Pages        int
	ItemsUpdated int
	ItemsDeleted int
	// ItemsChanged counts new (RPDE id, modified) pairs stored (§8.12).
	ItemsChanged int
	Bytes        int64
	Duration     time.Duration
	// LastChange is the latest change time seen in this attempt, if any.
	LastChange   *time.Time
	ReachedEnd   bool
	FailedChecks []string
	StartURL     string
	EndURL       string
	// Delay is how long the rows waited in the local spool because the store
	// was unreachable (0 when written directly).
	Delay time.Duration
}
