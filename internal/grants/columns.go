package grants

import (
	"strings"
)

// column is what one spreadsheet column holds: a JSON path into the grant
// (["recipientOrganization","0","id"]) and the schema node at its end, or
// nothing known (an extra column, kept under its own header).
type column struct {
	Index  int
	Header string // as written in the file
	Path   []string
	Leaf   *node
	Alias  string // the standard title a variant was read as, if any
}

func (c column) known() bool { return c.Leaf != nil }

// aliases are header variants seen in real files that mean a standard field
// (grants-facts §6), and GrantNav export columns (§4.3) kept in the same
// additional_data shape as GrantNav's JSON export.
var aliases = map[string]string{
	"programme name": "grant programme:title",
}

// grantNavColumns map GrantNav-only columns to additional_data keys.
var grantNavColumns = map[string]string{
	"recipient org:org id(s)":                           "recipientOrgIDs",
	"recipient org:canonical org id":                    "recipientOrgIDs",
	"best available recipient district geographic code": "recipientDistrictGeoCode",
	"recipient district geographic code":                "recipientDistrictGeoCode",
	"beneficiary district geographic code":              "beneficiaryDistrictGeoCode",
}

// extraLeaf marks an additional_data column: a list of org-ids or a code.
var (
	listLeaf = &node{Name: "recipientOrgIDs", Title: "Recipient Org: Org ID(s)", Type: "array", Items: &node{Type: "string"}}
	codeLeaf = &node{Name: "geoCode", Type: "string"}
)

// resolveColumns maps every header of a sheet to a column.
func resolveColumns(tree *node, header []string) []column {
	cols := make([]column, len(header))
	for i, h := range header {
		cols[i] = resolveHeader(tree, h)
		cols[i].Index = i
	}
	return cols
}

func resolveHeader(tree *node, header string) column {
	col := column{Header: header}
	h := normTitle(header)
	if key, ok := grantNavColumns[h]; ok {
		col.Path = []string{"additional_data", key}
		col.Leaf = codeLeaf
		if key == "recipientOrgIDs" {
			col.Leaf = listLeaf
		}
		return col
	}
	if a, ok := aliases[h]; ok {
		col.Alias, h = a, a
	}
	var path []string
	var leaf *node
	if strings.Contains(h, "/") && !strings.Contains(h, ":") {
		path, leaf = walk(tree, strings.Split(strings.Trim(header, "/ "), "/"), true)
	} else {
		path, leaf = walk(tree, strings.Split(h, ":"), false)
	}
	if leaf != nil {
		col.Path, col.Leaf = path, leaf
	}
	if col.Alias != "" && leaf != nil {
		col.Alias = tree.titleOf(path)
	}
	return col
}

// walk follows title (or JSON-name) segments down the schema. Arrays take
// an optional index segment; without one the column is the rolled-up first
// element.
func walk(tree *node, segs []string, byName bool) ([]string, *node) {
	var path []string
	cur := tree
	for i := 0; i < len(segs); i++ {
		c := cur.child(segs[i], byName)
		if c == nil {
			return nil, nil
		}
		path = append(path, c.Name)
		last := i == len(segs)-1
		switch {
		case c.Type == "array" && c.Items != nil && c.Items.Type == "object":
			idx := "0"
			if !last && isIndex(segs[i+1]) {
				idx = segs[i+1]
				i++
			}
			path = append(path, idx)
			cur = c.Items
		case c.Type == "object":
			cur = c
		default:
			if !last {
				return nil, nil
			}
			return path, c
		}
	}
	return nil, nil
}

// dateFields hold dates: Excel serial numbers in them are converted.
var dateFields = map[string]bool{
	"awardDate": true, "dateModified": true, "startDate": true, "endDate": true,
	"transactionDate": true, "valueDate": true,
}

// dateTimeFields must be full date-times (Last Modified).
var dateTimeFields = map[string]bool{"dateModified": true}
