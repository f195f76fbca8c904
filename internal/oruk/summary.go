package oruk

import (
	"fmt"
	"strings"

	"github.com/feedgauge/feedgauge/internal/oruk/sniff"
)

// summary says what an attempt read and what it found wrong, in words a
// council officer can pass to the publisher.
func (r *run) summary(res WalkResult, checks Checks) string {
	var b strings.Builder
	fmt.Fprintf(&b, "read %d pages and %d services (%d new or changed", res.Pages, len(r.listed), r.changed-r.withdrawn)
	if r.withdrawn > 0 {
		fmt.Fprintf(&b, ", %d no longer listed", r.withdrawn)
	}
	b.WriteString(")")
	if res.Capped {
		b.WriteString(", then stopped at the page cap; services not listed were kept")
	}
	for _, note := range r.notes(res, checks) {
		b.WriteString("; ")
		b.WriteString(note)
	}
	return b.String()
}

// notes are the failed checks in words.
func (r *run) notes(res WalkResult, checks Checks) []string {
	var out []string
	if checks.Failed(CheckEmpty) {
		out = append(out, "the feed lists no services, so it covers nothing")
	}
	if checks.Failed(CheckVersion) {
		out = append(out, fmt.Sprintf("the API root claims ORUK %s but the pages are ORUK %s", versionName(r.feed.Kind), versionName(res.Style)))
	}
	if checks.Failed(CheckPagination) {
		out = append(out, "some pagination fields are missing or of the wrong type")
	}
	if checks.Failed(CheckServiceIDs) {
		out = append(out, fmt.Sprintf("%d services had no id and were skipped", res.NoID))
	}
	if checks.Failed(CheckDuplicateIDs) {
		out = append(out, "some service ids are listed twice")
	}
	if checks.Failed(CheckTotalPages) {
		out = append(out, fmt.Sprintf("total_pages says %s but %d pages list services (feedgauge read on to the first empty page)", declared(res.DeclaredPages), res.ContentPages))
	}
	if checks.Failed(CheckTotalItems) {
		out = append(out, fmt.Sprintf("total_items says %s but %d services are listed", declared(res.DeclaredItems), res.Entries))
	}
	if checks.Failed(CheckDetail) {
		out = append(out, fmt.Sprintf("/services/{id} failed for %d services", r.detailsFailed))
	}
	return out
}

func versionName(kind string) string {
	if v := sniff.Version(kind); v != "" {
		return "v" + strings.TrimSuffix(v, ".0")
	}
	return "(unknown)"
}

func declared(n int) string {
	if n < 0 {
		return "nothing"
	}
	return fmt.Sprint(n)
}
