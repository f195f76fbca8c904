package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// Client is the shared HTTP client. It is safe for concurrent use; share one
// per run so per-host limits hold across feeds.
type Client struct {
	opts  Options
	http  *http.Client
	hosts *hosts
}

// Response is a successful (2xx) response, body read in full within caps.
type Response struct {
	URL      string // the URL asked for
	FinalURL string // after redirects
	Status   int
	Header   http.Header
	Body     []byte
	// WireBytes is what came over the network (compressed size).
	WireBytes int64
	Tries     int
	Duration  time.Duration
}

// redirectError is a chain of too many redirects (or a redirect to
// something that is not a web address).
type redirectError struct{ msg string }

func (e *redirectError) Error() string { return e.msg }

// New builds a Client.
func New(opts Options) *Client {
	o := opts.withDefaults()
	g := newGuard(o)
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would bypass the address guard
		DialContext:           g.dialContext,
		TLSHandshakeTimeout:   o.TLSTimeout,
		ResponseHeaderTimeout: o.Timeout,
		MaxIdleConnsPerHost:   o.HostConcurrency,
		IdleConnTimeout:       90 * time.Second,
		DisableCompression:    true, // we ask for gzip ourselves to cap the expanded size
		ForceAttemptHTTP2:     true,
	}
	hc := &http.Client{Transport: tr, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) > o.MaxRedirects {
			return &redirectError{msg: fmt.Sprintf("more than %d redirects", o.MaxRedirects)}
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return &redirectError{msg: "a redirect to " + req.URL.Scheme + ": which is not a web address"}
		}
		req.Header.Set("User-Agent", o.userAgent())
		return nil
	}}
	return &Client{opts: o, http: hc, hosts: newHosts(o)}
}

// UserAgent is the header the client sends.
func (c *Client) UserAgent() string { return c.opts.userAgent() }

// Close drops idle connections.
func (c *Client) Close() { c.http.CloseIdleConnections() }

// tryResult is the outcome of one try.
type tryResult struct {
	resp      *Response
	status    int
	header    http.Header
	snippet   []byte
	err       error
	retryable bool
}

// Get fetches a URL, retrying transient failures (5xx, 429, 403 used as a
// rate limit, timeouts, dropped connections) with back-off and honouring
// Retry-After up to RetryAfterCap. Any failure is a *Error.
func (c *Client) Get(ctx context.Context, rawURL string) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &Error{Kind: domain.KindHTTP4xx, URL: rawURL, Err: fmt.Errorf("%q is not an http(s) address", rawURL)}
	}
	start := time.Now()
	for try := 1; ; try++ {
		r := c.try(ctx, rawURL, u.Host)
		if r.resp != nil {
			c.hosts.markGood(u.Host)
			r.resp.Tries, r.resp.Duration = try, time.Since(start)
			return r.resp, nil
		}
		wait := c.backoff(try)
		if ra, ok := retryAfter(r.header, time.Now()); ok && r.status != 0 {
			if ra > c.opts.RetryAfterCap {
				return nil, &Error{Kind: domain.KindRateLimited, URL: rawURL, Status: r.status, Tries: try, Wait: ra}
			}
			wait = ra
		}
		if !r.retryable || try >= c.opts.MaxAttempts || ctx.Err() != nil {
			return nil, c.failure(rawURL, u.Host, r, try)
		}
		c.opts.Logger.Debug("retrying", "url", rawURL, "try", try, "status", r.status, "wait", wait, "err", r.err)
		if err := sleep(ctx, wait); err != nil {
			return nil, &Error{Kind: domain.KindTimeout, URL: rawURL, Status: r.status, Tries: try, Err: err}
		}
	}
}

// failure turns the last try into a *Error.
func (c *Client) failure(rawURL, host string, r tryResult, tries int) *Error {
	if r.status != 0 {
		hinted := rateHint(r.header, r.snippet, c.hosts.isGood(host))
		return &Error{Kind: statusKind(r.status, hinted), URL: rawURL, Status: r.status, Tries: tries, Err: r.err}
	}
	return &Error{Kind: kindOf(r.err), URL: rawURL, Tries: tries, Err: r.err}
}

// try makes one request, holding a per-host slot and rate token for it.
func (c *Client) try(ctx context.Context, rawURL, host string) tryResult {
	release, err := c.hosts.acquire(ctx, host)
	if err != nil {
		return tryResult{err: err}
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return tryResult{err: err}
	}
	req.Header.Set("User-Agent", c.opts.userAgent())
	req.Header.Set("Accept", "application/vnd.openactive.rpde+json, application/json;q=0.9, application/ld+json;q=0.9, text/html;q=0.5, */*;q=0.1")
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := c.http.Do(req)
	if err != nil {
		k := kindOf(err)
		return tryResult{err: err, retryable: k == domain.KindTimeout || k == domain.KindConnect}
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
		return tryResult{status: resp.StatusCode, header: resp.Header, snippet: snippet,
			retryable: retryableStatus(resp.StatusCode), err: fmt.Errorf("HTTP %d", resp.StatusCode)}
	}
	body, wire, err := readBody(resp, c.opts.MaxPageBytes, c.opts.MaxDecodedBytes)
	if err != nil {
		var se *sizeError
		return tryResult{err: err, retryable: !errors.As(err, &se) && kindOf(err) == domain.KindTimeout}
	}
	return tryResult{resp: &Response{URL: rawURL, FinalURL: resp.Request.URL.String(), Status: resp.StatusCode,
		Header: resp.Header, Body: body, WireBytes: wire}}
}
