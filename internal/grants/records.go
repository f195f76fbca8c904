package grants

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// record is one grant as read from a file, before validation: its JSON
// object and where it came from.
type record struct {
	Row  int   // first spreadsheet row, or position in a JSON file (from 1)
	Rows []int // every row merged into it
	ID   string
	Obj  map[string]any
	// Headers maps a JSON path ("awardDate", "recipientOrganization/0/id")
	// to the column it came from, so issues name the column as written.
	Headers map[string]string
	Errors  int
	Lenient bool // imported although it fails the schema (lenient mode)
}

// mergeRows groups rows by Identifier. Rows sharing one are merged when
// later rows only repeat or add values (the 360Giving "multiple rows" rule);
// rows that disagree are all refused, because feedgauge cannot tell which
// is right.
func mergeRows(rows []flatRow, headers map[string]string, rep *Report) []*record {
	groups := map[string][]flatRow{}
	var order []string
	var out []*record
	for _, r := range rows {
		if r.ID == "" {
			rep.add(Issue{Severity: SevError, Code: "missing_identifier", Row: r.Row, Field: "Identifier",
				Message: "has no Identifier, so it cannot be imported or updated later"})
			out = append(out, &record{Row: r.Row, Rows: []int{r.Row}, Errors: 1})
			continue
		}
		if _, seen := groups[r.ID]; !seen {
			order = append(order, r.ID)
		}
		groups[r.ID] = append(groups[r.ID], r)
	}
	for _, id := range order {
		out = append(out, mergeGroup(groups[id], headers, rep))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Row < out[j].Row })
	return out
}

func mergeGroup(g []flatRow, headers map[string]string, rep *Report) *record {
	rec := &record{Row: g[0].Row, ID: g[0].ID, Headers: headers}
	values := map[string]any{}
	extras := map[string]string{}
	var conflicts []string
	identical := true
	for _, r := range g {
		rec.Rows = append(rec.Rows, r.Row)
		rec.Errors += r.Errors
		if !reflect.DeepEqual(r.Values, g[0].Values) || !reflect.DeepEqual(r.Extras, g[0].Extras) {
			identical = false
		}
		for _, k := range sortedKeys(r.Values) {
			if old, ok := values[k]; ok && !reflect.DeepEqual(old, r.Values[k]) {
				conflicts = append(conflicts, fmt.Sprintf("%s %s / %s", firstNonEmpty(headers[k], k), show(old), show(r.Values[k])))
				continue
			}
			values[k] = r.Values[k]
		}
		for k, v := range r.Extras {
			if old, ok := extras[k]; ok && old != v {
				conflicts = append(conflicts, fmt.Sprintf("%s %s / %s", k, clip(old), clip(v)))
				continue
			}
			extras[k] = v
		}
	}
	if len(g) > 1 {
		reportGroup(rec, conflicts, identical, rep)
		if len(conflicts) > 0 {
			rec.Errors++
			return rec
		}
	}
	rec.Obj = objectify(values, extras)
	return rec
}

func reportGroup(rec *record, conflicts []string, identical bool, rep *Report) {
	rows := rowList(rec.Rows)
	switch {
	case len(conflicts) > 0:
		if len(conflicts) > 3 {
			conflicts = append(conflicts[:3], "…")
		}
		rep.add(Issue{Severity: SevError, Code: "duplicate_identifier", Row: rec.Row, GrantID: rec.ID, Field: "Identifier",
			Message: fmt.Sprintf("is used by rows %s with different values (%s); none of these rows was imported. Give each grant its own Identifier",
				rows, strings.Join(conflicts, "; "))})
	case identical:
		rep.add(Issue{Severity: SevWarning, Code: "duplicate_row", Row: rec.Row, GrantID: rec.ID, Field: "Identifier",
			Message: fmt.Sprintf("rows %s are identical; the grant was imported once", rows)})
	default:
		rep.add(Issue{Severity: SevInfo, Code: "multiple_rows", Row: rec.Row, GrantID: rec.ID, Field: "Identifier",
			Message: fmt.Sprintf("rows %s share this Identifier and only add details, so they were merged (the 360Giving multiple-rows rule)", rows)})
	}
}

func rowList(rows []int) string {
	s := make([]string, len(rows))
	for i, r := range rows {
		s[i] = fmt.Sprint(r)
	}
	if len(s) > 6 {
		s = append(s[:6], "…")
	}
	return strings.Join(s, ", ")
}

// jsonRecords turns the grants of a JSON package into records. Grants that
// share an id are refused unless they are identical (then kept once).
func jsonRecords(grants []any, rep *Report) []*record {
	byID := map[string][]int{}
	recs := make([]*record, len(grants))
	for i, g := range grants {
		obj, ok := g.(map[string]any)
		rec := &record{Row: i + 1, Rows: []int{i + 1}}
		recs[i] = rec
		if !ok {
			rep.add(Issue{Severity: SevError, Code: "not_an_object", Row: i + 1, Message: "is not a JSON object, so it is not a grant"})
			rec.Errors++
			continue
		}
		rec.Obj = obj
		if id, ok := obj["id"].(string); ok && strings.TrimSpace(id) != "" {
			rec.ID = id
			byID[id] = append(byID[id], i)
		}
	}
	dropped := map[int]bool{}
	for _, id := range sortedKeys(byID) {
		if idx := byID[id]; len(idx) > 1 {
			markJSONDuplicates(recs, idx, rep)
			for _, j := range idx[1:] {
				dropped[j] = true
			}
		}
	}
	out := recs[:0]
	for i, r := range recs {
		if !dropped[i] {
			out = append(out, r)
		}
	}
	return out
}

func markJSONDuplicates(recs []*record, idx []int, rep *Report) {
	same := true
	rows := make([]int, len(idx))
	for i, j := range idx {
		rows[i] = j + 1
		same = same && reflect.DeepEqual(recs[j].Obj, recs[idx[0]].Obj)
	}
	first := recs[idx[0]]
	first.Rows = rows
	if same {
		reportGroup(first, nil, true, rep)
	} else {
		reportGroup(first, []string{"the grants differ"}, false, rep)
		first.Errors++
		first.Obj = nil
	}
}
