package alerts

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/feedgauge/feedgauge/internal/metrics"
)

// Webhook POSTs changes as JSON: {"source": "feedgauge", "summary": "…",
// "changes": [{"action": "opened", "alert": {…}}]}. It retries network
// errors, 429 and 5xx with doubling back-off; each attempt has its own
// timeout, so a hanging endpoint costs at most Attempts × Timeout plus the
// back-off.
type Webhook struct {
	URL      string
	Client   *http.Client
	Timeout  time.Duration // per attempt (default 10 s)
	Attempts int           // default 4
	Backoff  time.Duration // first wait between attempts (default 1 s)
	Log      *slog.Logger
	Metrics  *metrics.Metrics
}

func (w *Webhook) Name() string { return "webhook" }

type webhookBody struct {
	Source  string   `json:"source"`
	Summary string   `json:"summary"`
	Changes []Change `json:"changes"`
}

// Notify posts the changes.
func (w *Webhook) Notify(ctx context.Context, changes []Change) error {
	body, err := json.Marshal(webhookBody{Source: "feedgauge", Summary: summary(changes), Changes: changes})
	if err != nil {
		return err
	}
	attempts, backoff := max(w.Attempts, 1), w.Backoff
	if w.Attempts == 0 {
		attempts = 4
	}
	if backoff <= 0 {
		backoff = time.Second
	}
	for i := 1; ; i++ {
		retry, err := w.post(ctx, body)
		if err == nil {
			w.Metrics.Notification("webhook", "sent")
			return nil
		}
		if !retry || i >= attempts || ctx.Err() != nil {
			w.Metrics.Notification("webhook", "failed")
			return fmt.Errorf("POST %s failed after %d attempts: %w", w.URL, i, err)
		}
		if w.Log != nil {
			w.Log.Info("webhook failed; retrying", "url", w.URL, "attempt", i, "retry_in", backoff.String(), "error", err)
		}
		select {
		case <-ctx.Done():
			w.Metrics.Notification("webhook", "failed")
			return fmt.Errorf("POST %s: %w", w.URL, ctx.Err())
		case <-time.After(backoff):
		}
		backoff *= 2
	}
}

// post makes one attempt; retry says whether another might succeed.
func (w *Webhook) post(ctx context.Context, body []byte) (retry bool, err error) {
	timeout := w.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	actx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "feedgauge-alerts")
	client := w.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return true, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	switch {
	case resp.StatusCode < 300:
		return false, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return true, fmt.Errorf("the endpoint answered %s", resp.Status)
	}
	return false, fmt.Errorf("the endpoint answered %s (not retried: check the URL and its configuration)", resp.Status)
}
