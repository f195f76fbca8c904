package score

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// Totals summarise a report: counts and exact means (half up to one
// decimal, §8.11.1; "" is "no data").
type Totals struct {
	Activities   int            `json:"activities"`
	Upcoming     int            `json:"upcoming"`
	SPReady      int            `json:"sp_ready"`
	Freshness    string         `json:"freshness"`
	Completeness string         `json:"completeness"`
	Assurance    string         `json:"assurance"`
	Overall      string         `json:"overall"`
	Failing      []CheckCount   `json:"failing"` // per check id, method order
	Grades       map[string]int `json:"grades"`
}

// CheckCount is how many activities fail one check.
type CheckCount struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Count int    `json:"count"`
}

// Mean1 is the exact mean of integers rounded half up to one decimal, or ""
// for none.
func Mean1(vals []int) string {
	if len(vals) == 0 {
		return ""
	}
	sum := int64(0)
	for _, v := range vals {
		sum += int64(v)
	}
	tenths := roundDiv(10*sum, int64(len(vals)))
	return strconv.Itoa(tenths/10) + "." + strconv.Itoa(tenths%10)
}

func totals(p *Profile, acts []domain.ActivityScore) Totals {
	t := Totals{Activities: len(acts), Grades: map[string]int{}}
	var f, c, a, o []int
	fails := map[string]int{}
	for _, s := range acts {
		f, c, a, o = append(f, s.Freshness), append(c, s.Completeness), append(a, s.Assurance), append(o, s.Overall)
		if s.Upcoming == 1 {
			t.Upcoming++
		}
		if s.SPReady {
			t.SPReady++
		}
		t.Grades[s.Grade]++
		for _, id := range s.FailedChecks {
			fails[id]++
		}
	}
	t.Freshness, t.Completeness, t.Assurance, t.Overall = Mean1(f), Mean1(c), Mean1(a), Mean1(o)
	for _, d := range append(append([]CheckDef{}, p.SPReadyChecks...), p.AssuranceChecks...) {
		if fails[d.ID] > 0 {
			t.Failing = append(t.Failing, CheckCount{ID: d.ID, Title: d.Title, Count: fails[d.ID]})
		}
	}
	return t
}

// JSON renders the report as indented JSON.
func (r Report) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("report json: %w", err)
	}
	return b, nil
}

// WriteText renders the report for a provider: per activity its scores and
// each failed check with the reason, the fix and an example.
func (r Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "feedgauge check as at %s (method %d)\n", stamp(r.T), domain.MethodVersion)
	fmt.Fprintf(&b, "%d items (%d deleted, %d unreadable), %d activities\n\n", r.Items, r.Deleted, r.Unreadable, len(r.Activities))
	for _, ex := range r.Activities {
		writeActivity(&b, ex)
	}
	t := r.Totals
	fmt.Fprintf(&b, "Totals: %d activities, %d with an upcoming occurrence, %d SP-ready\n", t.Activities, t.Upcoming, t.SPReady)
	fmt.Fprintf(&b, "Means: freshness %s, completeness %s, assurance %s, overall %s\n",
		noData(t.Freshness), noData(t.Completeness), noData(t.Assurance), noData(t.Overall))
	for _, c := range t.Failing {
		fmt.Fprintf(&b, "  %-5s %-22s fails on %d\n", c.ID, c.Title, c.Count)
	}
	_, err := io.WriteString(w, b.String())
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

func noData(s string) string {
	if s == "" {
		return "no data"
	}
	return s
}

func writeActivity(b *strings.Builder, ex Explanation) {
	s := ex.Score
	name := s.Name
	if name == "" {
		name = "(no name)"
	}
	fmt.Fprintf(b, "== %s %q\n   %s\n", s.Kind, name, s.ActivityID)
	oa := "no data"
	if s.CompletenessOpenActive != nil {
		oa = strconv.Itoa(*s.CompletenessOpenActive)
	}
	fmt.Fprintf(b, "   overall %d (grade %s), freshness %d, completeness %d, assurance %d, openactive %s, SP-ready %t\n",
		s.Overall, s.Grade, s.Freshness, s.Completeness, s.Assurance, oa, s.SPReady)
	for _, n := range ex.Freshness {
		fmt.Fprintf(b, "   - %s\n", n)
	}
	for _, c := range ex.Checks {
		if c.Pass {
			continue
		}
		fmt.Fprintf(b, "   FAIL %s %s (weight %s): %s\n", c.ID, c.Title, c.Weight, c.Reason)
		fmt.Fprintf(b, "        fix: %s\n        property: %s\n        example: %s\n", c.Fix, c.Property, c.Example)
	}
	for _, p := range ex.Problems {
		fmt.Fprintf(b, "   conformance: %s\n", p)
	}
	if len(ex.MissingOpenActive) > 0 {
		fmt.Fprintf(b, "   missing OpenActive properties: %s\n", strings.Join(ex.MissingOpenActive, ", "))
	}
	b.WriteString("\n")
}
