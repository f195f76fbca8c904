package admin

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Mutations need the admin token: either "Authorization: Bearer TOKEN" (API
// calls; the author is the X-Feedgauge-User header, else "api") or the
// session cookie the login form sets (browsers; HttpOnly, SameSite=Strict,
// signed with a key derived from the token, so changing the token ends every
// session). Cookie-authenticated forms must also carry the CSRF token, an
// HMAC of the session's nonce. Reading needs nothing.

const (
	cookieName = "feedgauge_admin"
	sessionTTL = 12 * time.Hour
)

// session is what the signed cookie holds.
type session struct {
	Name    string `json:"n"`
	Expires int64  `json:"e"`
	Nonce   string `json:"r"`
}

// auth is who is asking and how.
type auth struct {
	Who    string
	Bearer bool
	Nonce  string // the session nonce, for the CSRF token
}

type keys struct{ token, mac []byte }

func newKeys(token string) keys {
	sum := sha256.Sum256([]byte("feedgauge-admin-session|" + token))
	return keys{token: []byte(token), mac: sum[:]}
}

func (k keys) sign(s string) string {
	h := hmac.New(sha256.New, k.mac)
	h.Write([]byte(s))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}

// tokenOK compares a presented token with the admin token in constant time.
func (k keys) tokenOK(presented string) bool {
	if len(k.token) == 0 {
		return false
	}
	a := sha256.Sum256([]byte(presented))
	b := sha256.Sum256(k.token)
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// newSession makes a signed cookie value for a person.
func (k keys) newSession(name string, now time.Time) string {
	nonce := make([]byte, 16)
	rand.Read(nonce)
	b, _ := json.Marshal(session{Name: name, Expires: now.Add(sessionTTL).Unix(), Nonce: hex.EncodeToString(nonce)})
	payload := base64.RawURLEncoding.EncodeToString(b)
	return payload + "." + k.sign(payload)
}

// readSession verifies a cookie value; ok is false when it is forged,
// expired or signed with another token.
func (k keys) readSession(v string, now time.Time) (session, bool) {
	payload, mac, ok := strings.Cut(v, ".")
	if !ok || len(k.token) == 0 || !hmac.Equal([]byte(mac), []byte(k.sign(payload))) {
		return session{}, false
	}
	b, err := base64.RawURLEncoding.DecodeString(payload)
	var s session
	if err != nil || json.Unmarshal(b, &s) != nil || now.Unix() >= s.Expires || s.Name == "" {
		return session{}, false
	}
	return s, true
}

// csrf is the form token of a session.
func (k keys) csrf(nonce string) string {
	if nonce == "" {
		return ""
	}
	return k.sign("csrf|" + nonce)
}

// whoIs reads the request's credentials; ok is false when there are none
// or they are wrong.
func (s *server) whoIs(c *fiber.Ctx) (auth, bool) {
	if h := c.Get(fiber.HeaderAuthorization); h != "" {
		tok, found := strings.CutPrefix(h, "Bearer ")
		if !found || !s.keys.tokenOK(strings.TrimSpace(tok)) {
			return auth{}, false
		}
		return auth{Who: firstNonEmpty(strings.TrimSpace(c.Get("X-Feedgauge-User")), "api"), Bearer: true}, true
	}
	sess, ok := s.keys.readSession(c.Cookies(cookieName), s.now())
	if !ok {
		return auth{}, false
	}
	return auth{Who: sess.Name, Nonce: sess.Nonce}, true
}

// requireAdmin guards every mutation: the token must be configured, the
// caller authenticated, and a cookie-authenticated form must carry the
// session's CSRF token.
func (s *server) requireAdmin(c *fiber.Ctx) error {
	if len(s.keys.token) == 0 {
		return s.fail(c, fiber.StatusForbidden, "changes are switched off: the administrator has not set FEEDGAUGE_ADMIN_TOKEN")
	}
	a, ok := s.whoIs(c)
	if !ok {
		return s.fail(c, fiber.StatusUnauthorized, "sign in first (or send Authorization: Bearer with the admin token)")
	}
	if !a.Bearer {
		got := firstNonEmpty(c.FormValue("_csrf"), c.Get("X-CSRF-Token"))
		if want := s.keys.csrf(a.Nonce); !hmac.Equal([]byte(got), []byte(want)) {
			return s.fail(c, fiber.StatusForbidden, "this form has expired or did not come from this site; reload the page and try again")
		}
	}
	c.Locals(authKey{}, a)
	return c.Next()
}

type authKey struct{}

// author is the authenticated caller set by requireAdmin.
func author(c *fiber.Ctx) auth {
	a, _ := c.Locals(authKey{}).(auth)
	return a
}

// limiter slows token guessing: at most maxFailures failed sign-ins per
// address per window.
type limiter struct {
	mu       sync.Mutex
	failures map[string][]time.Time
}

const (
	maxFailures = 10
	window      = time.Minute
)

func (l *limiter) blocked(ip string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	recent := l.failures[ip][:0]
	for _, t := range l.failures[ip] {
		if now.Sub(t) < window {
			recent = append(recent, t)
		}
	}
	l.failures[ip] = recent
	return len(recent) >= maxFailures
}

func (l *limiter) fail(ip string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.failures) > 10000 {
		l.failures = map[string][]time.Time{} // bound the memory a flood of addresses can take
	}
	l.failures[strings.Clone(ip)] = append(l.failures[ip], now)
}
