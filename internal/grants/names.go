package grants

import (
	"net/url"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/feedgauge/feedgauge/internal/score"
)

// Norm is scoring.md §8.9's norm(s); name-match suggestions use the same
// function as the assurance register's matching, so it lives with the method.
func Norm(s string) string { return score.Norm(s) }

// DefaultSharedHosts are booking and website platforms that host many
// unrelated organisations; a web address on one of them (or a subdomain)
// never counts as a domain match. The first five are scoring.md §8.9's
// shared hosts.
var DefaultSharedHosts = []string{
	"goteamup.com", "playwaze.com", "legendonlineservices.co.uk", "leisurecloud.net", "leisurecloud.live",
	"facebook.com", "instagram.com", "twitter.com", "x.com", "linktr.ee", "google.com", "sites.google.com",
	"wixsite.com", "wordpress.com", "squarespace.com", "weebly.com", "blogspot.com", "eventbrite.co.uk",
	"eventbrite.com", "bookwhen.com", "clubspark.lta.org.uk", "pitchero.com", "teamapp.com", "spond.com",
}

// webKey is what domain matching compares: the registrable domain (the
// public-suffix list's eTLD+1, so www. and other subdomains fall away) and
// the first path segment, lower-cased.
type webKey struct {
	Domain  string
	Segment string
}

// parseWeb reads a web address, adding http:// when the scheme is missing
// (publishers often write www.club.org.uk). ok is false for anything that is
// not a usable public web address.
func parseWeb(raw string) (webKey, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" || strings.ContainsAny(raw, " \t\r\n@") {
		return webKey{}, false
	}
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return webKey{}, false
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if !strings.Contains(host, ".") {
		return webKey{}, false
	}
	dom, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return webKey{}, false
	}
	seg, _, _ := strings.Cut(strings.Trim(strings.ToLower(u.EscapedPath()), "/"), "/")
	return webKey{Domain: dom, Segment: seg}, true
}

// sharedHost reports a host on a shared platform, or one of its subdomains.
func sharedHost(raw string, shared []string) bool {
	if !strings.Contains(raw, "://") {
		raw = "http://" + strings.TrimSpace(raw)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return true
	}
	host := strings.TrimPrefix(strings.TrimSuffix(strings.ToLower(u.Hostname()), "."), "www.")
	for _, s := range shared {
		if host == s || strings.HasSuffix(host, "."+s) {
			return true
		}
	}
	return false
}

// sameSite reports a domain match: equal registrable domains and, when both
// addresses name a first path segment, the same one (so
// ageuk.org.uk/trafford is not ageuk.org.uk/salford).
func sameSite(a, b webKey) bool {
	if a.Domain == "" || a.Domain != b.Domain {
		return false
	}
	return a.Segment == "" || b.Segment == "" || a.Segment == b.Segment
}
