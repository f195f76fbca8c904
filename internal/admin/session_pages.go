package admin

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"
)

func queryEscape(s string) string { return url.QueryEscape(s) }

// index is the admin home: what can be done here.
func (s *server) index(c *fiber.Ctx) error {
	return s.render(c, fiber.StatusOK, "index", s.page(c, "Administration", nil))
}

func (s *server) loginForm(c *fiber.Ctx) error {
	return s.render(c, fiber.StatusOK, "login", s.page(c, "Sign in", nil))
}

// login checks the admin token and sets the session cookie. The name is
// what the audit trail records as the author of changes.
func (s *server) login(c *fiber.Ctx) error {
	ip := strings.Clone(c.IP())
	if s.limit.blocked(ip, s.now()) {
		return s.fail(c, fiber.StatusTooManyRequests, "too many failed sign-ins from this address; wait a minute")
	}
	if len(s.keys.token) == 0 {
		return s.fail(c, fiber.StatusForbidden, "changes are switched off: the administrator has not set FEEDGAUGE_ADMIN_TOKEN")
	}
	name := strings.TrimSpace(c.FormValue("name"))
	if !s.keys.tokenOK(c.FormValue("token")) {
		s.limit.fail(ip, s.now())
		return s.fail(c, fiber.StatusUnauthorized, "that is not the admin token")
	}
	if name == "" || len(name) > 100 {
		return s.fail(c, fiber.StatusBadRequest, "give your name: it is recorded with every change you make")
	}
	c.Cookie(&fiber.Cookie{Name: cookieName, Value: s.keys.newSession(name, s.now()), Path: s.BasePath,
		MaxAge: int(sessionTTL.Seconds()), HTTPOnly: true, SameSite: fiber.CookieSameSiteStrictMode, Secure: s.SecureCookie})
	s.Logger.Info("admin sign-in", "who", name)
	return c.Redirect(s.BasePath+"/", fiber.StatusSeeOther)
}

// logout clears the cookie. It needs no CSRF token: the worst a forged
// request can do is sign someone out.
func (s *server) logout(c *fiber.Ctx) error {
	c.Cookie(&fiber.Cookie{Name: cookieName, Value: "", Path: s.BasePath, MaxAge: -1, HTTPOnly: true,
		SameSite: fiber.CookieSameSiteStrictMode, Secure: s.SecureCookie})
	return c.Redirect(s.BasePath+"/", fiber.StatusSeeOther)
}
