package grants

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// readJSON reads a 360Giving JSON package ({"grants": [...]} plus optional
// metadata), checks the package metadata against the package schema and
// returns the grants as records.
func readJSON(sc *schemas, b []byte, rep *Report) ([]*record, error) {
	rep.Encoding = "utf-8"
	if bytes.HasPrefix(b, utf8BOM) {
		b, rep.Encoding = b[3:], "utf-8 (with byte-order mark)"
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		rep.fileIssue(SevError, "json_unreadable", "the file is not valid JSON: "+err.Error())
		return nil, errNotUsable
	}
	pkg, ok := doc.(map[string]any)
	if !ok {
		rep.fileIssue(SevError, "not_360giving", `this is not a 360Giving file: a 360Giving JSON file is an object {"grants": [...]}, but this file holds a JSON list`)
		return nil, errNotUsable
	}
	grants, ok := pkg["grants"].([]any)
	if !ok {
		keys := clip(strings.Join(sortedKeys(pkg), ", "))
		rep.fileIssue(SevError, "not_360giving", `this is not a 360Giving file: it has no "grants" list (its top-level keys are: `+keys+")")
		return nil, errNotUsable
	}
	if len(grants) == 0 {
		rep.fileIssue(SevError, "no_grants", "the file's grants list is empty")
		return nil, errNotUsable
	}
	checkPackage(sc, pkg, grants[0], rep)
	return jsonRecords(grants, rep), nil
}

// checkPackage validates the package metadata (publisher, licence, dates)
// against the package schema. Grants are validated one by one elsewhere, so
// the envelope carries only the first grant and errors under /grants are
// ignored here. Metadata problems are warnings: they never stop an import.
func checkPackage(sc *schemas, pkg map[string]any, first any, rep *Report) {
	env := make(map[string]any, len(pkg))
	for k, v := range pkg {
		env[k] = v
	}
	env["grants"] = []any{first}
	err := sc.pkg.Validate(env)
	var ve *jsonschema.ValidationError
	if err == nil || !errors.As(err, &ve) {
		return
	}
	for _, leaf := range leaves(ve) {
		if len(leaf.InstanceLocation) > 0 && leaf.InstanceLocation[0] == "grants" {
			continue
		}
		where := "/" + strings.Join(leaf.InstanceLocation, "/")
		rep.fileIssue(SevWarning, "package_metadata", fmt.Sprintf("package metadata %s: %s", where, leaf.ErrorKind.LocalizedString(printer)))
	}
}

func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}
