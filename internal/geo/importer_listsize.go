package geo

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// sizeCols are the columns of a registered-patients file.
type sizeCols struct{ orgType, pcn, pcnName, prac, count, sex, age, date int }

func sizeColumns(t *table) (sizeCols, error) {
	c := sizeCols{
		orgType: t.col("org_type"),
		pcn:     t.col("pcn_code", "pcncode"),
		pcnName: t.col("pcn_name", "pcnname"),
		prac:    t.col("practice_code", "prac_code", "org_code"),
		count:   t.col("popn_persons", "number_of_patients", "registered_patients", "total", "list_size", "patients", "persons"),
		sex:     t.col("sex"),
		age:     t.col("age"),
		date:    t.col("extract_date", "date", "period"),
	}
	if c.pcn < 0 && c.prac < 0 {
		return c, t.need(-1, "PCN or practice code", "PCN_CODE", "PRACTICE_CODE", "ORG_CODE")
	}
	return c, t.need(c.count, "registered patients", "POPN_PERSONS", "NUMBER_OF_PATIENTS", "registered_patients", "Total")
}

// importPCNPopulation reads registered patients: per PCN (CSV, or the JSON
// array West Sussex publishes), per organisation (NHS files with ORG_TYPE),
// or per practice, which is added up per PCN with the loaded practice map.
func importPCNPopulation(ctx context.Context, j *job) error {
	f, err := j.open()
	if err != nil {
		return err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	if first := firstByte(br); first == '[' || first == '{' {
		return j.listSizeJSON(ctx, br)
	}
	sizes := newListSizes(j.vintage)
	var c sizeCols
	start := func(t *table) (err error) {
		c, err = sizeColumns(t)
		return err
	}
	err = j.eachRecord(br, false, start, func(t *table) error {
		j.listSizeRow(t, c, sizes)
		return nil
	})
	if err != nil {
		return err
	}
	return j.writeListSizes(ctx, sizes)
}

func newListSizes(vintage string) *listSizes {
	return &listSizes{byArea: map[popKey]int64{}, lines: map[popKey]int{}, names: newAreaWriter("pcn-population", vintage)}
}

// firstByte peeks at the first byte that is not white space or a BOM.
func firstByte(br *bufio.Reader) byte {
	head, _ := br.Peek(512)
	s := strings.TrimLeft(string(head), "\ufeff \t\r\n")
	if s == "" {
		return 0
	}
	return s[0]
}

type popKey struct {
	level, code string
	period      time.Time
}

// listSizes gathers counts before writing, so practices can be added up.
type listSizes struct {
	byArea map[popKey]int64
	lines  map[popKey]int
	names  *areaWriter
}

func (s *listSizes) add(k popKey, n int64, line int) {
	s.byArea[k] += n
	if _, ok := s.lines[k]; !ok {
		s.lines[k] = line
	}
}

func (j *job) listSizeRow(t *table, c sizeCols, s *listSizes) {
	if sex := strings.ToUpper(t.get(c.sex)); c.sex >= 0 && sex != "ALL" && sex != "PERSONS" {
		j.rep.leaveOut("not an all-persons row")
		return
	}
	if age := strings.ToUpper(t.get(c.age)); c.age >= 0 && age != "ALL" {
		j.rep.leaveOut("not an all-ages row")
		return
	}
	level, code, ok := j.sizeArea(t, c)
	if !ok {
		return
	}
	n, okN := j.count(t, c.count)
	period, okP := j.period(t, c.date, false)
	if !okN || !okP {
		return
	}
	s.add(popKey{level, code, period}, n, t.line)
	if level == LevelPCN {
		s.names.add(LevelPCN, code, t.get(c.pcnName), "", "")
	}
}

// sizeArea tells which organisation a row counts: a PCN, a practice, or
// with ORG_TYPE any NHS level.
func (j *job) sizeArea(t *table, c sizeCols) (string, string, bool) {
	if c.orgType >= 0 {
		level := map[string]string{"GP": "practice", "PCN": LevelPCN, "SUB_ICB_LOCATION": LevelSubICB, "ICB": LevelICB}[strings.ToUpper(t.get(c.orgType))]
		if level == "" {
			j.rep.leaveOut("organisation type not used (GP, PCN, SUB_ICB_LOCATION and ICB are)")
			return "", "", false
		}
		return level, strings.ToUpper(t.get(c.prac)), true
	}
	if c.pcn >= 0 {
		code := strings.ToUpper(t.get(c.pcn))
		if !pcnCode.MatchString(code) {
			j.skip(t.line, t.name(c.pcn), code, "not a PCN code (U followed by 5 digits)")
			return "", "", false
		}
		return LevelPCN, code, true
	}
	code := strings.ToUpper(t.get(c.prac))
	if !practiceCode.MatchString(code) {
		j.skip(t.line, t.name(c.prac), code, "not an ODS practice code")
		return "", "", false
	}
	return "practice", code, true
}

// writeListSizes writes the counts, adding practice counts up per PCN with
// the loaded practice map when the file has no PCN rows of its own.
func (j *job) writeListSizes(ctx context.Context, s *listSizes) error {
	if err := j.addUpPractices(ctx, s); err != nil {
		return err
	}
	keys := make([]popKey, 0, len(s.byArea))
	for k := range s.byArea {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool { return s.lines[keys[a]] < s.lines[keys[b]] })
	out := newBatch(j.st, "geo_populations", colsPopulation...)
	for _, k := range keys {
		if err := out.add(ctx, BasisRegistered, k.level, k.code, k.period, s.byArea[k], j.vintage); err != nil {
			return err
		}
		j.rep.Imported++
	}
	if err := out.flush(ctx); err != nil {
		return err
	}
	return s.names.write(ctx, j.st)
}

func (j *job) listSizeJSON(ctx context.Context, r io.Reader) error {
	recs, err := readJSONRecords(j.file, r)
	if err != nil {
		return err
	}
	t := &table{file: j.file, src: &recordSource{recs: recs}}
	if err := t.readHeader(); err != nil {
		return err
	}
	sizes := newListSizes(j.vintage)
	var c sizeCols
	start := func(t *table) (err error) {
		c, err = sizeColumns(t)
		return err
	}
	err = j.rows(t, start, func(t *table) error {
		j.listSizeRow(t, c, sizes)
		return nil
	})
	if err != nil {
		return err
	}
	if len(recs) > 1 {
		j.rep.note("JSON objects are numbered from 1 in place of lines")
	}
	return j.writeListSizes(ctx, sizes)
}

// addUpPractices turns practice counts into PCN counts with the practice
// map in the store. A PCN whose listed practices are not all in the file
// still gets the total of those that are, with a note per missing practice.
func (j *job) addUpPractices(ctx context.Context, s *listSizes) error {
	var prac []popKey
	for k := range s.byArea {
		if k.level == "practice" {
			prac = append(prac, k)
		}
	}
	if len(prac) == 0 {
		return nil
	}
	ps, err := loadPractices(ctx, j.st)
	if err != nil {
		return err
	}
	if len(ps) == 0 {
		return fileErr(j.file, 0, "", fmt.Errorf("%w: this file counts patients per practice; import a practice map first (import geo practice-map FILE, or epcn) so they can be added up per PCN",
			ErrNothingImported))
	}
	j.sumPerPCN(prac, ps, s)
	return nil
}

func (j *job) sumPerPCN(prac []popKey, ps map[string]*practice, s *listSizes) {
	sort.Slice(prac, func(a, b int) bool { return s.lines[prac[a]] < s.lines[prac[b]] })
	listed := map[string]bool{}
	periods := map[string]time.Time{}
	for _, k := range prac {
		listed[k.code] = true
		p := ps[k.code]
		if p == nil || p.pcn == "" {
			j.warn(s.lines[k], "practice", k.code, "practice not in the loaded practice map (or it has no PCN): counted for itself only")
			continue
		}
		s.add(popKey{LevelPCN, p.pcn, k.period}, s.byArea[k], s.lines[k])
		periods[p.pcn] = k.period
	}
	for _, p := range sortedPractices(ps) {
		if _, used := periods[p.pcn]; used && p.active != 0 && !listed[p.code] {
			j.warn(0, "practice", p.code, fmt.Sprintf("practice of PCN %s in the practice map but not in this file (closed or merged since?): the PCN total covers the practices listed", p.pcn))
		}
	}
}
