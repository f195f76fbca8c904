package oruk

import (
	"fmt"
	"strings"

	"github.com/feedgauge/feedgauge/internal/postcode"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// outcome is one check's result and the reason, for explanations.
type outcome struct {
	pass   bool
	reason string
}

func pass(format string, a ...any) outcome { return outcome{true, fmt.Sprintf(format, a...)} }
func fail(format string, a ...any) outcome { return outcome{false, fmt.Sprintf(format, a...)} }

// passing and failing are outcomes with a fixed reason.
func passing(reason string) outcome { return outcome{true, reason} }
func failing(reason string) outcome { return outcome{false, reason} }

// passBy and failBy are outcomes whose reason is formatted only when the
// view explains: readiness reads only whether each check passed, and
// formatting reasons was most of the cost of its checks. The closures
// do not escape, so they cost nothing.
func (v *view) passBy(reason func() string) outcome { return v.by(true, reason) }
func (v *view) failBy(reason func() string) outcome { return v.by(false, reason) }

func (v *view) by(pass bool, reason func() string) outcome {
	if v.quiet {
		return outcome{pass: pass}
	}
	return outcome{pass, reason()}
}

// completeness runs sv.1 … sv.10 in order.
func completeness(v *view) [10]outcome {
	return [10]outcome{svName(v), svDescription(v), svOrganisation(v), svContact(v), svLocation(v),
		svSchedule(v), svCost(v), svAge(v), svTaxonomy(v), svURL(v)}
}

func svName(v *view) outcome {
	n := jsonld.Len(text(v.svc, "name"))
	if n >= 1 && n <= 200 {
		return v.passBy(func() string { return fmt.Sprintf("name has %d characters", n) })
	}
	if n == 0 {
		return failing("no name")
	}
	return v.failBy(func() string { return fmt.Sprintf("name has %d characters, more than 200", n) })
}

func svDescription(v *view) outcome {
	s, _ := v.svc.Get("description").Str()
	n := jsonld.Len(jsonld.Trim(stripTags(s)))
	if n >= 30 {
		return v.passBy(func() string { return fmt.Sprintf("description has %d characters of text", n) })
	}
	return v.failBy(func() string { return fmt.Sprintf("description has %d characters of text; at least 30 are needed", n) })
}

func svOrganisation(v *view) outcome {
	if v.org != nil && text(v.org, "name") != "" {
		return v.passBy(func() string { return fmt.Sprintf("organization %q", text(v.org, "name")) })
	}
	if v.org != nil {
		return failing("the organization has no name")
	}
	return failing("no organization object")
}

func svContact(v *view) outcome {
	for h := range v.contactHolders {
		if e := text(h, "email"); validEmail(e) {
			return v.passBy(func() string { return fmt.Sprintf("e-mail %s", e) })
		}
	}
	for h := range v.contactHolders {
		for ph := range jsonld.EachObject(h.Get("phones")) {
			if n := text(ph, "number"); validPhone(n) {
				return v.passBy(func() string { return fmt.Sprintf("phone %s", n) })
			}
		}
	}
	return failing("no valid e-mail address or phone number on the service, its contacts or its organization")
}

func svLocation(v *view) outcome {
	for _, a := range v.addresses {
		if pc, ok := postcode.Normalise(text(a, "postal_code")); ok {
			return v.passBy(func() string { return fmt.Sprintf("postcode %s", pc) })
		}
	}
	if v.online && isAbsURLValue(v.svc.Get("url")) {
		return passing("an online service with a web address")
	}
	if len(v.locations) == 0 {
		return failing("no location")
	}
	return failing("no location address has a valid UK postcode")
}

// scheduleKeys are the fields that say when a schedule runs (v3 and v1).
var scheduleKeys = []string{"byday", "bymonthday", "dtstart", "opens_at", "valid_from", "freq", "weekday", "description"}

func svSchedule(v *view) outcome {
	for _, s := range v.schedules {
		for _, k := range scheduleKeys {
			if jsonld.Present(s.Get(k)) {
				return v.passBy(func() string { return fmt.Sprintf("a schedule with %s", k) })
			}
		}
	}
	return failing("no schedule saying when it runs")
}

func svCost(v *view) outcome {
	for _, c := range v.costs {
		if a := c.Get("amount"); jsonld.IsNumber(a) && jsonld.CmpNumber(a.S, "0") >= 0 {
			return v.passBy(func() string { return fmt.Sprintf("cost option amount %s", a.S) })
		}
		if jsonld.Present(c.Get("option")) || jsonld.Present(c.Get("amount_description")) {
			return passing("a cost option with a description")
		}
	}
	if text(v.svc, "fees") != "" {
		return v.passBy(func() string { return fmt.Sprintf("fees: %s", text(v.svc, "fees")) })
	}
	return failing("no cost option or fees")
}

func svAge(v *view) outcome {
	for h := range v.ageHolders {
		for _, k := range []string{"minimum_age", "maximum_age"} {
			if a := h.Get(k); jsonld.IsNumber(a) && jsonld.CmpNumber(a.S, "0") >= 0 {
				return v.passBy(func() string { return fmt.Sprintf("%s %s", k, a.S) })
			}
		}
	}
	return failing("no numeric minimum_age or maximum_age")
}

func svTaxonomy(v *view) outcome {
	for _, t := range v.terms {
		for _, k := range []string{"name", "term", "@id"} {
			if jsonld.Present(t.Get(k)) {
				return v.passBy(func() string { return fmt.Sprintf("a taxonomy term with %s", strings.TrimPrefix(k, "@")) })
			}
		}
	}
	if len(v.termIDs) > 0 {
		return passing("a taxonomy term id")
	}
	return failing("no taxonomy term")
}

func svURL(v *view) outcome {
	if isAbsURLValue(v.svc.Get("url")) {
		return v.passBy(func() string { return fmt.Sprintf("url %s", text(v.svc, "url")) })
	}
	if jsonld.Present(v.svc.Get("url")) {
		return v.failBy(func() string { return fmt.Sprintf("url %q is not an absolute http(s) address", text(v.svc, "url")) })
	}
	return failing("no url")
}

// validEmail is a plain shape check: one @, something before it, and a
// domain of two or more dot-separated labels, with no white space.
func validEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.ContainsRune(domain, '@') || strings.IndexFunc(s, jsonld.IsSpace) >= 0 {
		return false
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" {
			return false
		}
	}
	return true
}

// validPhone is a number with 10 to 15 digits (UK numbers have 10 or 11,
// with +44 up to 12).
func validPhone(s string) bool {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n >= 10 && n <= 15
}
