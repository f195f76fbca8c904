package grants

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Checks beyond the schema: the 360Giving Data Quality tool's critical
// checks that matter for compliance (grants-facts §4.1), and the minimum a
// grant needs to be tracked at all. Errors stop the grant; warnings do not.

// checkGrant runs every check on one grant and returns its issues.
func checkGrant(sc *schemas, rec *record, now time.Time) []Issue {
	var out []Issue
	add := func(sev, code string, path []string, msg string) {
		is := issueAt(sc, rec, path, code, msg)
		is.Severity = sev
		out = append(out, is)
	}
	checkIDs(rec, add)
	checkAmount(rec, add)
	checkDates(rec, now, add)
	checkOrgNumbers(rec, add)
	checkLocations(rec, add)
	return out
}

type addFunc func(sev, code string, path []string, msg string)

// checkIDs: line breaks (critical in the DQ tool: such grants never appear
// in GrantNav), formula text, and org-id prefixes nobody recognises.
func checkIDs(rec *record, add addFunc) {
	ids := [][]string{{"id"}, {"fundingOrganization", "0", "id"}, {"recipientOrganization", "0", "id"}}
	for _, p := range ids {
		s, _ := valueAt(rec.Obj, p).(string)
		if s == "" {
			continue
		}
		if strings.ContainsAny(strings.TrimSpace(s), "\r\n") {
			add(SevError, "line_break_in_id", p, "contains a line break; identifiers must be one line")
		}
		if p[0] == "id" {
			if rec.Headers == nil && formulaLike(s) {
				add(SevError, "formula_text", p, "looks like a spreadsheet formula, which an identifier must never be")
			}
			continue
		}
		if !PrefixRecognised(s) {
			add(SevWarning, "unrecognised_org_id_prefix", p,
				"does not start with a list code from org-id.guide (such as GB-CHC-, GB-COH-, GB-CASC-) or 360G-, so it cannot be matched to other data")
		}
	}
}

// checkAmount: a £0 (or negative) award is not a grant anyone can be held
// to; critical in the DQ tool. Amounts given as text in JSON are read when
// unambiguous.
func checkAmount(rec *record, add addFunc) {
	p := []string{"amountAwarded"}
	switch v := rec.Obj["amountAwarded"].(type) {
	case json.Number:
		if f, err := v.Float64(); err == nil && f == 0 {
			add(SevError, "zero_amount", p, "is 0; a grant of nothing cannot be checked for compliance")
		} else if err == nil && f < 0 {
			add(SevError, "negative_amount", p, "is negative; give the amount awarded as a positive number")
		}
	case string:
		if n, repaired, ok := parseNumber(strings.TrimSpace(v)); ok {
			msg := "is written as text; read as " + n.String() + ". Write the amount as a plain number"
			if repaired {
				msg = "is written as text with a currency sign or commas; read as " + n.String() + ". Write plain numbers"
			}
			add(SevWarning, "number_as_text", p, msg) // before the repair, so the report shows what was written
			rec.Obj["amountAwarded"] = n
			checkAmount(rec, add)
		}
	}
}

// checkDates: real calendar dates (the schema's pattern accepts 31
// February), award dates in the future, planned start after end.
func checkDates(rec *record, now time.Time, add addFunc) {
	if s, ok := rec.Obj["awardDate"].(string); ok && len(s) >= 10 && plausibleDateShape(s) {
		d, ok := realDate(s)
		switch {
		case !ok:
			add(SevError, "impossible_date", []string{"awardDate"}, "is not a real calendar date")
		case d.After(now):
			add(SevWarning, "award_date_future", []string{"awardDate"}, "is in the future")
		}
	}
	start := str(rec.Obj, "plannedDates", "0", "startDate")
	end := str(rec.Obj, "plannedDates", "0", "endDate")
	if len(start) >= 10 && len(end) >= 10 && start[:10] > end[:10] {
		add(SevWarning, "planned_dates_order", []string{"plannedDates", "0", "startDate"}, "is after the planned end date "+end)
	}
}

func plausibleDateShape(s string) bool {
	return len(s) >= 10 && s[4] == '-' && s[7] == '-' && digits.MatchString(s[:4]+s[5:7]+s[8:10])
}

// checkOrgNumbers: charity and company numbers in the shapes the registers
// use; a 7-digit company number has lost its leading zero.
func checkOrgNumbers(rec *record, add addFunc) {
	base := []string{"recipientOrganization", "0"}
	if n := str(rec.Obj, "recipientOrganization", "0", "charityNumber"); n != "" && !charityNumberOK(n) {
		add(SevWarning, "charity_number_format", append(base, "charityNumber"), "is not a charity number (6 or 7 digits, optionally after two letters such as SC)")
	}
	if n := str(rec.Obj, "recipientOrganization", "0", "companyNumber"); n != "" && !companyNumberOK(n) {
		msg := "is not a company number (8 characters)"
		if digits.MatchString(n) && len(n) < 8 {
			msg += fmt.Sprintf("; did a spreadsheet drop leading zeros? It is probably %s", padCompany(n))
		}
		add(SevWarning, "company_number_format", append(base, "companyNumber"), msg)
	}
	id := strings.ToUpper(str(rec.Obj, "recipientOrganization", "0", "id"))
	if num, ok := strings.CutPrefix(id, "GB-CHC-"); ok && !charityNumberOK(num) {
		add(SevWarning, "org_id_number_format", append(base, "id"), "has a charity number that is not 6 or 7 digits")
	}
	if num, ok := strings.CutPrefix(id, "GB-COH-"); ok && !companyNumberOK(num) {
		add(SevWarning, "org_id_number_format", append(base, "id"), "has a company number that is not 8 characters")
	}
}

// checkLocations: a beneficiary geocode that is a postcode (critical in the
// DQ tool; personal data risk for small places).
func checkLocations(rec *record, add addFunc) {
	locs, _ := rec.Obj["beneficiaryLocation"].([]any)
	for i := range locs {
		p := []string{"beneficiaryLocation", fmt.Sprint(i), "geoCode"}
		if s, _ := valueAt(rec.Obj, p).(string); s != "" && looksLikePostcode(s) {
			add(SevWarning, "geocode_is_postcode", p, "looks like a postcode, not an ONS area code")
		}
	}
}

// minimumMissing lists what compliance tracking needs and the grant lacks:
// the grant's Identifier, the funder, a recipient, the amount, a real award
// date and the currency. Lenient imports still require all of these.
func minimumMissing(obj map[string]any) []string {
	var miss []string
	need := func(ok bool, what string) {
		if !ok {
			miss = append(miss, what)
		}
	}
	need(str(obj, "id") != "", "Identifier")
	need(str(obj, "fundingOrganization", "0", "id") != "", "Funding Org:Identifier")
	need(str(obj, "fundingOrganization", "0", "name") != "", "Funding Org:Name")
	need(str(obj, "recipientOrganization", "0", "name") != "" || str(obj, "recipientIndividual", "id") != "",
		"Recipient Org:Name (or Recipient Ind:Identifier)")
	_, isNum := obj["amountAwarded"].(json.Number)
	need(isNum, "Amount Awarded (a number)")
	_, dateOK := awardDate(obj)
	need(dateOK, "Award Date (a real date)")
	need(str(obj, "currency") != "", "Currency")
	return miss
}

// awardDate reads the award date's calendar date; the time of day "is never
// significant in Award Dates" (reference.md), so it is dropped.
func awardDate(obj map[string]any) (time.Time, bool) {
	s := str(obj, "awardDate")
	if !plausibleDateShape(s) || (len(s) > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') {
		return time.Time{}, false
	}
	return realDate(s)
}
