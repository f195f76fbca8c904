package simulate

import (
	"strconv"
	"strings"
)

// ORUKFeedInfo describes one simulated ORUK feed and what a correct
// harvester holds after reading it at the feed's page size.
type ORUKFeedInfo struct {
	Index int
	// URL is the API root, the address to give as a source.
	URL     string
	Version int
	// Claims is the version the API root claims (0: no root).
	Claims int
	Faults []string
	// Listed counts list entries; WithoutIDs those without an id.
	Listed, WithoutIDs int
	// Services is the number of services with an id (what a complete
	// harvest stores); Readable what any harvester can store despite the
	// faults (page 1 only before an HTML error page, none behind a block
	// or unreadable pagination).
	Services, Readable int
	// Blocked names the fault that stops a complete harvest ("" none).
	Blocked string
	// IDs are the ids of the services, in list order.
	IDs []string `json:"-"`
}

// ORUKFeeds lists the simulated ORUK feeds with their truth.
func (s *Server) ORUKFeeds() []ORUKFeedInfo {
	out := make([]ORUKFeedInfo, len(s.oruk.feeds))
	for i := range s.oruk.feeds {
		out[i] = s.oruk.info(s.URL(), i)
	}
	return out
}

// info is feed i's truth. A blocked-ua feed is given on a host of its own
// (localhost), as a publisher that blocks feedgauge is never one it has
// read from, so the 403 reads as a refusal rather than a rate limit.
func (w *orukWorld) info(base string, i int) ORUKFeedInfo {
	f := w.feeds[i]
	if f.has("blocked-ua") {
		base = strings.Replace(base, "127.0.0.1", "localhost", 1)
	}
	fi := ORUKFeedInfo{Index: i, URL: base + "/oruk/" + strconv.Itoa(i), Version: f.Version, Faults: append([]string(nil), f.Faults...),
		Listed: f.Services}
	switch {
	case f.Version == 3:
		fi.Claims = 3
	case f.has("claims-v3"):
		fi.Claims = 3
	}
	for j := 0; j < f.Services; j++ {
		if w.hasID(i, j) {
			fi.IDs = append(fi.IDs, w.serviceID(i, j))
		} else {
			fi.WithoutIDs++
		}
	}
	fi.Services, fi.Readable = len(fi.IDs), len(fi.IDs)
	for _, b := range []string{"blocked-ua", "bad-pagination", "html-error"} {
		if f.has(b) {
			fi.Blocked, fi.Readable = b, 0
			break
		}
	}
	if fi.Blocked == "html-error" && w.pages(i, f.PageSize) > 1 {
		for j := 0; j < f.PageSize; j++ {
			if w.hasID(i, j) {
				fi.Readable++
			}
		}
	}
	return fi
}
