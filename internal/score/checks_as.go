package score

import (
	"net/url"
	"strings"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// asIdentified is as.1: a name and one of url, email, telephone, sameAs.
func asIdentified(orgs []*jsonld.Value) outcome {
	for _, o := range orgs {
		if !jsonld.Present(o.Get("name")) {
			continue
		}
		for _, k := range [...]string{"url", "email", "telephone", "sameAs"} {
			if jsonld.Present(o.Get(k)) {
				return pass()
			}
		}
	}
	if len(orgs) == 0 {
		return fail("no organizer or provider")
	}
	return fail("no organiser has a name together with a url, email, telephone or sameAs")
}

// asCriteria is as.2: beta:formalCriteriaMet, hasCredential, or a
// beta:TrustCertification object at any depth of some organiser.
func asCriteria(orgs []*jsonld.Value) outcome {
	for _, o := range orgs {
		if jsonld.Present(o.Get("beta:formalCriteriaMet")) || jsonld.Present(o.Get("hasCredential")) || hasTrustCert(o) {
			return pass()
		}
	}
	return fail("no organiser publishes beta:formalCriteriaMet, hasCredential or a beta:TrustCertification")
}

func hasTrustCert(v *jsonld.Value) bool {
	switch v.Kind {
	case jsonld.Object:
		if jsonld.TypeOf(v) == "beta:TrustCertification" {
			return true
		}
		for _, m := range v.O {
			if hasTrustCert(m.Val) {
				return true
			}
		}
	case jsonld.Array:
		for _, e := range v.A {
			if hasTrustCert(e) {
				return true
			}
		}
	}
	return false
}

// asRegister is as.3: some organiser matches a current register entry by
// @id, url host key, or normalised name in the activity's local authority.
func asRegister(s *scorer, orgs []*jsonld.Value, lad string) outcome {
	p := s.ref.Profile
	for _, o := range orgs {
		id, _ := jsonld.ID(o)
		u, _ := o.Get("url").Str()
		name, _ := o.Get("name").Str()
		if e, ok := s.ref.register.match(id, HostKey(u, p.SharedHosts), Norm(name), lad, s.T); ok {
			return outcome{pass: true, why: "register entry: " + e.Scheme}
		}
	}
	if len(orgs) == 0 {
		return fail("no organiser to look up in the assurance register")
	}
	return fail("no current assurance register entry matches the organiser")
}

// asLicence is as.5 (§8.8).
func asLicence(a *activity) outcome {
	if a.doc.item.License == "https://creativecommons.org/licenses/by/4.0/" {
		return pass()
	}
	if a.doc.item.License == "" {
		return fail("the feed page has no license")
	}
	return fail("the feed page's license is " + a.doc.item.License + ", not https://creativecommons.org/licenses/by/4.0/")
}

// organiserKey is §8.5's key: @id, else lower-cased url host + path, else
// the normalised name.
func organiserKey(o *jsonld.Value) string {
	if id, ok := jsonld.ID(o); ok && jsonld.Trim(id) != "" {
		return id
	}
	if s, ok := o.Get("url").Str(); ok && jsonld.IsAbsURL(s) {
		if u, err := url.Parse(s); err == nil && u.Host != "" {
			return strings.ToLower(u.Host + u.Path)
		}
	}
	name, _ := o.Get("name").Str()
	return Norm(name)
}
