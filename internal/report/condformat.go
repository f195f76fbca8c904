package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// rule is one "colour cells where value op x" condition.
type rule struct {
	op, value, colour string
	fontOnly          bool
}

// ragRules are the board's red/amber/green conventions (scoring.md §5):
// green = A or B, amber = C, red = D; a score (a mean to one decimal)
// takes the grade of its value rounded half up, so 69.5 is green.
var ragRules = map[string][]rule{
	"grade":  {{"==", `"A"`, "green", false}, {"==", `"B"`, "green", false}, {"==", `"C"`, "amber", false}, {"==", `"D"`, "red", false}},
	"rag":    {{"==", `"green"`, "green", false}, {"==", `"amber"`, "amber", false}, {"==", `"red"`, "red", false}},
	"score":  {{">=", "69.5", "green", false}, {">=", "49.5", "amber", false}, {"<", "49.5", "red", false}},
	"change": {{">", "0", "green", true}, {"<", "0", "red", true}},
}

var excelOps = map[string]string{">=": ">=", ">": ">", "<=": "<=", "<": "<", "==": "=", "!=": "<>"}

// criterion is the rule as an Excel expression on the range's top-left
// cell. Numeric rules test ISNUMBER first, so a "no data" text cell is
// never coloured (Excel ranks text above every number).
func (r rule) criterion(cell string) string {
	if strings.HasPrefix(r.value, `"`) {
		return cell + excelOps[r.op] + r.value
	}
	return fmt.Sprintf("AND(ISNUMBER(%s),%s%s%s)", cell, cell, excelOps[r.op], r.value)
}

// conditionalFormats applies a column's RAG and conditions to its data
// cells (rows first..last). Rules stop at the first match, so a score of 80
// is green only.
func (w *workbook) conditionalFormats(sheet string, col int, c *ColumnDef, first, last int) error {
	rules := append([]rule(nil), ragRules[c.RAG]...)
	for _, cf := range c.Conditional {
		rules = append(rules, rule{cf.Op, numberValue(cf.Value), cf.Colour, false})
	}
	if len(rules) == 0 || last < first {
		return nil
	}
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		return err
	}
	var opts []excelize.ConditionalFormatOptions
	for _, r := range rules {
		id, err := w.styles.colour(r.colour, r.fontOnly)
		if err != nil {
			return err
		}
		opts = append(opts, excelize.ConditionalFormatOptions{Type: "formula",
			Criteria: r.criterion(fmt.Sprintf("%s%d", name, first)), Format: &id, StopIfTrue: true})
	}
	ref := fmt.Sprintf("%s%d:%s%d", name, first, name, last)
	if err := w.f.SetConditionalFormat(sheet, ref, opts); err != nil {
		return fmt.Errorf("sheet %s column %s colours: %w", sheet, c.Header, err)
	}
	return nil
}
