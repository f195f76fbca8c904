package grants

import (
	"regexp"
	"strings"
)

// Organisation identifiers (org-ids, grants-facts §3): a list code such as
// GB-CHC plus the identifier from that list. Linking compares canonical
// forms, so every org-id from a grant, a publisher or an organiser goes
// through CanonicalOrgID first.

// gbLists are the UK list codes registered at org-id.guide (org-id/register
// lists/gb/*.json) plus the 360Giving internal prefix.
var gbLists = map[string]bool{
	"CASC": true, "CCSCUST": true, "CHC": true, "COA": true, "COE": true, "COH": true, "CR": true,
	"EDU": true, "GOR": true, "GOV": true, "GOVUK": true, "HESA": true, "IRN": true, "LAE": true,
	"LANI": true, "LAS": true, "MPR": true, "NHS": true, "NIC": true, "PLA": true, "PPG": true,
	"REV": true, "SC": true, "SCOTEDU": true, "SHPE": true, "SRS": true, "UKPRN": true, "WALEDU": true,
}

var orgIDShape = regexp.MustCompile(`^([A-Z]{2})-([A-Z0-9]+)-(\S+)$`)

// countryCodes is filled from the standard's countryCode codelist, plus the
// org-id.guide pseudo-countries XI (international) and XM (multilateral).
var countryCodes = map[string]bool{"XI": true, "XM": true}

// IsInternalID reports a funder-internal 360G- identifier, unique only
// within its funder and never matched across funders.
func IsInternalID(id string) bool {
	return strings.HasPrefix(strings.ToUpper(strings.TrimSpace(id)), "360G-")
}

// PrefixRecognised reports whether an identifier starts with a list code
// org-id.guide knows (UK lists by name, other countries by country code) or
// with 360G-.
func PrefixRecognised(id string) bool {
	id = strings.ToUpper(strings.TrimSpace(id))
	if strings.HasPrefix(id, "360G-") {
		return true
	}
	m := orgIDShape.FindStringSubmatch(id)
	if m == nil {
		return false
	}
	if m[1] == "GB" {
		return gbLists[m[2]]
	}
	return countryCodes[m[1]]
}

// CanonicalOrgID returns the comparable form of an org-id: upper case,
// spaces removed, a Companies House number padded to 8 characters. It
// returns "" for something that is not a registered org-id (empty, internal
// 360G- ids, unrecognised prefixes), so such ids never link.
func CanonicalOrgID(id string) string {
	id = strings.ToUpper(strings.Join(strings.Fields(id), ""))
	if id == "" || IsInternalID(id) || !PrefixRecognised(id) {
		return ""
	}
	if num, ok := strings.CutPrefix(id, "GB-COH-"); ok {
		if num = padCompany(num); !companyShape.MatchString(num) {
			return ""
		}
		return "GB-COH-" + num
	}
	if num, ok := strings.CutPrefix(id, "GB-CHC-"); ok && !charityDigits.MatchString(num) {
		return ""
	}
	return id
}

// charityDigits is a Charity Commission number: 6 or 7 digits (5-digit
// numbers from the oldest registrations are accepted too).
var charityDigits = regexp.MustCompile(`^[0-9]{5,7}$`)

var digits = regexp.MustCompile(`^[0-9]+$`)

// padCompany restores the leading zeros spreadsheets drop from company
// numbers (8 characters, identifiers.md).
func padCompany(n string) string {
	if digits.MatchString(n) && len(n) < 8 {
		return strings.Repeat("0", 8-len(n)) + n
	}
	return n
}

// CharityOrgID turns a Charity Number column into an org-id: SC… is OSCR
// (GB-SC), NI… / NIC… is Northern Ireland (GB-NIC), 5-7 digits are England
// and Wales (GB-CHC). It returns "" for anything else.
func CharityOrgID(n string) string {
	n = strings.ToUpper(strings.Join(strings.Fields(n), ""))
	switch {
	case n == "":
		return ""
	case strings.HasPrefix(n, "GB-"):
		return CanonicalOrgID(n)
	case strings.HasPrefix(n, "SC") && digits.MatchString(n[2:]):
		return "GB-SC-" + n
	case strings.HasPrefix(n, "NIC") && digits.MatchString(n[3:]):
		return "GB-NIC-" + n[3:]
	case strings.HasPrefix(n, "NI") && digits.MatchString(n[2:]):
		return "GB-NIC-" + n[2:]
	case charityDigits.MatchString(n):
		return "GB-CHC-" + n
	}
	return ""
}

var companyShape = regexp.MustCompile(`^[A-Z0-9]{8}$`)

// CompanyOrgID turns a Company Number column into a GB-COH org-id, padding
// a number that lost its leading zeros; "" when it is not a company number.
func CompanyOrgID(n string) string {
	n = strings.ToUpper(strings.Join(strings.Fields(n), ""))
	if strings.HasPrefix(n, "GB-") {
		return CanonicalOrgID(n)
	}
	n = padCompany(n)
	if !companyShape.MatchString(n) {
		return ""
	}
	return "GB-COH-" + n
}

var charityNumber = regexp.MustCompile(`^([A-Z]{2})?[0-9]{6,7}$`)

// charityNumberOK is the Data Quality tool's test: 6 or 7 digits after
// stripping two leading letters.
func charityNumberOK(n string) bool {
	return charityNumber.MatchString(strings.ToUpper(strings.TrimSpace(n)))
}

var companyNumber = regexp.MustCompile(`^\w{8}$`)

// companyNumberOK is the Data Quality tool's test: 8 word characters.
func companyNumberOK(n string) bool { return companyNumber.MatchString(strings.TrimSpace(n)) }

// districtCode reports an ONS local-authority district code (E06/E07/E08/E09
// English districts, W06 Welsh, S12 Scottish, N09 Northern Irish).
func districtCode(code string) bool {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) != 9 {
		return false
	}
	switch code[:3] {
	case "E06", "E07", "E08", "E09", "W06", "S12", "N09":
		return digits.MatchString(code[3:])
	}
	return false
}
