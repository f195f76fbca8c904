package web

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
)

// Errors handlers return; handleError maps them to a status once.
var (
	errNotFound   = errors.New("not found")
	errBadRequest = errors.New("bad request")
	errForbidden  = errors.New("forbidden")
)

func notFound(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errNotFound}, a...)...)
}

func badRequest(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errBadRequest}, a...)...)
}

// statusOf is the one place an error becomes an HTTP status.
func statusOf(err error) int {
	var fe *fiber.Error
	switch {
	case errors.Is(err, query.ErrUnknown), errors.Is(err, errNotFound):
		return fiber.StatusNotFound
	case errors.Is(err, query.ErrBadParam), errors.Is(err, errBadRequest):
		return fiber.StatusBadRequest
	case errors.Is(err, errForbidden):
		return fiber.StatusForbidden
	case errors.Is(err, store.ErrUnavailable), errors.Is(err, context.DeadlineExceeded):
		return fiber.StatusServiceUnavailable
	case errors.As(err, &fe):
		return fe.Code
	}
	return fiber.StatusInternalServerError
}

// message is what the user reads: the error itself for their mistakes
// (it says what to change), plain words for ours. Never a stack trace.
func message(status int, err error) string {
	switch {
	case status == fiber.StatusServiceUnavailable && errors.Is(err, context.DeadlineExceeded):
		return "The data took too long to load and the request was stopped. Try again in a moment."
	case status == fiber.StatusServiceUnavailable:
		return "The data store cannot be reached just now, so nothing can be shown. Try again in a moment; if it persists, check that the store is running."
	case status >= 500:
		return "Something went wrong on our side. It has been logged; try again later."
	case status == fiber.StatusNotFound && !errors.Is(err, errNotFound) && !errors.Is(err, query.ErrUnknown):
		return "There is no page at this address."
	}
	s := err.Error()
	for _, prefix := range []string{errNotFound.Error() + ": ", errBadRequest.Error() + ": ", errForbidden.Error() + ": "} {
		s = strings.TrimPrefix(s, prefix)
	}
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// handleError is Fiber's error handler: JSON for the API, a friendly HTML
// page otherwise.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	status := statusOf(err)
	msg := message(status, err)
	if status >= 500 {
		s.log.Error("request failed", "method", c.Method(), "path", c.Path(), "status", status, "err", err)
	} else {
		s.log.Debug("request refused", "method", c.Method(), "path", c.Path(), "status", status, "err", err)
	}
	c.Status(status)
	if status == fiber.StatusServiceUnavailable {
		c.Set("Retry-After", "30")
	}
	if isAPI(c) {
		return c.JSON(fiber.Map{"error": fiber.Map{"status": status, "message": msg}})
	}
	page := &Page{Title: errorTitle(status), Message: msg, Status: status}
	if rerr := s.render(c, "error", page); rerr != nil {
		c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
		return c.SendString(fmt.Sprintf("%d %s\n\n%s\n", status, errorTitle(status), msg))
	}
	return nil
}

func isAPI(c *fiber.Ctx) bool { return strings.HasPrefix(c.Path(), "/api/") }

func errorTitle(status int) string {
	switch status {
	case fiber.StatusNotFound:
		return "Page not found"
	case fiber.StatusBadRequest:
		return "Something in the address is not right"
	case fiber.StatusForbidden, fiber.StatusUnauthorized:
		return "Not allowed"
	case fiber.StatusServiceUnavailable:
		return "Data not available just now"
	case fiber.StatusMethodNotAllowed:
		return "Not allowed"
	}
	return "Something went wrong"
}

// storeErr marks a query failure as the store being unavailable when the
// store no longer answers a ping (it went away mid-request).
func (s *Server) storeErr(ctx context.Context, err error) error {
	if err == nil || errors.Is(err, store.ErrUnavailable) || errors.Is(err, query.ErrBadParam) || errors.Is(err, query.ErrUnknown) {
		return err
	}
	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), pingTimeout)
	defer cancel()
	if perr := s.opts.Store.Ping(pctx); perr != nil {
		return fmt.Errorf("%w: %v (ping: %v)", store.ErrUnavailable, err, perr)
	}
	return err
}
