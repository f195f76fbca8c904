package alerts

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

var sample = []Change{
	{Action: Opened, Alert: Alert{ID: "failing-1", Kind: Failing, Severity: Warning, State: Open, FeedURL: a2, DatasetID: dsA,
		Subject: a2, Message: "Harvests have failed since 2026-03-30 06:00 UTC (http_5xx, HTTP 503).", OpenedAt: dayT(10), UpdatedAt: dayT(10)}},
	{Action: ResolvedAct, Alert: Alert{ID: "stalled-2", Kind: Stalled, Severity: Critical, State: Resolved, Subject: a1,
		Message: "Cleared.\n.dot line", AcknowledgedBy: "lead@example.org", Note: "Fixed by the publisher."}},
}

func TestWebhookRetriesThenDelivers(t *testing.T) {
	var calls atomic.Int32
	var got webhookBody
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) < 3 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		if r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("content type %q", r.Header.Get("Content-Type"))
		}
		json.NewDecoder(r.Body).Decode(&got)
	}))
	defer srv.Close()
	w := &Webhook{URL: srv.URL, Backoff: 10 * time.Millisecond}
	if err := w.Notify(context.Background(), sample); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 3 || len(got.Changes) != 2 || got.Changes[0].Alert.ID != "failing-1" {
		t.Fatalf("calls %d, body %+v", calls.Load(), got)
	}
	if got.Summary != "feedgauge: 1 alert opened, 1 alert resolved" {
		t.Errorf("summary %q", got.Summary)
	}
}

func TestWebhookClientErrorNotRetried(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		http.Error(w, "no", http.StatusNotFound)
	}))
	defer srv.Close()
	err := (&Webhook{URL: srv.URL, Backoff: time.Millisecond}).Notify(context.Background(), sample)
	if err == nil || calls.Load() != 1 || !strings.Contains(err.Error(), "404") {
		t.Fatalf("err %v after %d calls", err, calls.Load())
	}
}

// TestWebhookHangs: an endpoint that never answers costs at most the
// attempts' timeouts, and the Dispatcher never blocks the caller.
func TestWebhookHangs(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer func() { close(release); srv.Close() }()
	w := &Webhook{URL: srv.URL, Timeout: 100 * time.Millisecond, Attempts: 2, Backoff: 10 * time.Millisecond}
	start := time.Now()
	if err := w.Notify(context.Background(), sample); err == nil {
		t.Fatal("a hanging endpoint counted as delivered")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("a hanging endpoint held Notify for %s", d)
	}
	d := NewDispatcher(nil, nil, w)
	start = time.Now()
	for i := 0; i < 200; i++ { // more than the queue holds, with nobody running it
		d.Send(sample)
	}
	if time.Since(start) > 100*time.Millisecond {
		t.Fatal("Send blocked")
	}
}

func TestDispatcherDelivers(t *testing.T) {
	got := make(chan int, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b webhookBody
		json.NewDecoder(r.Body).Decode(&b)
		got <- len(b.Changes)
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	d := NewDispatcher(nil, nil, &Webhook{URL: srv.URL})
	go d.Run(ctx)
	d.Send(sample)
	select {
	case n := <-got:
		if n != 2 {
			t.Fatalf("%d changes delivered", n)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("nothing delivered")
	}
}

func TestEmail(t *testing.T) {
	s := startSMTP(t)
	e := &Email{Addr: s.addr(), From: "feedgauge@example.org", To: []string{"lead@example.org", "ops@example.org"},
		now: func() time.Time { return dayT(10) }}
	if err := Notify(context.Background(), sample, e); err != nil {
		t.Fatal(err)
	}
	m := <-s.msgs
	if m.from != "feedgauge@example.org" || strings.Join(m.to, ",") != "lead@example.org,ops@example.org" {
		t.Fatalf("envelope %q → %v", m.from, m.to)
	}
	for _, want := range []string{
		"Subject: feedgauge: 1 alert opened, 1 alert resolved\r\n",
		"To: lead@example.org, ops@example.org\r\n",
		"OPENED: warning failing (failing-1)\r\n",
		"RESOLVED: critical stalled (stalled-2)\r\n",
		"Cleared. .dot line\r\n",
		"Note (lead@example.org): Fixed by the publisher.\r\n",
	} {
		if !strings.Contains(m.data, want) {
			t.Errorf("message lacks %q:\n%s", want, m.data)
		}
	}
}

func TestEmailServerHangs(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // says nothing, ever
		}
	}()
	e := &Email{Addr: ln.Addr().String(), From: "a@example.org", To: []string{"b@example.org"}, Timeout: 200 * time.Millisecond}
	start := time.Now()
	if err := e.Notify(context.Background(), sample); err == nil {
		t.Fatal("a silent server counted as delivered")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("a silent server held Notify for %s", d)
	}
}

func TestChannels(t *testing.T) {
	ns, err := Channels("https://hooks.example.org/x", "mail.example.org:25", "fg@example.org", "a@example.org, b@example.org", nil, nil)
	if err != nil || len(ns) != 2 || ns[0].Name() != "webhook" || len(ns[1].(*Email).To) != 2 {
		t.Fatalf("%v, %v", ns, err)
	}
	if ns, err := Channels("", "", "", "", nil, nil); err != nil || len(ns) != 0 {
		t.Fatalf("nothing configured: %v, %v", ns, err)
	}
	for _, bad := range [][4]string{{"ftp://x", "", "", ""}, {"", "mail.example.org", "a@x", "b@x"}, {"", "mail:25", "", "b@x"}} {
		if _, err := Channels(bad[0], bad[1], bad[2], bad[3], nil, nil); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}
