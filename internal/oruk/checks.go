package oruk

import "github.com/feedgauge/feedgauge/internal/domain"

// ORUK feed checks, recorded with every attempt beside the error kind, like
// the RPDE checks of scoring.md §6. A key in HarvestAttempt.FailedChecks
// failed at least once in the attempt. Stored, so never rename one.
const (
	CheckVersion      = "oruk.version"       // the pages are not the version the root claims
	CheckPagination   = "oruk.pagination"    // a pagination field is missing or of the wrong type
	CheckTotalPages   = "oruk.total_pages"   // total_pages or last_page disagree with the pages walked
	CheckTotalItems   = "oruk.total_items"   // total_items disagrees with the services listed
	CheckServiceIDs   = "oruk.service_ids"   // services without an id, skipped
	CheckDuplicateIDs = "oruk.duplicate_ids" // a service id listed twice
	CheckDetail       = "oruk.detail"        // /services/{id} did not give the service
	CheckEmpty        = "oruk.empty"         // the feed lists no services
	CheckHTTPS        = "oruk.https"         // not served over HTTPS
	CheckCORS         = "oruk.cors"          // no Access-Control-Allow-Origin: * header
)

// FeedChecks lists every ORUK check key in display order.
var FeedChecks = []string{
	CheckVersion, CheckPagination, CheckTotalPages, CheckTotalItems, CheckServiceIDs,
	CheckDuplicateIDs, CheckDetail, CheckEmpty, CheckHTTPS, CheckCORS,
}

// Checks is the set of ORUK checks that failed, as bits in FeedChecks order.
type Checks uint32

func checkBit(key string) Checks {
	for i, k := range FeedChecks {
		if k == key {
			return 1 << i
		}
	}
	return 0
}

// Fail marks a check as failed.
func (c *Checks) Fail(key string) { *c |= checkBit(key) }

// Failed reports whether a check failed.
func (c Checks) Failed(key string) bool { return c&checkBit(key) != 0 }

// List returns the failed keys in display order.
func (c Checks) List() []string {
	var out []string
	for i, k := range FeedChecks {
		if c&(1<<i) != 0 {
			out = append(out, k)
		}
	}
	return out
}

// Error is a feed fault that stops a walk: a page that is not JSON (an HTML
// error page included) or not an ORUK list page. Its message is written for
// a council officer.
type Error struct {
	Kind domain.ErrorKind
	URL  string
	Msg  string
}

func (e *Error) Error() string { return shorten(e.URL) + ": " + e.Msg }

// ErrorKind implements fetch.Kinded.
func (e *Error) ErrorKind() domain.ErrorKind { return e.Kind }

func shorten(s string) string {
	if len(s) > 120 {
		return s[:117] + "…"
	}
	return s
}
