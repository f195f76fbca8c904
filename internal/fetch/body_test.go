package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/feedgauge/feedgauge/internal/domain"
)

func TestSizeCaps(t *testing.T) {
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write(bytes.Repeat([]byte{' '}, 8<<20))
	zw.Close()
	var small bytes.Buffer
	zw = gzip.NewWriter(&small)
	zw.Write([]byte(`{"ok":true}`))
	zw.Close()
	cases := []struct {
		name    string
		handler http.HandlerFunc
		want    domain.ErrorKind
	}{
		{"declared too large", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(2<<30))
			w.Write([]byte("{"))
		}, domain.KindTooLarge},
		{"streamed too large", func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i < 64; i++ {
				if _, err := w.Write(bytes.Repeat([]byte("x"), 64<<10)); err != nil {
					return
				}
			}
		}, domain.KindTooLarge},
		{"gzip bomb", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb.Bytes())
		}, domain.KindDecompressionBomb},
		{"gzip within caps", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(small.Bytes())
		}, domain.KindOK},
		{"redirect loop", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.Path+"x", http.StatusFound)
		}, domain.KindTooManyRedirects},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.handler)
			defer srv.Close()
			c := New(fast(Options{AllowCIDRs: loopback, MaxPageBytes: 1 << 20, MaxDecodedBytes: 2 << 20, MaxAttempts: 1}))
			resp, err := c.Get(context.Background(), srv.URL+"/")
			if got := Classify(err); got.Kind != tc.want {
				t.Fatalf("kind %s (%s), want %s", got.Kind, got.Message, tc.want)
			}
			if err == nil && string(resp.Body) != `{"ok":true}` {
				t.Errorf("body %q", resp.Body)
			}
		})
	}
}
