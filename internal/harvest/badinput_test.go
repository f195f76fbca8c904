package harvest

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/fetch"
	"github.com/feedgauge/feedgauge/internal/store"
)

// badFeed serves a good two-page feed, or one bad answer chosen by mode.
type badFeed struct {
	mode atomic.Value
	srv  *httptest.Server
}

func newBadFeed(t *testing.T) *badFeed {
	b := &badFeed{}
	b.mode.Store("good")
	smallBomb()
	b.srv = httptest.NewServer(http.HandlerFunc(b.serve))
	t.Cleanup(b.srv.Close)
	return b
}

// smallBomb is 40 MiB of spaces gzipped (about 40 KiB), made once.
var smallBomb = sync.OnceValue(func() []byte {
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestSpeed)
	zw.Write(bytes.Repeat([]byte(" "), 40<<20))
	zw.Close()
	return z.Bytes()
})

func (b *badFeed) url() string { return b.srv.URL + "/feed" }

func (b *badFeed) serve(w http.ResponseWriter, r *http.Request) {
	self := b.srv.URL + r.URL.RequestURI()
	switch b.mode.Load().(string) {
	case "good":
		if r.URL.RawQuery == "" {
			fmt.Fprintf(w, `{"next":%q,"items":[{"state":"updated","kind":"Event","id":"a","modified":1,"data":{"@type":"Event"}},{"state":"deleted","kind":"Event","id":"b","modified":2}],"license":"%s"}`,
				b.srv.URL+"/feed?afterTimestamp=2&afterId=b", "https://creativecommons.org/licenses/by/4.0/")
			return
		}
		fmt.Fprintf(w, `{"next":%q,"items":[],"license":"https://creativecommons.org/licenses/by/4.0/"}`, self)
	case "not-json":
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
	case "invalid-page":
		fmt.Fprint(w, `{"hello":"world"}`)
	case "malformed":
		fmt.Fprint(w, `{"next":"x","items":[{"state":`)
	case "self-loop":
		fmt.Fprintf(w, `{"next":%q,"items":[{"state":"updated","kind":"Event","id":"c","modified":3,"data":{}}],"license":"x"}`, self)
	case "gzip-bomb":
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(smallBomb())
	case "huge-page":
		w.Write([]byte(`{"items":[`))
		chunk := bytes.Repeat([]byte(`{"id":"x"},`), 10000)
		for i := 0; i < 3000; i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	case "redirect-metadata":
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	case "redirect-loopback":
		http.Redirect(w, r, strings.Replace(self, "127.0.0.1", "127.0.0.2", 1), http.StatusFound)
	case "redirect-loop":
		http.Redirect(w, r, self+"&x=1", http.StatusFound)
	case "slow":
		time.Sleep(400 * time.Millisecond)
	default:
		var code int
		fmt.Sscanf(b.mode.Load().(string), "%d", &code)
		if code == 429 {
			w.Header().Set("Retry-After", "7200")
		}
		w.WriteHeader(code)
	}
}

func TestBadInputIsRecordedAndLosesNothing(t *testing.T) {
	cases := []struct {
		mode string
		want domain.ErrorKind
	}{
		{"not-json", domain.KindNotJSON},
		{"invalid-page", domain.KindInvalidPage},
		{"malformed", domain.KindNotJSON},
		{"self-loop", domain.KindSelfLoop},
		{"gzip-bomb", domain.KindDecompressionBomb},
		{"huge-page", domain.KindTooLarge},
		{"redirect-metadata", domain.KindBlockedAddress},
		{"redirect-loopback", domain.KindBlockedAddress},
		{"redirect-loop", domain.KindTooManyRedirects},
		{"slow", domain.KindTimeout},
		{"404", domain.KindGone},
		{"410", domain.KindGone},
		{"401", domain.KindAuthRequired},
		{"403", domain.KindAuthRequired},
		{"400", domain.KindHTTP4xx},
		{"500", domain.KindHTTP5xx},
		{"503", domain.KindHTTP5xx},
		{"429", domain.KindRateLimited},
	}
	for _, tc := range cases {
		t.Run(tc.mode, func(t *testing.T) {
			b := newBadFeed(t)
			st := mustStore(t, t.TempDir())
			f := domain.Feed{URL: b.url(), DatasetID: b.url(), Kind: "Event"}
			o := opts(st, t0)
			o.Client = badClient(false)
			ctx := context.Background()
			if a, _ := HarvestFeed(ctx, f, o); a.Status != domain.StatusOK || a.ItemsChanged != 2 {
				t.Fatalf("good feed: %+v", a)
			}
			before, _, _ := store.GetFeedState(ctx, st, f.URL)
			b.mode.Store(tc.mode)
			o.At = t0.Add(time.Hour)
			o.Client = badClient(tc.mode == "slow") // a fresh client: its hosts have no good history
			a, err := HarvestFeed(ctx, f, o)
			if err != nil {
				t.Fatal(err)
			}
			if a.Status != domain.StatusFailed || a.ErrorKind != tc.want {
				t.Errorf("attempt %s/%s %q, want failed/%s", a.Status, a.ErrorKind, a.Message, tc.want)
			}
			up, del, _ := store.CountItems(ctx, st, f.DatasetID, f.URL)
			if tc.mode == "self-loop" {
				up-- // the self-loop page's own item is kept
			}
			if up != 1 || del != 1 {
				t.Errorf("stored %d/%d after the failure, want 1/1", up, del)
			}
			after, _, _ := store.GetFeedState(ctx, st, f.URL)
			if after.NextURL != before.NextURL {
				t.Errorf("cursor moved from %s to %s", before.NextURL, after.NextURL)
			}
			assertAttemptRows(t, st, f.URL, 2)
		})
	}
}

func badClient(short bool) *fetch.Client {
	timeout := 5 * time.Second
	if short {
		timeout = 200 * time.Millisecond
	}
	return fetch.New(fetch.Options{
		AllowCIDRs:      []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")},
		MaxAttempts:     2,
		BackoffBase:     time.Millisecond,
		BackoffMax:      2 * time.Millisecond,
		Timeout:         timeout,
		HostRate:        -1,
		MaxPageBytes:    1 << 20,
		MaxDecodedBytes: 4 << 20,
	})
}

// assertAttemptRows checks one row was kept per attempt.
func assertAttemptRows(t *testing.T, st store.Store, feedURL string, want int) {
	t.Helper()
	rows, err := st.Query(context.Background(), "SELECT count(*) FROM harvest_attempts WHERE feed_url = @f", store.A("f", feedURL))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var n int
	for rows.Next() {
		rows.Scan(&n)
	}
	if n != want {
		t.Errorf("%d attempt rows, want %d", n, want)
	}
}
