package oruk

import (
	"context"
	"encoding/json"

	"github.com/feedgauge/feedgauge/internal/oruk/sniff"
)

// nestedKeys are the child lists a full service carries (v3 and v1 names).
var nestedKeys = []string{"service_at_locations", "schedules", "regular_schedules", "contacts", "cost_options",
	"attributes", "service_taxonomys", "eligibilitys", "languages", "funding", "fundings", "service_areas"}

// needsDetail says a list entry carries none of a full service's child
// lists, so its /services/{id} page is read instead.
func needsDetail(data []byte) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return false
	}
	for _, k := range nestedKeys {
		if _, ok := m[k]; ok {
			return false
		}
	}
	return true
}

// withDetail returns the service's full record from /services/{id} when
// its list entry is shallow, else the list entry; retry says the detail was
// wanted but not read, so the next attempt should try again.
func (r *run) withDetail(ctx context.Context, s Service) (data []byte, retry bool) {
	if r.o.NoDetails || !needsDetail(s.Data) {
		return s.Data, false
	}
	if r.detailFails < r.o.MaxDetailFailures {
		if d, ok := r.detail(ctx, s.ID); ok {
			return d, false
		}
	}
	return s.Data, true
}

// probeDetail reads one service's detail page only to check that
// /services/{id} works.
func (r *run) probeDetail(ctx context.Context, id string) {
	if !r.o.NoDetails {
		r.detail(ctx, id)
	}
}

// detail reads /services/{id}; a failure, or an answer that is not that
// service, fails CheckDetail and counts towards MaxDetailFailures.
func (r *run) detail(ctx context.Context, id string) ([]byte, bool) {
	u := sniff.ServiceURL(r.feed.URL, id)
	resp, err := r.o.Client.Get(ctx, u)
	if err == nil {
		r.detailPages++
		r.detailBytes += resp.WireBytes
		if m, derr := decodeObject(u, resp.Body, "a service"); derr == nil {
			if got, ok := serviceID(resp.Body); ok && got == id && m["name"] != nil {
				r.detailsDone++
				r.detailFails = 0
				return resp.Body, true
			}
		}
	}
	r.detailsFailed++
	r.detailFails++
	r.checks.Fail(CheckDetail)
	r.o.Logger.Debug("service detail failed", "url", u, "err", err)
	return nil, false
}
