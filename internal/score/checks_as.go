package score

import (
	"net/url"
	"strings"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// readOrg reads one organizer or provider object for sp.7, sp.8, as.1–as.3
// and the organiser columns.
func readOrg(o *jsonld.Value, ms *memos) *orgFacts {
	f := &orgFacts{key: organiserKey(o)}
	name, _ := o.Get("name").Str()
	f.name, f.norm = jsonld.Trim(name), Norm(name)
	f.id, _ = jsonld.ID(o)
	u, _ := o.Get("url").Str()
	f.url = ms.splitHost(u)
	present := func(k string) bool { return jsonld.Present(o.Get(k)) }
	f.contact = present("email") || present("telephone") || hasContactPoint(o.Get("beta:contactPoint"))
	f.nameURL = present("name") && present("url")
	f.identified = present("name") && (present("url") || present("email") || present("telephone") || present("sameAs"))
	f.criteria = present("beta:formalCriteriaMet") || present("hasCredential") || hasTrustCert(o)
	return f
}

// asIdentified is as.1: a name and one of url, email, telephone, sameAs.
func asIdentified(orgs []*orgFacts) outcome {
	for _, o := range orgs {
		if o.identified {
			return pass()
		}
	}
	if len(orgs) == 0 {
		return fail("no organizer or provider")
	}
	return fail("no organiser has a name together with a url, email, telephone or sameAs")
}

// asCriteria is as.2: beta:formalCriteriaMet, hasCredential, or a
// beta:TrustCertification object at any depth of some organiser.
func asCriteria(orgs []*orgFacts) outcome {
	for _, o := range orgs {
		if o.criteria {
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
func asRegister(s *scorer, orgs []*orgFacts, lad string) outcome {
	if len(orgs) == 0 {
		return fail("no organiser to look up in the assurance register")
	}
	if !s.ref.register.empty() {
		shared := s.ref.Profile.SharedHosts
		for _, o := range orgs {
			if e, ok := s.ref.register.match(o.id, o.url.key(shared), o.norm, lad, s.T); ok {
				return outcome{pass: true, why: "register entry: " + e.Scheme}
			}
		}
	}
	return fail("no current assurance register entry matches the organiser")
}

// asLicence is as.5 (§8.8).
func asLicence(licence string) outcome {
	if licence == "https://creativecommons.org/licenses/by/4.0/" {
		return pass()
	}
	if licence == "" {
		return fail("the feed page has no license")
	}
	return fail("the feed page's license is " + licence + ", not https://creativecommons.org/licenses/by/4.0/")
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
