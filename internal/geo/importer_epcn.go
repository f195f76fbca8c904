package geo

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
)

// epcnOut collects what both ePCN tabs write.
type epcnOut struct {
	areas     *areaWriter
	practices *batch
	seen      map[string]int // practice → line of its current membership
}

// importEPCN reads the ODS ePCN workbook (tabs PCNDetails and PCN Core
// Partner Details, headers with embedded newlines) or its headerless CSV
// reports epcn.csv and epcncorepartnerdetails.csv.
func importEPCN(ctx context.Context, j *job) error {
	f, err := j.open()
	if err != nil {
		return err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	head, _ := br.Peek(4)
	out := &epcnOut{
		areas:     newAreaWriter("epcn", j.vintage),
		practices: newBatch(j.st, "geo_practices", colsPractices...),
		seen:      map[string]int{},
	}
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		err = j.epcnWorkbook(ctx, br, out)
	} else {
		err = j.epcnReport(ctx, br, out)
	}
	if err != nil {
		return err
	}
	if err := out.practices.flush(ctx); err != nil {
		return err
	}
	return out.areas.write(ctx, j.st)
}

func (j *job) epcnWorkbook(ctx context.Context, r io.Reader, out *epcnOut) error {
	x, err := openWorkbook(j.file, r)
	if err != nil {
		return err
	}
	defer x.Close()
	found := 0
	for _, name := range x.GetSheetList() {
		t, err := sheetTable(x, j.file, name)
		if err != nil {
			return err
		}
		switch {
		case t.col("partnerorganisationcode") >= 0:
			err = j.epcnPartners(ctx, t, out)
		case t.col("pcncode") >= 0 && t.col("pcnname") >= 0:
			err = j.epcnDetails(t, out)
		default:
			continue
		}
		if err != nil {
			return err
		}
		found++
	}
	if found == 0 {
		return fileErr(j.file, 0, "", fmt.Errorf("%w: no PCNDetails or PCN Core Partner Details sheet (sheets: %s)",
			ErrWrongKind, strings.Join(x.GetSheetList(), ", ")))
	}
	if found == 1 {
		j.rep.note("only one of the two ePCN tabs was found")
	}
	return nil
}

// epcnReport reads a headerless ODS CSV report, telling the PCN list from
// the core partner list by where the PCN code sits.
func (j *job) epcnReport(ctx context.Context, r io.Reader, out *epcnOut) error {
	peek := bufio.NewReader(r)
	first, _ := peek.ReadString('\n')
	cells := strings.Split(strings.ReplaceAll(first, `"`, ""), ",")
	t, err := openTable(j.file, io.MultiReader(strings.NewReader(first), peek), true)
	if err != nil {
		return err
	}
	defer t.text.notes(j.rep)
	switch {
	case len(cells) >= 6 && pcnCode.MatchString(strings.TrimSpace(cells[0])):
		t.named("PCN Code", "PCN Name", "Sub ICB Code", "Sub ICB Name", "Open Date", "Close Date")
		return j.epcnDetails(t, out)
	case len(cells) >= 10 && pcnCode.MatchString(strings.TrimSpace(cells[4])):
		t.named("Partner Organisation Code", "Partner Name", "Practice Parent Sub ICB Code", "Practice Parent Sub ICB Name",
			"PCN Code", "PCN Name", "PCN Parent Sub ICB Code", "PCN Parent Sub ICB Name", "Start Date", "End Date")
		return j.epcnPartners(ctx, t, out)
	}
	return fileErr(j.file, 1, "", fmt.Errorf("%w: neither an ePCN workbook nor an ODS epcn / epcncorepartnerdetails report (no PCN code in column 1 or 5)", ErrWrongKind))
}

func (j *job) epcnDetails(t *table, out *epcnOut) error {
	code, name := t.col("pcncode"), t.col("pcnname")
	sub := t.colFunc(func(h string) bool {
		return strings.HasSuffix(h, "code") && (strings.Contains(h, "commissioninggroup") || strings.Contains(h, "subicb") || strings.Contains(h, "ccg"))
	})
	closed := t.col("closedate")
	for {
		ok, err := t.next()
		if err != nil || !ok {
			return err
		}
		j.rep.Read++
		pcn := strings.ToUpper(t.get(code))
		switch {
		case !pcnCode.MatchString(pcn):
			j.skip(t.line, t.name(code), pcn, "not a PCN code (U followed by 5 digits)")
		case t.get(closed) != "":
			j.rep.leaveOut("PCN closed (close date set)")
		default:
			out.areas.add(LevelPCN, pcn, t.get(name), strings.ToUpper(t.get(sub)), "")
			j.rep.Imported++
		}
	}
}

func (j *job) epcnPartners(ctx context.Context, t *table, out *epcnOut) error {
	code, name, pcnC, pcnName := t.col("partnerorganisationcode"), t.col("partnername"), t.col("pcncode"), t.col("pcnname")
	sub := t.colFunc(func(h string) bool { return strings.HasPrefix(h, "practiceparent") && strings.HasSuffix(h, "code") })
	end := t.colFunc(func(h string) bool { return strings.HasSuffix(h, "enddate") })
	for {
		ok, err := t.next()
		if err != nil || !ok {
			return err
		}
		j.rep.Read++
		prac, pcn := strings.ToUpper(t.get(code)), strings.ToUpper(t.get(pcnC))
		switch {
		case !practiceCode.MatchString(prac):
			j.skip(t.line, t.name(code), prac, "not an ODS practice code")
			continue
		case !pcnCode.MatchString(pcn):
			j.skip(t.line, t.name(pcnC), pcn, "not a PCN code (U followed by 5 digits)")
			continue
		case t.get(end) != "":
			j.rep.leaveOut("membership ended (end date set)")
			continue
		}
		if first, dup := out.seen[prac]; dup {
			j.warn(t.line, t.name(code), prac, fmt.Sprintf("practice has another current PCN membership (line %d); this later row wins", first))
		}
		out.seen[prac] = t.line
		out.areas.add(LevelPCN, pcn, t.get(pcnName), "", "")
		row := []any{"epcn", j.vintage, prac, t.get(name), "", nil, nil, -1, pcn, strings.ToUpper(t.get(sub)), ""}
		if err := out.practices.add(ctx, row...); err != nil {
			return err
		}
		j.rep.Imported++
	}
}
