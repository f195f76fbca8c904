// Package assurance keeps a place's assurance register (scoring.md §4,
// §8.9): local checks that an organiser meets a scheme (a quality mark, a
// safeguarding check, "data confirmed"). Every change is a new revision row
// with who, when, and the entry before and after, so the register as of any
// time T can be rebuilt (the latest revision of each entry with change time
// ≤ T) and every change is auditable. Scoring reads it through Entries.
package assurance

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// Columns are the register file's columns, in the spec's order.
var Columns = []string{"organiser_id", "organiser_url", "organiser_name", "local_authority", "scheme", "assured_by",
	"assured_on", "expires_on", "evidence_url"}

// ErrInvalid marks an entry that breaks the register's rules.
var ErrInvalid = errors.New("invalid register entry")

var ladCode = regexp.MustCompile(`^(E0[6-9]|W06|S12|N09)[0-9]{6}$`)

var absURL = regexp.MustCompile(`^(?i:https?)://[^\s/?#]+(?:[/?#]\S*)?$`)

// Normalise trims every field, sets dates to 00:00 UTC and fills the
// default expiry: assured on + 12 months, or the last day of that month
// when the day does not exist.
func Normalise(e domain.RegisterEntry) domain.RegisterEntry {
	e.OrganiserID, e.OrganiserURL = strings.TrimSpace(e.OrganiserID), strings.TrimSpace(e.OrganiserURL)
	e.OrganiserName, e.Scheme = strings.TrimSpace(e.OrganiserName), strings.TrimSpace(e.Scheme)
	e.LocalAuthority = strings.ToUpper(strings.TrimSpace(e.LocalAuthority))
	e.AssuredBy, e.EvidenceURL = strings.TrimSpace(e.AssuredBy), strings.TrimSpace(e.EvidenceURL)
	e.AssuredOn = day(e.AssuredOn)
	if e.ExpiresOn.IsZero() && !e.AssuredOn.IsZero() {
		e.ExpiresOn = DefaultExpiry(e.AssuredOn)
	}
	e.ExpiresOn = day(e.ExpiresOn)
	return e
}

// DefaultExpiry is assured on + 12 months, clamped to the month's last day
// (29 February 2024 → 28 February 2025).
func DefaultExpiry(on time.Time) time.Time {
	y, m, d := on.UTC().Date()
	first := time.Date(y, m+12, 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d, last), 0, 0, 0, 0, time.UTC)
}

func day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Validate checks an entry against the register's rules and says what is
// wrong in words an admin can act on.
func Validate(e domain.RegisterEntry) error {
	var errs []string
	if e.OrganiserID == "" && e.OrganiserURL == "" && e.OrganiserName == "" {
		errs = append(errs, "give at least one of organiser_id, organiser_url and organiser_name")
	}
	if e.OrganiserID == "" && e.OrganiserURL == "" && e.OrganiserName != "" && e.LocalAuthority == "" {
		errs = append(errs, "an organiser_name matches only within a local_authority: give its LAD code (such as E08000009)")
	}
	if e.LocalAuthority != "" && !ladCode.MatchString(e.LocalAuthority) {
		errs = append(errs, fmt.Sprintf("local_authority %q is not a local authority district code such as E08000009", e.LocalAuthority))
	}
	if e.OrganiserURL != "" && !absURL.MatchString(e.OrganiserURL) {
		errs = append(errs, fmt.Sprintf("organiser_url %q is not a web address starting http:// or https://", e.OrganiserURL))
	}
	if e.EvidenceURL != "" && !absURL.MatchString(e.EvidenceURL) {
		errs = append(errs, fmt.Sprintf("evidence_url %q is not a web address starting http:// or https://", e.EvidenceURL))
	}
	if e.Scheme == "" {
		errs = append(errs, "scheme is empty: say what was checked (for example Quest, safeguarding check, data confirmed)")
	}
	if e.AssuredOn.IsZero() {
		errs = append(errs, "assured_on is missing")
	} else if !e.ExpiresOn.After(e.AssuredOn) {
		errs = append(errs, "expires_on must be after assured_on")
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %s", ErrInvalid, strings.Join(errs, "; "))
	}
	return nil
}

// IdentityID is the id an imported row gets: a hash of what identifies the
// check (scheme, organiser keys, local authority), so importing the same
// register again finds the same entries and a changed date is an edit.
func IdentityID(e domain.RegisterEntry) string {
	host := strings.ToLower(e.OrganiserURL)
	if u, err := url.Parse(e.OrganiserURL); err == nil && u.Host != "" {
		host = strings.TrimPrefix(strings.ToLower(u.Host), "www.") + strings.TrimSuffix(u.EscapedPath(), "/")
	}
	key := strings.Join([]string{strings.ToLower(e.Scheme), e.OrganiserID, host, norm(e.OrganiserName), e.LocalAuthority}, "\x1f")
	sum := sha256.Sum256([]byte(key))
	return "r-" + hex.EncodeToString(sum[:6])
}

// sameContent reports whether two entries say the same thing.
func sameContent(a, b domain.RegisterEntry) bool {
	return a.OrganiserID == b.OrganiserID && a.OrganiserURL == b.OrganiserURL && a.OrganiserName == b.OrganiserName &&
		a.LocalAuthority == b.LocalAuthority && a.Scheme == b.Scheme && a.AssuredBy == b.AssuredBy &&
		a.AssuredOn.Equal(b.AssuredOn) && a.ExpiresOn.Equal(b.ExpiresOn) && a.EvidenceURL == b.EvidenceURL
}

// Current reports whether an entry is current at T: assured on ≤ T <
// expires on, dates at 00:00 UTC.
func Current(e domain.RegisterEntry, T time.Time) bool {
	exp := e.ExpiresOn
	if exp.IsZero() {
		exp = DefaultExpiry(e.AssuredOn)
	}
	return !T.Before(day(e.AssuredOn)) && T.Before(day(exp))
}
