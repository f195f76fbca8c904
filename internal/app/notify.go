package app

import (
	"context"

	"github.com/feedgauge/feedgauge/internal/alerts"
	"github.com/feedgauge/feedgauge/internal/metrics"
)

// channels are the configured alert notifications (webhook, e-mail).
func channels(e *Env, m *metrics.Metrics) ([]alerts.Notifier, error) {
	return alerts.Channels(e.Cfg.WebhookURL, e.Cfg.SMTPAddr, e.Cfg.SMTPFrom, e.Cfg.SMTPTo, e.Log, m)
}

// notify sends alert changes to every configured channel and waits.
func notify(ctx context.Context, e *Env, changes []alerts.Change) error {
	ns, err := channels(e, nil)
	if err != nil || len(ns) == 0 {
		return err
	}
	return alerts.Notify(ctx, changes, ns...)
}
