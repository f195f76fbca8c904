package app

import (
	"context"
	"strings"

	"github.com/feedgauge/feedgauge/internal/alerts"
)

// notifiers are the configured alert channels: a webhook and/or e-mail.
func notifiers(e *Env) []alerts.Notifier {
	var out []alerts.Notifier
	if e.Cfg.WebhookURL != "" {
		out = append(out, &alerts.Webhook{URL: e.Cfg.WebhookURL, Log: e.Log})
	}
	if e.Cfg.SMTPAddr != "" && e.Cfg.SMTPTo != "" {
		out = append(out, &alerts.Email{Addr: e.Cfg.SMTPAddr, From: e.Cfg.SMTPFrom, To: strings.Split(e.Cfg.SMTPTo, ",")})
	}
	return out
}

// notify sends alert changes to every configured channel.
func notify(ctx context.Context, e *Env, changes []alerts.Change) error {
	ns := notifiers(e)
	if len(ns) == 0 {
		return nil
	}
	return alerts.Notify(ctx, changes, ns...)
}
