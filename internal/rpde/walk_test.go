package rpde

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/fetch"
)

// pages serves a feed from a map of query → body template ("%s" is the
// server URL).
func pages(t *testing.T, m map[string]string) string {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, ok := m[r.URL.RawQuery]
		if !ok {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, strings.ReplaceAll(b, "%s", srv.URL))
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/feed"
}

func client() *fetch.Client {
	return fetch.New(fetch.Options{AllowCIDRs: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}, HostRate: -1,
		BackoffBase: time.Millisecond, BackoffMax: time.Millisecond, MaxAttempts: 1})
}

const item = `{"state":"updated","kind":"E","id":"%s","modified":%d,"data":{}}`

func TestWalk(t *testing.T) {
	cases := []struct {
		name     string
		feed     map[string]string
		pages    int
		end      bool
		kind     domain.ErrorKind
		ordering domain.Ordering
		checks   []string
	}{
		{"two pages then the end", map[string]string{
			"":                           `{"next":"%s/feed?afterTimestamp=2&afterId=b","items":[` + fmt.Sprintf(item, "a", 1) + `,` + fmt.Sprintf(item, "b", 2) + `],"license":"x"}`,
			"afterTimestamp=2&afterId=b": `{"next":"%s/feed?afterTimestamp=2&afterId=b","items":[],"license":"x"}`,
		}, 2, true, "", domain.OrderingTimestamp, nil},
		{"relative next", map[string]string{
			"":                    `{"next":"feed?afterChangeNumber=5","items":[` + fmt.Sprintf(item, "a", 5) + `],"license":"x"}`,
			"afterChangeNumber=5": `{"next":"/feed?afterChangeNumber=5","items":[],"license":"x"}`,
		}, 2, true, "", domain.OrderingChangeNumber, []string{domain.CheckNextAbsolute}},
		{"empty page is not the end", map[string]string{
			"":    `{"next":"%s/feed?p=2","items":[],"license":"x"}`,
			"p=2": `{"next":"%s/feed?p=2","items":[],"license":"x"}`,
		}, 2, true, "", "", nil},
		{"self loop with items", map[string]string{
			"": `{"next":"%s/feed","items":[` + fmt.Sprintf(item, "a", 1) + `],"license":"x"}`,
		}, 1, false, domain.KindSelfLoop, "", []string{domain.CheckLastPage}},
		{"cycle back to a page read", map[string]string{
			"":    `{"next":"%s/feed?p=2","items":[` + fmt.Sprintf(item, "a", 1) + `],"license":"x"}`,
			"p=2": `{"next":"%s/feed","items":[` + fmt.Sprintf(item, "b", 2) + `],"license":"x"}`,
		}, 2, false, domain.KindOrderViolation, "", []string{domain.CheckOrdering}},
		{"order backwards and duplicate ids", map[string]string{
			"":    `{"next":"%s/feed?p=2","items":[` + fmt.Sprintf(item, "b", 5) + `,` + fmt.Sprintf(item, "b", 5) + `],"license":"x"}`,
			"p=2": `{"next":"%s/feed?p=2","items":[` + fmt.Sprintf(item, "a", 1) + `],"license":"x"}`,
		}, 2, false, domain.KindSelfLoop, "", []string{domain.CheckOrdering, domain.CheckDuplicateIDs, domain.CheckLastPage}},
		{"404 on page two", map[string]string{
			"": `{"next":"%s/feed?p=2","items":[` + fmt.Sprintf(item, "a", 1) + `],"license":"x"}`,
		}, 1, false, domain.KindGone, "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			start := pages(t, tc.feed)
			var got []PageEvent
			res, err := Walk(context.Background(), client(), start, WalkOptions{}, func(_ context.Context, ev PageEvent) error {
				got = append(got, ev)
				return nil
			})
			if kind := fetch.Classify(err).Kind; (tc.kind == "" && err != nil) || (tc.kind != "" && kind != tc.kind) {
				t.Fatalf("error %v (kind %s), want %s", err, kind, tc.kind)
			}
			if res.Pages != tc.pages || res.ReachedEnd != tc.end || res.Ordering != tc.ordering {
				t.Errorf("pages %d end %v ordering %q; want %d %v %q", res.Pages, res.ReachedEnd, res.Ordering, tc.pages, tc.end, tc.ordering)
			}
			if strings.Join(res.Checks.List(), ",") != strings.Join(tc.checks, ",") {
				t.Errorf("checks %v, want %v", res.Checks.List(), tc.checks)
			}
			if tc.end && !got[len(got)-1].Last {
				t.Error("last page not flagged")
			}
		})
	}
}
