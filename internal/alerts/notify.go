package alerts

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/feedgauge/feedgauge/internal/metrics"
)

// Notifier sends alert changes somewhere people see them.
type Notifier interface {
	// Name is the channel in logs and metrics: "webhook", "email".
	Name() string
	Notify(ctx context.Context, changes []Change) error
}

// Notify sends changes to every notifier at once and waits for them; each
// notifier bounds its own time. It returns the notifiers' errors joined.
func Notify(ctx context.Context, changes []Change, notifiers ...Notifier) error {
	if len(changes) == 0 {
		return nil
	}
	errs := make([]error, len(notifiers))
	var wg sync.WaitGroup
	for i, n := range notifiers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := n.Notify(ctx, changes); err != nil {
				errs[i] = fmt.Errorf("%s: %w", n.Name(), err)
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Dispatcher notifies in the background, so a snapshot hands its changes
// over and goes on: Send never blocks. Run it with the server's context.
type Dispatcher struct {
	notifiers []Notifier
	queue     chan []Change
	log       *slog.Logger
	metrics   *metrics.Metrics
	// Timeout bounds one batch across all notifiers (default 2 minutes).
	Timeout time.Duration
}

// NewDispatcher queues up to 64 batches of changes for the notifiers.
func NewDispatcher(log *slog.Logger, m *metrics.Metrics, notifiers ...Notifier) *Dispatcher {
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Dispatcher{notifiers: notifiers, queue: make(chan []Change, 64), log: log, metrics: m, Timeout: 2 * time.Minute}
}

// Send queues changes; when the queue is full they are dropped, counted and
// logged (the alerts themselves are stored; only the message is lost).
func (d *Dispatcher) Send(changes []Change) {
	if d == nil || len(changes) == 0 || len(d.notifiers) == 0 {
		return
	}
	select {
	case d.queue <- changes:
	default:
		for _, n := range d.notifiers {
			d.metrics.Notification(n.Name(), "dropped")
		}
		d.log.Warn("alert notifications dropped: the notification queue is full (is the webhook or mail server down?)",
			"changes", len(changes))
	}
}

// Run delivers queued changes until ctx ends.
func (d *Dispatcher) Run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case changes := <-d.queue:
			bctx, cancel := context.WithTimeout(ctx, d.Timeout)
			if err := Notify(bctx, changes, d.notifiers...); err != nil {
				d.log.Warn("alert notification failed", "changes", len(changes), "error", err)
			}
			cancel()
		}
	}
}

// summary is a one-line subject for a batch of changes.
func summary(changes []Change) string {
	counts := map[string]int{}
	var order []string
	for _, c := range changes {
		if counts[c.Action] == 0 {
			order = append(order, c.Action)
		}
		counts[c.Action]++
	}
	s := "feedgauge:"
	for i, a := range order {
		if i > 0 {
			s += ","
		}
		noun := "alerts"
		if counts[a] == 1 {
			noun = "alert"
		}
		s += fmt.Sprintf(" %d %s %s", counts[a], noun, a)
	}
	return s
}

// Channels builds the notifiers the flags ask for: a Webhook for
// --webhook-url, an Email for --smtp-addr with --smtp-from and --smtp-to
// (comma-separated). None configured gives none.
func Channels(webhookURL, smtpAddr, smtpFrom, smtpTo string, log *slog.Logger, m *metrics.Metrics) ([]Notifier, error) {
	var out []Notifier
	if webhookURL != "" {
		u, err := url.Parse(webhookURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("--webhook-url %q is not an http(s) URL", webhookURL)
		}
		out = append(out, &Webhook{URL: webhookURL, Log: log, Metrics: m})
	}
	if smtpAddr != "" || smtpTo != "" {
		var to []string
		for _, r := range strings.Split(smtpTo, ",") {
			if r = strings.TrimSpace(r); r != "" {
				to = append(to, r)
			}
		}
		if _, _, err := net.SplitHostPort(smtpAddr); err != nil || smtpFrom == "" || len(to) == 0 {
			return nil, fmt.Errorf("alert e-mail needs --smtp-addr host:port, --smtp-from and --smtp-to (got %q, %q, %q)", smtpAddr, smtpFrom, smtpTo)
		}
		out = append(out, &Email{Addr: smtpAddr, From: smtpFrom, To: to, Metrics: m})
	}
	return out, nil
}
