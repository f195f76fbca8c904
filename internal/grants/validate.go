package grants

import (
	"errors"
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

var printer = message.NewPrinter(language.English)

// schemaIssues validates one grant against the 360Giving grant schema and
// turns the validator's error tree into issues that name the row and the
// column ("Award Date: '24/07/2014' is not a date …").
func schemaIssues(sc *schemas, rec *record) []Issue {
	err := sc.grant.Validate(rec.Obj)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []Issue{{Severity: SevError, Code: "schema", Row: rec.Row, GrantID: rec.ID, Message: err.Error()}}
	}
	var out []Issue
	collect(sc, rec, ve, &out)
	return out
}

func collect(sc *schemas, rec *record, e *jsonschema.ValidationError, out *[]Issue) {
	switch k := e.ErrorKind.(type) {
	case *kind.OneOf:
		if len(e.InstanceLocation) == 0 {
			*out = append(*out, recipientIssues(sc, rec, e, k)...)
			return
		}
		*out = append(*out, issueAt(sc, rec, e.InstanceLocation, "schema", dateMessage(e.InstanceLocation)))
		return
	case *kind.Group, *kind.Schema, *kind.Reference, *kind.AllOf:
		for _, c := range e.Causes {
			collect(sc, rec, c, out)
		}
		return
	case *kind.Required:
		for _, m := range k.Missing {
			path := append(append([]string(nil), e.InstanceLocation...), m)
			*out = append(*out, issueAt(sc, rec, path, "schema_required", "is required but missing"))
		}
		return
	}
	*out = append(*out, issueAt(sc, rec, e.InstanceLocation, "schema", leafMessage(e)))
}

// recipientIssues explains the grant schema's top-level oneOf: the required
// fields, with either a recipient organisation or an individual.
func recipientIssues(sc *schemas, rec *record, e *jsonschema.ValidationError, k *kind.OneOf) []Issue {
	if len(k.Subschemas) > 1 {
		return []Issue{issueAt(sc, rec, []string{"recipientIndividual"}, "recipient_both",
			"is given as well as Recipient Org; a grant has one or the other, never both")}
	}
	missing := map[string]int{}
	for _, c := range e.Causes {
		for _, m := range requiredMissing(c) {
			missing[m]++
		}
	}
	var out []Issue
	for _, m := range sortedKeys(missing) {
		if missing[m] == len(e.Causes) {
			out = append(out, issueAt(sc, rec, []string{m}, "schema_required", "is required but missing"))
		}
	}
	if missing["recipientOrganization"] > 0 && missing["recipientIndividual"] > 0 {
		out = append(out, Issue{Severity: SevError, Code: "schema_required", Row: rec.Row, GrantID: rec.ID, Field: "Recipient Org:Identifier",
			Message: "the grant has no recipient: give Recipient Org:Identifier and Recipient Org:Name (or, for a grant to a person, Recipient Ind:Identifier and Recipient Ind:Name)"})
	}
	return out
}

func requiredMissing(e *jsonschema.ValidationError) []string {
	if r, ok := e.ErrorKind.(*kind.Required); ok {
		return r.Missing
	}
	var out []string
	for _, c := range e.Causes {
		out = append(out, requiredMissing(c)...)
	}
	return out
}

func dateMessage(path []string) string {
	switch path[len(path)-1] {
	case "startDate", "endDate":
		return "is not a date: write YYYY-MM-DD (or YYYY-MM, or YYYY when the day is not known) or a date-time like 2024-01-31T00:00:00Z"
	}
	return "is not a date: write YYYY-MM-DD (for example 2014-07-24) or a date-time like 2024-01-31T00:00:00Z"
}

func leafMessage(e *jsonschema.ValidationError) string {
	switch k := e.ErrorKind.(type) {
	case *kind.Type:
		return fmt.Sprintf("should be %s, not %s", strings.Join(k.Want, " or "), k.Got)
	case *kind.Format:
		switch k.Want {
		case "date-time":
			return "is not a full date-time: write it like 2024-01-31T09:30:00Z"
		case "uri":
			return "is not a web address: write it in full, starting https://"
		}
		return "is not a valid " + k.Want
	case *kind.Enum:
		if len(k.Want) > 8 {
			return "is not one of the codes the standard allows (see its codelist)"
		}
	case *kind.MinItems:
		return "must have at least one entry"
	}
	return e.ErrorKind.LocalizedString(printer)
}

// issueAt builds an issue for a JSON path, naming the column as the file
// wrote it when the grant came from a spreadsheet.
func issueAt(sc *schemas, rec *record, path []string, code, msg string) Issue {
	key := strings.Join(path, "/")
	field := rec.Headers[key]
	if field == "" {
		field = sc.tree.titleOf(path)
	}
	return Issue{Severity: SevError, Code: code, Row: rec.Row, GrantID: rec.ID, Field: field,
		Path: "/" + key, Value: show(valueAt(rec.Obj, path)), Message: msg}
}

// valueAt reads a value by JSON path; nil when absent.
func valueAt(v any, path []string) any {
	for _, p := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			i := atoi(p)
			if !isIndex(p) || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// str reads a string by JSON path, trimmed; "" when absent or not text.
func str(v any, path ...string) string {
	s, _ := valueAt(v, path).(string)
	return strings.TrimSpace(s)
}
