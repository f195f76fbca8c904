package report

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
)

// The Method sheet every workbook ends with: what the figures are, from
// which snapshot, computed how (scoring.md §5, §8.11, §8.13.2).

type methodLine struct{ item, value string }

// Widths of the Method sheet's two columns, in characters.
const (
	methodItemWidth  = 38
	methodValueWidth = 110
)

func (w *workbook) method() error {
	lines := w.methodLines()
	if err := w.pageSetup(MethodSheet, &SheetDef{Portrait: false}); err != nil {
		return err
	}
	if err := w.text(MethodSheet, 1, 1, "Method and provenance", w.styles.title); err != nil {
		return err
	}
	if err := w.text(MethodSheet, 1, 3, "Item", w.styles.header); err != nil {
		return err
	}
	if err := w.text(MethodSheet, 2, 3, "Value", w.styles.header); err != nil {
		return err
	}
	wrap, err := w.styles.cell("", true, "")
	if err != nil {
		return err
	}
	for i, l := range lines {
		style := wrap
		if l.value == "" {
			style = w.styles.title
			if err := w.f.SetRowHeight(MethodSheet, 4+i, 22); err != nil {
				return err
			}
		}
		if err := w.text(MethodSheet, 1, 4+i, l.item, style); err != nil {
			return err
		}
		if err := w.text(MethodSheet, 2, 4+i, l.value, wrap); err != nil {
			return err
		}
		if h := max(rowHeight(l.value, methodValueWidth), rowHeight(l.item, methodItemWidth)); h > lineHeight {
			if err := w.f.SetRowHeight(MethodSheet, 4+i, h); err != nil {
				return err
			}
		}
	}
	if err := w.f.SetColWidth(MethodSheet, "A", "A", methodItemWidth); err != nil {
		return err
	}
	return w.f.SetColWidth(MethodSheet, "B", "B", methodValueWidth)
}

func (w *workbook) methodLines() []methodLine {
	out := []methodLine{{"Report", ""},
		{"Title", w.vars.expand(w.def.Title)},
		{"What it shows", strings.TrimSpace(w.def.Description)},
		{"Parameters", w.paramLine()},
		{"Generated", w.vars["generated"] + " by feedgauge"},
		{"As at", w.asAt(w.snap)},
	}
	if w.def.Snapshot.PreviousFrom != "" {
		out = append(out, methodLine{"Compared with", w.asAt(w.prev)})
	}
	for _, l := range w.left {
		out = append(out, methodLine{"Sheet not available", l})
	}
	out = append(out, methodLine{"Snapshot provenance", ""})
	out = append(out, provenanceLines(w.snap, w.profileHash())...)
	out = append(out, methodLine{"How the figures are computed", ""})
	out = append(out, rules()...)
	return append(out, w.profileLines()...)
}

func (w *workbook) paramLine() string {
	var keys []string
	for _, p := range w.def.Params {
		keys = append(keys, p.Name)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		v := w.vars[k]
		if v == "" {
			v = "(all)"
		}
		if name := w.vars[k+".name"]; name != "" {
			v += " (" + name + ")"
		}
		if fin := w.vars[k+".financial"]; fin != "" {
			v += " (financial year " + fin + ")"
		}
		parts = append(parts, k+" = "+v)
	}
	return orDefault(strings.Join(parts, "; "), "none")
}

// asAt describes the snapshot a period's figures come from.
func (w *workbook) asAt(row map[string]any) string {
	t, ok := row["snapshot_t"].(time.Time)
	if !ok {
		return "no complete snapshot in that period: its figures are \"no data\""
	}
	return fmt.Sprintf("the snapshot taken at %s (%s UTC), the latest complete snapshot in the period",
		t.In(query.London).Format("2 January 2006 15:04 MST"), t.UTC().Format("2006-01-02 15:04"))
}

func provenanceLines(row map[string]any, profileHash string) []methodLine {
	get := func(k string) string { return orDefault(query.Cell(row[k]), "no data") }
	ph := get("profile_hash")
	if profileHash != "" && ph != profileHash {
		ph += " (this differs from the profile printed below, " + profileHash + ": the snapshot was scored with another profile)"
	}
	return []methodLine{
		{"Method version", get("method_version")},
		{"Scoring profile hash", ph},
		{"OpenActive Activity List hash", get("activity_list_hash")},
		{"OpenActive Facility Types hash", get("facility_types_hash")},
		{"OpenActive data models hash", get("models_hash")},
		{"Geography vintages", get("geo_vintages")},
		{"Assurance register revision", get("register_revision")},
		{"Datasets, feeds, activities in the snapshot", get("datasets") + ", " + get("feeds") + ", " + get("activities")},
		{"Snapshot started, finished (UTC)", get("started_at") + ", " + get("finished_at")},
		{"Data sources", "OpenActive open-data feeds (RPDE) harvested by feedgauge, each under its publisher's licence " +
			"(normally CC BY 4.0); the OpenActive Activity List, Facility Types and data models; ONS and NHS geography " +
			"files (Open Government Licence v3.0) at the vintages above; the local assurance register"},
	}
}

func rules() []methodLine {
	return []methodLine{
		{"Quarters", "Calendar quarters (Q1 = January to March) bounded at 00:00 Europe/London; a quarter's figures are those " +
			"of the last complete snapshot in the quarter. The UK financial-year label is also shown (2026Q3 = 2026/27 Q2)."},
		{"Means", "Exact means of the activities' whole-number scores, rounded half up to one decimal; activities with no " +
			"value are left out; a mean of nothing is \"no data\", never 0."},
		{"Grade and RAG", "From the mean rounded half up to a whole number: A ≥ 85, B ≥ 70, C ≥ 50, D below; " +
			"green = A or B, amber = C, red = D. \"No data\" has no grade."},
		{"Safety", "Text from feeds is shown as text, never run as a formula; text longer than Excel's 32,767-character " +
			"cell limit is cut with a marker."},
	}
}
