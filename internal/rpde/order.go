package rpde

import (
	"net/url"
	"strings"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// CompareModified orders two modified values: numerically when both are
// integers (of any size), else as text.
func CompareModified(a, b string) int {
	an, bn := isDigits(a), isDigits(b)
	if an && bn {
		return compareIntText(a, b)
	}
	return strings.Compare(a, b)
}

// compareIntText compares two decimal integers without parsing them.
func compareIntText(a, b string) int {
	negA, negB := strings.HasPrefix(a, "-"), strings.HasPrefix(b, "-")
	if negA != negB {
		if negA {
			return -1
		}
		return 1
	}
	a, b = strings.TrimLeft(strings.TrimPrefix(a, "-"), "0"), strings.TrimLeft(strings.TrimPrefix(b, "-"), "0")
	c := len(a) - len(b)
	if c == 0 {
		c = strings.Compare(a, b)
	}
	if negA {
		c = -c
	}
	switch {
	case c < 0:
		return -1
	case c > 0:
		return 1
	}
	return 0
}

func isDigits(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// compareItems orders items as a feed must: by modified, then id (ids
// compared as integers when both are).
func compareItems(a, b *Item) int {
	if c := CompareModified(a.Modified, b.Modified); c != 0 {
		return c
	}
	return CompareModified(a.ID, b.ID)
}

// DetectOrdering reads a feed's ordering from a `next` link (§8.2.4).
func DetectOrdering(next string) domain.Ordering {
	u, err := url.Parse(next)
	if err != nil {
		return domain.OrderingUnknown
	}
	for k := range u.Query() {
		switch strings.ToLower(k) {
		case "aftertimestamp":
			return domain.OrderingTimestamp
		case "afterchangenumber":
			return domain.OrderingChangeNumber
		}
	}
	return domain.OrderingUnknown
}

// Resolve turns a `next` link into an absolute URL against the page it was
// found on; abs says whether it was absolute already.
func Resolve(base, next string) (resolved string, abs bool, err error) {
	n, err := url.Parse(strings.TrimSpace(next))
	if err != nil {
		return "", false, err
	}
	if n.IsAbs() && n.Host != "" {
		return n.String(), true, nil
	}
	b, err := url.Parse(base)
	if err != nil {
		return "", false, err
	}
	return b.ResolveReference(n).String(), false, nil
}

// SameURL compares two URLs as pages: scheme and host without case or
// default ports, the path, and the query parameters in any order.
func SameURL(a, b string) bool {
	if a == b {
		return true
	}
	ua, errA := url.Parse(a)
	ub, errB := url.Parse(b)
	if errA != nil || errB != nil {
		return false
	}
	return canonical(ua) == canonical(ub)
}

func canonical(u *url.URL) string {
	host := strings.ToLower(u.Host)
	scheme := strings.ToLower(u.Scheme)
	host = strings.TrimSuffix(host, map[string]string{"http": ":80", "https": ":443"}[scheme])
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	return scheme + "://" + host + path + "?" + u.Query().Encode()
}

func parseURL(raw string) (*url.URL, error) { return url.Parse(raw) }
