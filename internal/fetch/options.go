// Package fetch is feedgauge's one shared HTTP client: polite (per-host
// concurrency and rate limits, Retry-After, back-off with jitter, an honest
// User-Agent), bounded (timeouts, page and decompressed size, redirects) and
// safe (an address guard checked at dial time on the resolved IP). Every
// failure maps to one stable domain.ErrorKind through Classify.
package fetch

import (
	"context"
	"fmt"
	"log/slog"
	"net/netip"
	"strings"
	"time"
)

// Options configures a Client. Zero fields take the defaults of
// DefaultOptions, so tests set only the timings they shorten.
type Options struct {
	// Version is feedgauge's version, used in the User-Agent.
	Version string
	// UserAgent replaces the whole User-Agent header when set.
	UserAgent string
	// Timeout bounds one request, body included.
	Timeout     time.Duration
	DialTimeout time.Duration
	TLSTimeout  time.Duration
	// MaxAttempts is how many times one URL is tried (1 = no retry).
	MaxAttempts int
	// BackoffBase and BackoffMax bound the exponential back-off with full
	// jitter between tries.
	BackoffBase time.Duration
	BackoffMax  time.Duration
	// RetryAfterCap is the longest Retry-After honoured; a longer one fails
	// the request as rate_limited, to resume at the next run.
	RetryAfterCap time.Duration
	// MaxPageBytes caps the bytes read from the network for one response.
	MaxPageBytes int64
	// MaxDecodedBytes caps a compressed response once decompressed.
	MaxDecodedBytes int64
	MaxRedirects    int
	// HostConcurrency is the number of requests in flight per host.
	HostConcurrency int
	// HostRate is requests per second per host (<0: unlimited); HostBurst
	// the bucket size.
	HostRate  float64
	HostBurst int
	// AllowPrivate lets the client reach every address; AllowCIDRs only
	// the listed ranges (for example 127.0.0.1/32 in tests).
	AllowPrivate bool
	AllowCIDRs   []netip.Prefix
	// Resolve replaces DNS (tests make a name resolve to 10.0.0.5).
	Resolve func(ctx context.Context, host string) ([]netip.Addr, error)
	Logger  *slog.Logger
}

// DefaultOptions are polite production settings.
func DefaultOptions() Options {
	return Options{
		Version:         "dev",
		Timeout:         60 * time.Second,
		DialTimeout:     10 * time.Second,
		TLSTimeout:      10 * time.Second,
		MaxAttempts:     4,
		BackoffBase:     2 * time.Second,
		BackoffMax:      60 * time.Second,
		RetryAfterCap:   2 * time.Minute,
		MaxPageBytes:    64 << 20,
		MaxDecodedBytes: 256 << 20,
		MaxRedirects:    5,
		HostConcurrency: 2,
		HostRate:        5,
		HostBurst:       2,
	}
}

// withDefaults fills zero fields from DefaultOptions.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.Version == "" {
		o.Version = d.Version
	}
	setDur(&o.Timeout, d.Timeout)
	setDur(&o.DialTimeout, d.DialTimeout)
	setDur(&o.TLSTimeout, d.TLSTimeout)
	setDur(&o.BackoffBase, d.BackoffBase)
	setDur(&o.BackoffMax, d.BackoffMax)
	setDur(&o.RetryAfterCap, d.RetryAfterCap)
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = d.MaxAttempts
	}
	if o.MaxPageBytes <= 0 {
		o.MaxPageBytes = d.MaxPageBytes
	}
	if o.MaxDecodedBytes <= 0 {
		o.MaxDecodedBytes = d.MaxDecodedBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = d.MaxRedirects
	}
	if o.HostConcurrency <= 0 {
		o.HostConcurrency = d.HostConcurrency
	}
	if o.HostRate == 0 {
		o.HostRate = d.HostRate
	}
	if o.HostBurst <= 0 {
		o.HostBurst = d.HostBurst
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

func setDur(p *time.Duration, def time.Duration) {
	if *p <= 0 {
		*p = def
	}
}

// userAgent is the honest User-Agent sent with every request.
func (o Options) userAgent() string {
	if o.UserAgent != "" {
		return o.UserAgent
	}
	return "feedgauge/" + o.Version + " (+https://github.com/feedgauge/feedgauge)"
}

// ParseAllow reads the value of --allow-private: "" or "true" allows every
// address; otherwise a comma-separated list of CIDRs or single IPs.
func ParseAllow(v string) (all bool, cidrs []netip.Prefix, err error) {
	v = strings.TrimSpace(v)
	if v == "" || strings.EqualFold(v, "true") {
		return true, nil, nil
	}
	if strings.EqualFold(v, "false") {
		return false, nil, nil
	}
	for _, part := range strings.Split(v, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		p, err := parsePrefix(part)
		if err != nil {
			return false, nil, fmt.Errorf("--allow-private: %q is neither a CIDR range (10.0.0.0/8) nor an IP address: %w", part, err)
		}
		cidrs = append(cidrs, p)
	}
	return false, cidrs, nil
}

func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		return p.Masked(), err
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	return netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()), nil
}
