package oruk

import (
	"strings"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// statuses are the ORUK v3 service statuses.
var statuses = map[string]bool{"active": true, "inactive": true, "defunct": true, "temporarily closed": true}

// assurance runs sa.1 … sa.5 in order; sa.1 is the assured component.
func assurance(v *view, assured outcome) [5]outcome {
	return [5]outcome{assured, saAssurer(v), saAccreditations(v), saIdentifier(v), saWellFormed(v)}
}

func saAssurer(v *view) outcome {
	if e := text(v.svc, "assurer_email"); validEmail(e) {
		return pass("assurer %s", e)
	}
	return fail("no valid assurer_email")
}

func saAccreditations(v *view) outcome {
	if jsonld.Present(v.svc.Get("accreditations")) {
		return pass("accreditations given")
	}
	return fail("no accreditations")
}

func saIdentifier(v *view) outcome {
	for _, o := range v.orgs() {
		for _, id := range objects(o, "organization_identifiers") {
			if jsonld.Present(id.Get("identifier")) {
				scheme := text(id, "identifier_scheme")
				if scheme == "" {
					scheme = text(id, "identifier_type")
				}
				return pass("organisation identifier %s %s", scheme, text(id, "identifier"))
			}
		}
	}
	return fail("no organisation identifier")
}

// saWellFormed finds the first of these problems: no name; a status outside
// the ORUK list; a url, email or assurer_email present but malformed; a
// last_modified present but not a date-time; an assured_date present but
// not a date.
func saWellFormed(v *view) outcome {
	s := v.svc
	if text(s, "name") == "" {
		return fail("no name")
	}
	if st := text(s, "status"); !statuses[st] {
		return fail("status %q is not one of active, inactive, defunct, temporarily closed", st)
	}
	if jsonld.Present(s.Get("url")) && !isAbsURLValue(s.Get("url")) {
		return fail("url %q is not an absolute http(s) address", text(s, "url"))
	}
	for _, k := range []string{"email", "assurer_email"} {
		if jsonld.Present(s.Get(k)) && !validEmail(text(s, k)) {
			return fail("%s %q is not an e-mail address", k, strings.TrimSpace(text(s, k)))
		}
	}
	if lm := s.Get("last_modified"); jsonld.Present(lm) {
		if str, ok := lm.Str(); !ok || !isDateTime(jsonld.Trim(str)) {
			return fail("last_modified is not a date-time")
		}
	}
	if ad := s.Get("assured_date"); jsonld.Present(ad) {
		if str, ok := ad.Str(); !ok || !isDate(str) {
			return fail("assured_date is not a date")
		}
	}
	return pass("well-formed")
}

func isDateTime(s string) bool {
	_, ok := jsonld.ParseDateTime(s)
	return ok
}

func isDate(s string) bool {
	_, ok := readDate(s)
	return ok
}
