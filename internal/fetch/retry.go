package fetch

import (
	"bytes"
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// backoff is the wait before try n+1 (n ≥ 1): exponential from BackoffBase,
// capped at BackoffMax, with full jitter.
func (c *Client) backoff(n int) time.Duration {
	d := c.opts.BackoffBase << min(n-1, 20)
	if d <= 0 || d > c.opts.BackoffMax {
		d = c.opts.BackoffMax
	}
	return d/2 + rand.N(d/2+1)
}

// retryAfter parses a Retry-After header: seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			s = 0
		}
		return time.Duration(min(s, 1<<30)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// retryableStatus says whether a status is worth another try.
func retryableStatus(status int) bool {
	return status >= 500 || status == http.StatusTooManyRequests || status == http.StatusForbidden ||
		status == http.StatusRequestTimeout
}

// rateHint says whether a 403 looks like a rate limit: it carries
// Retry-After, says so in its body, or the host answered well before.
func rateHint(h http.Header, snippet []byte, hostWasGood bool) bool {
	if h.Get("Retry-After") != "" || hostWasGood {
		return true
	}
	low := bytes.ToLower(snippet)
	for _, w := range []string{"rate limit", "too many", "slow down", "throttl", "quota"} {
		if bytes.Contains(low, []byte(w)) {
			return true
		}
	}
	return false
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
