package grants

import "testing"

func TestCanonicalOrgID(t *testing.T) {
	cases := map[string]string{
		"GB-CHC-1164883":    "GB-CHC-1164883",
		" gb-coh-5465848 ":  "GB-COH-05465848", // leading zero restored
		"GB-COH-RC000766":   "GB-COH-RC000766", // Royal Charter
		"GB-COH-123456789":  "",                // not a company number
		"GB-CHC-Exempt":     "",
		"GB-SC-SC009481":    "GB-SC-SC009481",
		"GB-CASC-9abbf705":  "GB-CASC-9ABBF705",
		"US-EIN-13-3458820": "US-EIN-13-3458820", // other countries: by country code
		"360G-trafford-x":   "",                  // internal ids never link
		"RUBBISH1-GB-CHC-0": "",
		"XX-ABC-1":          "",
	}
	for in, want := range cases {
		if got := CanonicalOrgID(in); got != want {
			t.Errorf("CanonicalOrgID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNumbersToOrgIDs(t *testing.T) {
	charity := map[string]string{"1113664": "GB-CHC-1113664", "SC009481": "GB-SC-SC009481", "NIC100012": "GB-NIC-100012",
		"06402143": "", "N/A": "", "XR86461": ""}
	for in, want := range charity {
		if got := CharityOrgID(in); got != want {
			t.Errorf("CharityOrgID(%q) = %q, want %q", in, got, want)
		}
	}
	company := map[string]string{"5465848": "GB-COH-05465848", "05465848": "GB-COH-05465848", "SC123456": "GB-COH-SC123456", "12-34": ""}
	for in, want := range company {
		if got := CompanyOrgID(in); got != want {
			t.Errorf("CompanyOrgID(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNorm: scoring.md §8.9's norm().
func TestNorm(t *testing.T) {
	cases := map[string]string{
		"Sale Harriers Ltd":           "sale harriers",
		"St John’s Ambulance LIMITED": "st johns ambulance",
		"  Urmston   Boxing CIC ":     "urmston boxing",
		"Age UK (Trafford) C.I.O.":    "age uk trafford c i o",
		"Café-Bar & Grill cio":        "café bar grill",
		"Lostock's 5-a-side Ltd.":     "lostocks 5 a side",
	}
	for in, want := range cases {
		if got := Norm(in); got != want {
			t.Errorf("Norm(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDomainMatch: registrable domains with www. and subdomains dropped;
// shared platforms never match; different first path segments on the same
// domain do not match.
func TestDomainMatch(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"http://stretfordcycling.org.uk", "https://www.stretfordcycling.org.uk/sessions", true},
		{"www.club.co.uk", "https://bookings.club.co.uk/", true},
		{"https://www.ageuk.org.uk/trafford/", "https://www.ageuk.org.uk/salford/", false},
		{"https://www.ageuk.org.uk/trafford/", "https://www.ageuk.org.uk/trafford/activities", true},
		{"https://club.org.uk", "https://otherclub.org.uk", false},
		{"https://goteamup.com/partington", "https://goteamup.com/partington", false},
		{"https://x.playwaze.com/", "https://x.playwaze.com/", false},
		{"not a url", "https://club.org.uk", false},
	}
	for _, c := range cases {
		ka, okA := parseWeb(c.a)
		kb, okB := parseWeb(c.b)
		got := okA && okB && !sharedHost(c.a, DefaultSharedHosts) && !sharedHost(c.b, DefaultSharedHosts) && sameSite(ka, kb)
		if got != c.want {
			t.Errorf("%s ~ %s = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestDeclaredIdentifiers(t *testing.T) {
	cases := map[string]string{
		"https://findthatcharity.uk/orgid/GB-CHC-1143362": "GB-CHC-1143362",
		"GB-CHC 1143362":  "GB-CHC-1143362",
		"gb-coh:5465848":  "GB-COH-05465848",
		"GB-CHC-1143362":  "GB-CHC-1143362",
		"charity 1143362": "",
	}
	for in, want := range cases {
		if got := canonicalDeclared(in); got != want {
			t.Errorf("canonicalDeclared(%q) = %q, want %q", in, got, want)
		}
	}
}
