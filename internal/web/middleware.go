package web

import (
	"crypto/subtle"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// CSP is the Content-Security-Policy of every response. Scripts come only
// from this server: charts are initialised by the served charts.js from
// chart options embedded as <script type="application/json"> data blocks,
// which browsers never execute, so no inline script, nonce or hash is
// needed and 'unsafe-inline' is never granted to scripts. echarts draws
// tooltips with style attributes, hence style-src-attr 'unsafe-inline'
// (attributes cannot run script); style elements stay 'self' only.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
	"frame-ancestors 'none'; form-action 'self'"

// securityHeaders sets strict headers on every response.
func securityHeaders(c *fiber.Ctx) error {
	h := &c.Response().Header
	h.Set("Content-Security-Policy", CSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
	if c.Protocol() == "https" {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	return c.Next()
}

// logRequests logs each request with its status and time at debug level
// (warn when it failed on our side).
func (s *Server) logRequests(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		status = statusOf(err)
	}
	attrs := []any{"method", c.Method(), "path", c.Path(), "status", status, "ms", time.Since(start).Milliseconds()}
	if status >= 500 {
		s.log.Warn("request", attrs...)
	} else {
		s.log.Debug("request", attrs...)
	}
	return err
}

// RequireAdmin guards admin pages: the request must carry the token as
// "Authorization: Bearer TOKEN" (or the fg_admin cookie), compared in
// constant time. An empty token switches admin off entirely.
func RequireAdmin(token string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if token == "" {
			return notFound("the admin pages are switched off: start feedgauge with --admin-token to use them")
		}
		got := strings.TrimPrefix(c.Get(fiber.HeaderAuthorization), "Bearer ")
		if got == "" {
			got = c.Cookies("fg_admin")
		}
		if subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="feedgauge admin"`)
			return fiber.NewError(fiber.StatusUnauthorized, "the admin pages need the admin token")
		}
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.Next()
	}
}
