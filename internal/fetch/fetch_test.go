package fetch

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

var loopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}

func fast(o Options) Options {
	o.BackoffBase, o.BackoffMax, o.Timeout, o.HostRate = time.Millisecond, 2*time.Millisecond, 2*time.Second, -1
	return o
}

// resolver makes every name resolve to ip.
func resolver(ip string) func(context.Context, string) ([]netip.Addr, error) {
	return func(context.Context, string) ([]netip.Addr, error) { return []netip.Addr{netip.MustParseAddr(ip)}, nil }
}

func TestAddressGuard(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/metadata":
			http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
		case "/private":
			http.Redirect(w, r, "http://internal.example/", http.StatusFound)
		default:
			w.Write([]byte("{}"))
		}
	}))
	defer srv.Close()
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	cases := []struct {
		name string
		url  string
		opts Options
		want domain.ErrorKind
	}{
		{"loopback refused by default", srv.URL, Options{}, domain.KindBlockedAddress},
		{"loopback allowed by CIDR", srv.URL, Options{AllowCIDRs: loopback}, domain.KindOK},
		{"everything allowed", srv.URL, Options{AllowPrivate: true}, domain.KindOK},
		{"redirect to metadata refused", srv.URL + "/metadata", Options{AllowCIDRs: loopback}, domain.KindBlockedAddress},
		{"name resolving to 10.0.0.5 refused", "http://feeds.example" + port, Options{Resolve: resolver("10.0.0.5")}, domain.KindBlockedAddress},
		{"name resolving to metadata refused", "http://feeds.example" + port, Options{Resolve: resolver("169.254.169.254")}, domain.KindBlockedAddress},
		{"name resolving to ::1 refused", "http://feeds.example" + port, Options{Resolve: resolver("::1")}, domain.KindBlockedAddress},
		{"mapped loopback refused", "http://[::ffff:127.0.0.1]" + port, Options{}, domain.KindBlockedAddress},
		{"redirect to a name resolving privately", srv.URL + "/private", Options{AllowCIDRs: loopback, Resolve: resolver("192.168.1.10")}, domain.KindBlockedAddress},
		{"allowed name to loopback", "http://feeds.example" + port, Options{AllowCIDRs: loopback, Resolve: resolver("127.0.0.1")}, domain.KindOK},
		{"dns failure", "http://nowhere.invalid" + port, Options{Resolve: func(context.Context, string) ([]netip.Addr, error) {
			return nil, &net.DNSError{Err: "no such host", Name: "nowhere.invalid", IsNotFound: true}
		}}, domain.KindDNS},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := New(fast(tc.opts))
			_, err := c.Get(context.Background(), tc.url)
			if got := Classify(err); got.Kind != tc.want {
				t.Errorf("kind %s (%s), want %s", got.Kind, got.Message, tc.want)
			}
		})
	}
}

func TestRetriesAndRateLimits(t *testing.T) {
	cases := []struct {
		name      string
		statuses  []int
		header    http.Header
		goodFirst bool
		want      domain.ErrorKind
		requests  int32
	}{
		{"503 twice then OK", []int{503, 503, 200}, nil, false, domain.KindOK, 3},
		{"500 always", []int{500, 500, 500, 500}, nil, false, domain.KindHTTP5xx, 3},
		{"429 with short Retry-After", []int{429, 200}, http.Header{"Retry-After": {"0"}}, false, domain.KindOK, 2},
		{"429 beyond the cap fails at once", []int{429, 200}, http.Header{"Retry-After": {"7200"}}, false, domain.KindRateLimited, 1},
		{"Retry-After as an HTTP date", []int{503, 200}, http.Header{"Retry-After": {time.Now().Add(3 * time.Hour).UTC().Format(http.TimeFormat)}}, false, domain.KindRateLimited, 1},
		{"403 used as a rate limit, retry works", []int{403, 200}, nil, false, domain.KindOK, 2},
		{"403 on a fresh host is auth", []int{403, 403, 403}, nil, false, domain.KindAuthRequired, 3},
		{"403 after good answers is a rate limit", []int{200, 403, 403, 403}, nil, true, domain.KindRateLimited, 4},
		{"401", []int{401}, nil, false, domain.KindAuthRequired, 1},
		{"404", []int{404}, nil, false, domain.KindGone, 1},
		{"410", []int{410}, nil, false, domain.KindGone, 1},
		{"400", []int{400}, nil, false, domain.KindHTTP4xx, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var n atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				i := int(n.Add(1)) - 1
				if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "feedgauge/test (+https://github.com/feedgauge/feedgauge)") {
					t.Errorf("User-Agent %q", ua)
				}
				for k, v := range tc.header {
					w.Header()[k] = v
				}
				w.WriteHeader(tc.statuses[min(i, len(tc.statuses)-1)])
			}))
			defer srv.Close()
			c := New(fast(Options{AllowCIDRs: loopback, MaxAttempts: 3, RetryAfterCap: time.Second, Version: "test"}))
			if tc.goodFirst {
				if _, err := c.Get(context.Background(), srv.URL); err != nil {
					t.Fatal(err)
				}
			}
			_, err := c.Get(context.Background(), srv.URL+"/page")
			if got := Classify(err); got.Kind != tc.want {
				t.Errorf("kind %s (%s), want %s", got.Kind, got.Message, tc.want)
			}
			if n.Load() != tc.requests {
				t.Errorf("%d requests, want %d", n.Load(), tc.requests)
			}
		})
	}
}

func TestMessagesAreForPeople(t *testing.T) {
	e := &Error{Kind: domain.KindHTTP5xx, URL: "https://feeds.example/sessions", Status: 503, Tries: 3}
	want := "https://feeds.example/sessions answered 503 Service Unavailable three times; feedgauge will try again at the next snapshot"
	if got := Classify(e).Message; got != want {
		t.Errorf("message %q\nwant      %q", got, want)
	}
	if got := Classify(context.DeadlineExceeded).Kind; got != domain.KindTimeout {
		t.Errorf("deadline: %s", got)
	}
	if got := Classify(errors.New("boom")).Kind; got != domain.KindConnect {
		t.Errorf("unknown: %s", got)
	}
}

func TestParseAllow(t *testing.T) {
	all, cidrs, err := ParseAllow("10.0.0.0/8, 127.0.0.1,::1")
	if err != nil || all || len(cidrs) != 3 || cidrs[1].String() != "127.0.0.1/32" || cidrs[2].String() != "::1/128" {
		t.Errorf("got %v %v %v", all, cidrs, err)
	}
	if all, _, _ := ParseAllow(""); !all {
		t.Error("empty value should allow all")
	}
	if _, _, err := ParseAllow("nonsense"); err == nil {
		t.Error("nonsense accepted")
	}
}
