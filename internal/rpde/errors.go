// Package rpde reads RPDE (Realtime Paged Data Exchange) feeds: it decodes
// pages, walks a feed by its `next` links, detects its end, its ordering and
// its faults, and records the RPDE rule checks of scoring.md §6.
package rpde

import (
	"fmt"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// Error is a feed fault that stops a walk: the page is not JSON, not an RPDE
// page, loops to itself, or the feed goes back to a page already read.
type Error struct {
	Kind domain.ErrorKind
	URL  string
	Msg  string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s", shorten(e.URL), e.Msg)
}

// ErrorKind implements fetch.Kinded.
func (e *Error) ErrorKind() domain.ErrorKind { return e.Kind }

func shorten(s string) string {
	if s == "" {
		return "the page"
	}
	if len(s) > 120 {
		return s[:117] + "…"
	}
	return s
}

func pageError(kind domain.ErrorKind, url, format string, args ...any) *Error {
	return &Error{Kind: kind, URL: url, Msg: fmt.Sprintf(format, args...)}
}
