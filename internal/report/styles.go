package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Named number formats a column may use; anything else is taken as an
// Excel format code.
var numberFormats = map[string]string{
	"count":      "#,##0",
	"score":      "0.0",
	"percent":    `0.0"%"`,
	"change":     "+0.0;-0.0;0.0",
	"change_int": "+#,##0;-#,##0;0",
	"date":       "yyyy-mm-dd",
	"datetime":   "yyyy-mm-dd hh:mm",
	"text":       "@",
}

// Board colours (Excel's own good / neutral / bad).
var ragFill = map[string][2]string{
	"green": {"C6EFCE", "006100"},
	"amber": {"FFEB9C", "9C5700"},
	"red":   {"FFC7CE", "9C0006"},
}

const headerFill = "1F4E78"

// styles creates each cell style once per workbook.
type styles struct {
	f      *excelize.File
	cells  map[string]int
	cond   map[string]int
	header int
	title  int
	intro  int
	nodata int
}

func newStyles(f *excelize.File) (*styles, error) {
	s := &styles{f: f, cells: map[string]int{}, cond: map[string]int{}}
	var err error
	border := []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{headerFill}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"}}); err != nil {
		return nil, err
	}
	if s.title, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: headerFill}}); err != nil {
		return nil, err
	}
	if s.intro, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "404040"}}); err != nil {
		return nil, err
	}
	s.nodata, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "808080"}})
	return s, err
}

// cell returns the style for a number format (named or a code), wrapped
// or not, aligned as asked ("" = Excel's default), with a light rule
// under each row.
func (s *styles) cell(format string, wrap bool, align string) (int, error) {
	key := format + "|" + align
	if wrap {
		key += "|wrap"
	}
	if id, ok := s.cells[key]; ok {
		return id, nil
	}
	st := &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: wrap, Horizontal: align},
		Border: []excelize.Border{{Type: "bottom", Color: "D9D9D9", Style: 1}}}
	if format != "" {
		code := format
		if named, ok := numberFormats[format]; ok {
			code = named
		}
		st.CustomNumFmt = &code
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, fmt.Errorf("number format %q: %w", format, err)
	}
	s.cells[key] = id
	return id, nil
}

// colour returns the conditional style of a RAG colour; fontOnly colours
// the text only (for changes).
func (s *styles) colour(name string, fontOnly bool) (int, error) {
	key := fmt.Sprintf("%s|%v", name, fontOnly)
	if id, ok := s.cond[key]; ok {
		return id, nil
	}
	c := ragFill[name]
	st := &excelize.Style{Font: &excelize.Font{Color: c[1], Bold: fontOnly}}
	if !fontOnly {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c[0]}}
	}
	id, err := s.f.NewConditionalStyle(st)
	if err != nil {
		return 0, err
	}
	s.cond[key] = id
	return id, nil
}
