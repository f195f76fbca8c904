package alerts

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/smtp"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/metrics"
)

// Email sends a plain-text summary of the changes through an SMTP server
// (--smtp-addr host:port, --smtp-from, --smtp-to). STARTTLS is used when
// the server offers it. The whole exchange has a deadline (Timeout,
// default 30 s), so a server that stops answering cannot hang a caller.
type Email struct {
	Addr    string
	From    string
	To      []string
	Timeout time.Duration
	// Hello is the name given in EHLO (default "localhost").
	Hello   string
	Metrics *metrics.Metrics
	// now stamps the Date header (tests).
	now func() time.Time
}

func (e *Email) Name() string { return "email" }

// Notify sends one message for the batch.
func (e *Email) Notify(ctx context.Context, changes []Change) error {
	err := e.send(ctx, e.message(changes))
	if err != nil {
		e.Metrics.Notification("email", "failed")
		return fmt.Errorf("send alert e-mail through %s: %w", e.Addr, err)
	}
	e.Metrics.Notification("email", "sent")
	return nil
}

func (e *Email) send(ctx context.Context, msg []byte) error {
	if e.Addr == "" || e.From == "" || len(e.To) == 0 {
		return fmt.Errorf("set --smtp-addr, --smtp-from and --smtp-to")
	}
	timeout := e.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	deadline := time.Now().Add(timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	conn, err := (&net.Dialer{Deadline: deadline}).DialContext(ctx, "tcp", e.Addr)
	if err != nil {
		return err
	}
	conn.SetDeadline(deadline)
	host, _, _ := net.SplitHostPort(e.Addr)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	hello := e.Hello
	if hello == "" {
		hello = "localhost"
	}
	if err := c.Hello(hello); err != nil {
		return err
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(&tls.Config{ServerName: host}); err != nil {
			return err
		}
	}
	return deliver(c, e.From, e.To, msg)
}

func deliver(c *smtp.Client, from string, to []string, msg []byte) error {
	if err := c.Mail(from); err != nil {
		return err
	}
	for _, r := range to {
		if err := c.Rcpt(r); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// message builds the e-mail: headers, then one paragraph per change.
func (e *Email) message(changes []Change) []byte {
	now := time.Now
	if e.now != nil {
		now = e.now
	}
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\n", e.From, strings.Join(e.To, ", "),
		oneLine(summary(changes)), now().Format(time.RFC1123Z))
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	for _, c := range changes {
		a := c.Alert
		fmt.Fprintf(&b, "%s: %s %s (%s)\r\n", strings.ToUpper(c.Action), a.Severity, a.Kind, a.ID)
		fmt.Fprintf(&b, "  %s\r\n  %s\r\n", oneLine(a.Subject), oneLine(a.Message))
		if a.Note != "" {
			fmt.Fprintf(&b, "  Note (%s): %s\r\n", oneLine(a.AcknowledgedBy), oneLine(a.Note))
		}
		b.WriteString("\r\n")
	}
	return []byte(b.String())
}

// oneLine keeps header and body lines free of line breaks from stored text.
func oneLine(s string) string {
	return strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
}
