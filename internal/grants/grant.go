package grants

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strings"
	"time"
)

// Grant is one grant as feedgauge keeps it: the fields compliance and
// linking use, plus the grant's whole 360Giving JSON in Data.
type Grant struct {
	FunderID, FunderName string
	ID                   string // the grant's Identifier
	Title                string
	Currency             string
	Amount               float64
	AwardDate            time.Time // 00:00 UTC of the award's calendar date
	// RecipientKey is what links attach to: the recipient's registered
	// org-id when it has one (so links serve every funder's grants to it),
	// else an id scoped to the funder.
	RecipientKey   string
	RecipientID    string
	RecipientName  string
	CharityNumber  string
	CompanyNumber  string
	Postcode       string
	URL            string
	OrgIDs         []string // every registered org-id known for the recipient, canonical
	LAD            string   // the recipient's (else the beneficiaries') local authority
	Individual     bool
	ProgrammeCode  string
	ProgrammeTitle string
	Beneficiaries  []string // beneficiary location geocodes
	PlannedStart   string
	PlannedEnd     string
	PlannedMonths  *float64
	SchemaValid    bool
	Data           json.RawMessage
	Hash           string
	ImportID       string
	FirstImportID  string
	ImportedAt     time.Time
}

// grantFrom reads a validated record into a Grant.
func grantFrom(rec *record) Grant {
	o := rec.Obj
	g := Grant{
		FunderID: str(o, "fundingOrganization", "0", "id"), FunderName: str(o, "fundingOrganization", "0", "name"),
		ID: strings.TrimSpace(rec.ID), Title: str(o, "title"), Currency: str(o, "currency"),
		RecipientID: str(o, "recipientOrganization", "0", "id"), RecipientName: str(o, "recipientOrganization", "0", "name"),
		CharityNumber: str(o, "recipientOrganization", "0", "charityNumber"),
		CompanyNumber: str(o, "recipientOrganization", "0", "companyNumber"),
		Postcode:      str(o, "recipientOrganization", "0", "postalCode"), URL: str(o, "recipientOrganization", "0", "url"),
		ProgrammeCode: str(o, "grantProgramme", "0", "code"), ProgrammeTitle: str(o, "grantProgramme", "0", "title"),
		PlannedStart: str(o, "plannedDates", "0", "startDate"), PlannedEnd: str(o, "plannedDates", "0", "endDate"),
		SchemaValid: !rec.Lenient,
	}
	if g.RecipientName == "" {
		g.Individual = true
		g.RecipientID, g.RecipientName = str(o, "recipientIndividual", "id"), str(o, "recipientIndividual", "name")
	}
	if n, ok := o["amountAwarded"].(json.Number); ok {
		g.Amount, _ = n.Float64()
	}
	g.AwardDate, _ = awardDate(o)
	if n, ok := valueAt(o, []string{"plannedDates", "0", "duration"}).(json.Number); ok {
		if f, err := n.Float64(); err == nil {
			g.PlannedMonths = &f
		}
	}
	g.OrgIDs = recipientOrgIDs(o)
	g.Beneficiaries, g.LAD = locations(o)
	g.RecipientKey = recipientKey(g)
	g.Data, _ = json.Marshal(o)
	sum := sha256.Sum256(g.Data)
	g.Hash = hex.EncodeToString(sum[:])
	return g
}

// recipientOrgIDs gathers every registered org-id for the recipient: its
// Identifier, its Charity and Company Numbers as org-ids, and the equivalent
// ids a GrantNav export adds (additional_data).
func recipientOrgIDs(o map[string]any) []string {
	set := map[string]bool{}
	add := func(id string) {
		if id != "" {
			set[id] = true
		}
	}
	add(CanonicalOrgID(str(o, "recipientOrganization", "0", "id")))
	add(CharityOrgID(str(o, "recipientOrganization", "0", "charityNumber")))
	add(CompanyOrgID(str(o, "recipientOrganization", "0", "companyNumber")))
	add(CanonicalOrgID(str(o, "additional_data", "recipientOrganizationCanonical", "id")))
	for _, v := range list(valueAt(o, []string{"additional_data", "recipientOrgIDs"})) {
		add(CanonicalOrgID(v))
	}
	infos, _ := valueAt(o, []string{"additional_data", "recipientOrgInfos"}).([]any)
	for _, info := range infos {
		for _, v := range list(valueAt(info, []string{"orgIDs"})) {
			add(CanonicalOrgID(v))
		}
	}
	out := sortedKeys(set)
	return out
}

func list(v any) []string {
	arr, _ := v.([]any)
	var out []string
	for _, e := range arr {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// locations returns the beneficiary geocodes and the local authority used
// for name suggestions: GrantNav's recipient district, else a district
// code among the recipient's locations, else among the beneficiaries'.
func locations(o map[string]any) ([]string, string) {
	var codes []string
	lad := ""
	for _, p := range [][]string{{"additional_data", "recipientDistrictGeoCode"}, {"additional_data", "beneficiaryDistrictGeoCode"}} {
		if c := str(o, p...); lad == "" && districtCode(c) {
			lad = strings.ToUpper(c)
		}
	}
	recLocs, _ := valueAt(o, []string{"recipientOrganization", "0", "location"}).([]any)
	for _, l := range recLocs {
		if c := str(l, "geoCode"); lad == "" && districtCode(c) {
			lad = strings.ToUpper(c)
		}
	}
	benLocs, _ := o["beneficiaryLocation"].([]any)
	for _, l := range benLocs {
		c := str(l, "geoCode")
		if c == "" {
			continue
		}
		codes = append(codes, c)
		if lad == "" && districtCode(c) {
			lad = strings.ToUpper(c)
		}
	}
	sort.Strings(codes)
	return codes, lad
}

// recipientKey: a registered org-id is global; an internal 360G- id, a
// missing id and an individual are scoped to the funder.
func recipientKey(g Grant) string {
	if id := CanonicalOrgID(g.RecipientID); id != "" {
		return id
	}
	switch {
	case g.Individual:
		return g.FunderID + "/individual:" + g.RecipientID
	case g.RecipientID != "":
		return g.FunderID + "/" + g.RecipientID
	}
	return g.FunderID + "/name:" + Norm(g.RecipientName)
}
