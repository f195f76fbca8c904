package grants

import (
	"fmt"
	"strings"
)

// fileChecks look across the valid grants: who funds them (more than one
// funder id in a file is critical in the DQ tool; here it is a warning,
// since GrantNav exports legitimately mix funders), and how many recipients
// can never be matched by org-id.
func fileChecks(valid []*record, rep *Report) {
	byID := map[string]*Funder{}
	var order []string
	internal, noID := 0, 0
	for _, rec := range valid {
		id := str(rec.Obj, "fundingOrganization", "0", "id")
		f := byID[id]
		if f == nil {
			f = &Funder{ID: id, Name: str(rec.Obj, "fundingOrganization", "0", "name")}
			byID[id] = f
			order = append(order, id)
		}
		f.Grants++
		rid := str(rec.Obj, "recipientOrganization", "0", "id")
		switch {
		case rid == "" && str(rec.Obj, "recipientOrganization", "0", "name") != "":
			noID++
		case IsInternalID(rid):
			internal++
		}
	}
	for _, id := range order {
		rep.Funders = append(rep.Funders, *byID[id])
	}
	if len(order) > 1 {
		rep.fileIssue(SevWarning, "multiple_funders", fmt.Sprintf("the file has %d funder identifiers (%s); each grant is filed under its own funder",
			len(order), clip(strings.Join(order, ", "))))
	}
	if internal > 0 {
		rep.fileIssue(SevInfo, "internal_recipient_ids", fmt.Sprintf(
			"%s a funder-internal 360G- identifier; feedgauge can link them by web address or a confirmed link, not by org-id. Adding charity or company numbers helps",
			plural(internal, "recipient has", "recipients have")))
	}
	if noID > 0 {
		rep.fileIssue(SevInfo, "no_recipient_ids", fmt.Sprintf("%s no Recipient Org:Identifier", plural(noID, "recipient has", "recipients have")))
	}
}
