package score

import (
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// RegisterEntry is one row of the assurance register (scoring.md §4, §8.9).
// At least one of OrganiserID, OrganiserURL, OrganiserName is set;
// LocalAuthority is a LAD code. A zero ExpiresOn means the default: AssuredOn
// + 12 months (the last day of that month when the day does not exist).
type RegisterEntry struct {
	OrganiserID, OrganiserURL, OrganiserName string
	LocalAuthority                           string
	Scheme                                   string
	AssuredOn, ExpiresOn                     time.Time
}

// Current reports assured on ≤ T < expires on, dates at 00:00 UTC.
func (e RegisterEntry) Current(T time.Time) bool {
	on := midnightUTC(e.AssuredOn)
	exp := e.ExpiresOn
	if exp.IsZero() {
		exp = addMonthsClamped(on, 12)
	}
	return !T.Before(on) && T.Before(midnightUTC(exp))
}

func midnightUTC(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// addMonthsClamped adds months, clamping to the month's last day (31 Jan +
// 1 month = 28/29 Feb), unlike time.AddDate which would roll over.
func addMonthsClamped(t time.Time, months int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(months), 1, 0, 0, 0, 0, time.UTC)
	last := jsonld.DaysIn(first.Year(), int(first.Month()))
	return time.Date(first.Year(), first.Month(), min(d, last), 0, 0, 0, 0, time.UTC)
}

// Norm is §8.9's norm(s): lower-case; delete ' and ’; every character that is
// not a letter or digit becomes a space; drop the words ltd, limited, cic,
// cio; collapse spaces; trim. Grant linking uses it too.
func Norm(s string) string {
	if n, ok := normASCII(s); ok {
		return n
	}
	return normText(s)
}

// normASCII is Norm for ASCII text, in one pass and one allocation; ok is
// false for any other text.
func normASCII(s string) (string, bool) {
	out := make([]byte, 0, len(s))
	word := -1 // where the current word starts in out, -1 between words
	for i := 0; i <= len(s); i++ {
		var c byte = ' ' // the end of s ends a word
		if i < len(s) {
			c = s[i]
		}
		switch {
		case c >= utf8.RuneSelf:
			return "", false
		case c == '\'':
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			word = startWord(&out, word)
			out = append(out, c)
		case 'A' <= c && c <= 'Z':
			word = startWord(&out, word)
			out = append(out, c+'a'-'A')
		case word >= 0:
			if dropWord(string(out[word:])) {
				out = out[:max(word-1, 0)] // and the space before it
			}
			word = -1
		}
	}
	return string(out), true
}

func startWord(out *[]byte, word int) int {
	if word >= 0 {
		return word
	}
	if len(*out) > 0 {
		*out = append(*out, ' ')
	}
	return len(*out)
}

// dropWord reports the words Norm drops.
func dropWord(w string) bool { return w == "ltd" || w == "limited" || w == "cic" || w == "cio" }

// normText is Norm for any text.
func normText(s string) string {
	s = strings.ToLower(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\'' || r == '’':
			return -1
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return r
		}
		return ' '
	}, s)
	words := strings.Fields(s)
	out := words[:0]
	for _, w := range words {
		switch w {
		case "ltd", "limited", "cic", "cio":
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// HostKey is §8.9's url key: host lower-cased, without port, trailing "."
// or one leading "www."; for shared booking hosts, host + first path
// segment. It returns "" for a string that is not an absolute http(s) URL.
func HostKey(raw string, shared []SharedHost) string { return splitHost(raw).key(shared) }

// hostParts is a URL read for HostKey once, before the shared hosts (which
// belong to the profile) are known: decoding an item stores it, so scoring
// never parses an organiser's url again.
type hostParts struct {
	host    string // "" when the string is not an absolute http(s) URL with a host
	withSeg string // host + "/" + first path segment
}

func splitHost(raw string) hostParts {
	if !jsonld.IsAbsURL(raw) {
		return hostParts{}
	}
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return hostParts{}
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	host = strings.TrimPrefix(host, "www.")
	seg, _, _ := strings.Cut(strings.TrimPrefix(u.EscapedPath(), "/"), "/")
	return hostParts{host: host, withSeg: host + "/" + seg}
}

// key is HostKey given the profile's shared hosts.
func (h hostParts) key(shared []SharedHost) string {
	for _, sh := range shared {
		if h.host == sh.Host || (sh.Subdomains && strings.HasSuffix(h.host, "."+sh.Host)) {
			return h.withSeg
		}
	}
	return h.host
}

type nameKey struct{ name, lad string }

// registerIndex finds register entries by each of the three keys.
type registerIndex struct {
	byID, byHost map[string][]int
	byName       map[nameKey][]int
	entries      []RegisterEntry
}

func newRegisterIndex(entries []RegisterEntry, p *Profile) *registerIndex {
	ix := &registerIndex{byID: map[string][]int{}, byHost: map[string][]int{}, byName: map[nameKey][]int{}, entries: entries}
	for i, e := range entries {
		if e.OrganiserID != "" {
			ix.byID[e.OrganiserID] = append(ix.byID[e.OrganiserID], i)
		}
		if k := HostKey(e.OrganiserURL, p.SharedHosts); k != "" {
			ix.byHost[k] = append(ix.byHost[k], i)
		}
		if n := Norm(e.OrganiserName); n != "" && e.LocalAuthority != "" {
			k := nameKey{n, e.LocalAuthority}
			ix.byName[k] = append(ix.byName[k], i)
		}
	}
	return ix
}

// empty reports a register with no entries, so no organiser can match.
func (ix *registerIndex) empty() bool { return len(ix.entries) == 0 }

// match returns the first current entry matching any key of the organiser.
func (ix *registerIndex) match(id, hostKey, name, lad string, T time.Time) (RegisterEntry, bool) {
	var lists [3][]int
	if id != "" {
		lists[0] = ix.byID[id]
	}
	if hostKey != "" {
		lists[1] = ix.byHost[hostKey]
	}
	if name != "" && lad != "" {
		lists[2] = ix.byName[nameKey{name, lad}]
	}
	for _, l := range lists {
		for _, i := range l {
			if ix.entries[i].Current(T) {
				return ix.entries[i], true
			}
		}
	}
	return RegisterEntry{}, false
}
