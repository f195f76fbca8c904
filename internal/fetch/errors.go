package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// Kinded is an error that knows its stable kind. fetch, rpde and discover
// errors implement it; Error() is then a message a place lead can act on.
type Kinded interface {
	error
	ErrorKind() domain.ErrorKind
}

// Error is a failed request after its retries.
type Error struct {
	Kind   domain.ErrorKind
	URL    string
	Status int
	Tries  int
	// Wait is the Retry-After the server asked for, when it was too long.
	Wait time.Duration
	Err  error
}

func (e *Error) ErrorKind() domain.ErrorKind { return e.Kind }
func (e *Error) Unwrap() error               { return e.Err }

// Error says what happened and what feedgauge will do, in plain words.
func (e *Error) Error() string {
	where := shortURL(e.URL)
	next := "feedgauge will try again at the next snapshot"
	switch e.Kind {
	case domain.KindHTTP5xx:
		return fmt.Sprintf("%s answered %d %s %s; %s", where, e.Status, http.StatusText(e.Status), times(e.Tries), next)
	case domain.KindRateLimited:
		if e.Wait > 0 {
			return fmt.Sprintf("%s is limiting requests (%d) and asked us to wait %s; feedgauge will resume from this page at the next snapshot", where, e.Status, e.Wait.Round(time.Second))
		}
		return fmt.Sprintf("%s is limiting requests (answered %d %s); feedgauge will resume from this page at the next snapshot", where, e.Status, times(e.Tries))
	case domain.KindAuthRequired:
		return fmt.Sprintf("%s refused access (%d %s): it may need a key or block automated clients; ask the publisher", where, e.Status, http.StatusText(e.Status))
	case domain.KindGone:
		return fmt.Sprintf("%s is no longer there (%d %s); check the dataset site for a new feed address", where, e.Status, http.StatusText(e.Status))
	case domain.KindHTTP4xx:
		return fmt.Sprintf("%s answered %d %s; check the address with the publisher", where, e.Status, http.StatusText(e.Status))
	case domain.KindTimeout:
		return fmt.Sprintf("%s did not answer in time %s; %s", where, times(e.Tries), next)
	case domain.KindDNS:
		return fmt.Sprintf("the web address %s could not be found (DNS); check the address", hostOf(e.URL))
	case domain.KindConnect:
		return fmt.Sprintf("could not connect to %s %s (%s); the server may be down; %s", hostOf(e.URL), times(e.Tries), rootCause(e.Err), next)
	case domain.KindTLS:
		return fmt.Sprintf("the secure connection to %s failed (%s); the publisher's certificate may be wrong", hostOf(e.URL), rootCause(e.Err))
	case domain.KindTooManyRedirects:
		return fmt.Sprintf("%s redirected too many times; check the address with the publisher", where)
	case domain.KindBlockedAddress:
		return fmt.Sprintf("%s was not fetched: %s; use --allow-private to allow private addresses", where, rootCause(e.Err))
	case domain.KindTooLarge:
		return fmt.Sprintf("%s was not read: %s, above feedgauge's limit", where, rootCause(e.Err))
	case domain.KindDecompressionBomb:
		return fmt.Sprintf("%s was not read: %s, which looks like a decompression bomb", where, rootCause(e.Err))
	}
	return fmt.Sprintf("%s could not be fetched: %s", where, rootCause(e.Err))
}

// Failure is what an attempt row records about an error.
type Failure struct {
	Kind    domain.ErrorKind
	Status  int
	Message string
}

// Classify is the one place that maps any failure to a stable error kind
// and a message for people: fetch errors, rpde and discover errors (anything
// Kinded), and raw network, TLS, DNS and context errors.
func Classify(err error) Failure {
	if err == nil {
		return Failure{Kind: domain.KindOK}
	}
	var fe *Error
	if errors.As(err, &fe) {
		return Failure{Kind: fe.Kind, Status: fe.Status, Message: fe.Error()}
	}
	var k Kinded
	if errors.As(err, &k) {
		return Failure{Kind: k.ErrorKind(), Message: k.Error()}
	}
	kind := kindOf(err)
	return Failure{Kind: kind, Message: (&Error{Kind: kind, Err: err}).Error()}
}

// kindOf maps a transport error (no HTTP status) to its kind.
func kindOf(err error) domain.ErrorKind {
	var (
		blocked  *blockedError
		size     *sizeError
		redirect *redirectError
		dnsErr   *net.DNSError
		certErr  *tls.CertificateVerificationError
		hostErr  x509.HostnameError
		unkAuth  x509.UnknownAuthorityError
		invalid  x509.CertificateInvalidError
		recErr   tls.RecordHeaderError
		alertErr tls.AlertError
		opErr    *net.OpError
		netErr   net.Error
	)
	switch {
	case errors.As(err, &blocked):
		return domain.KindBlockedAddress
	case errors.As(err, &size):
		if size.Bomb {
			return domain.KindDecompressionBomb
		}
		return domain.KindTooLarge
	case errors.As(err, &redirect):
		return domain.KindTooManyRedirects
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, context.Canceled):
		return domain.KindTimeout
	case errors.As(err, &dnsErr):
		return domain.KindDNS
	case errors.As(err, &certErr), errors.As(err, &hostErr), errors.As(err, &unkAuth), errors.As(err, &invalid),
		errors.As(err, &recErr), errors.As(err, &alertErr):
		return domain.KindTLS
	case errors.As(err, &netErr) && netErr.Timeout():
		return domain.KindTimeout
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EHOSTUNREACH),
		errors.Is(err, syscall.ENETUNREACH), errors.As(err, &opErr):
		return domain.KindConnect
	case strings.Contains(err.Error(), "tls:"):
		return domain.KindTLS
	}
	return domain.KindConnect
}

// statusKind maps an HTTP status to its kind; hinted says a 403 looked like
// a rate limit.
func statusKind(status int, hinted bool) domain.ErrorKind {
	switch {
	case status == http.StatusTooManyRequests:
		return domain.KindRateLimited
	case status == http.StatusForbidden && hinted:
		return domain.KindRateLimited
	case status == http.StatusUnauthorized, status == http.StatusForbidden:
		return domain.KindAuthRequired
	case status == http.StatusNotFound, status == http.StatusGone:
		return domain.KindGone
	case status >= 500:
		return domain.KindHTTP5xx
	}
	return domain.KindHTTP4xx
}

func times(n int) string {
	switch n {
	case 0, 1:
		return "once"
	case 2:
		return "twice"
	case 3:
		return "three times"
	case 4:
		return "four times"
	case 5:
		return "five times"
	}
	return fmt.Sprintf("%d times", n)
}

func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return u.Host
	}
	return raw
}

// shortURL keeps messages readable: long query strings are cut.
func shortURL(raw string) string {
	if raw == "" {
		return "the server"
	}
	if len(raw) > 120 {
		return raw[:117] + "…"
	}
	return raw
}

// rootCause is the innermost error text, without Go's wrapping noise.
func rootCause(err error) string {
	if err == nil {
		return "unknown error"
	}
	for {
		var b *blockedError
		if errors.As(err, &b) {
			return b.Error()
		}
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		var ue *url.Error
		if errors.As(err, &ue) || isOpErr(err) {
			err = next
			continue
		}
		return err.Error()
	}
}

func isOpErr(err error) bool {
	_, ok := err.(*net.OpError)
	return ok
}
