package grants

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// Obligation rules: what "compliant" needs once the obligation is due.
const (
	// RuleSPReady: publishing, and at least one linked activity SP-ready
	// (the default; otherwise "partly compliant").
	RuleSPReady = "sp-ready"
	// RulePublishing: at least one linked activity with an upcoming
	// occurrence.
	RulePublishing = "publishing"
	// RuleNone: no open-data obligation ("no obligation").
	RuleNone = "none"
)

// Obligation is the open-data condition of a funder's grants, optionally of
// one programme (matched on Grant Programme code or title, ignoring case).
// FunderID "" with Programme "" replaces the built-in default.
type Obligation struct {
	FunderID  string
	Programme string
	Months    int // due this many months after the award date
	Rule      string
	UpdatedBy string
	UpdatedAt time.Time
}

// DefaultObligation: "publishes open data within 6 months of the award
// date, and keeps at least one activity SP-ready".
var DefaultObligation = Obligation{Months: 6, Rule: RuleSPReady}

// SetObligation stores an obligation for a funder and programme.
func SetObligation(ctx context.Context, st store.Store, o Obligation) error {
	switch o.Rule {
	case RuleSPReady, RulePublishing, RuleNone:
	default:
		return fmt.Errorf("obligation rule %q: use %s, %s or %s", o.Rule, RuleSPReady, RulePublishing, RuleNone)
	}
	if o.Months < 0 || o.Months > 120 {
		return fmt.Errorf("obligation due %d months after the award: give 0 to 120 months", o.Months)
	}
	if o.UpdatedAt.IsZero() {
		o.UpdatedAt = time.Now()
	}
	err := st.Insert(ctx, "grant_obligations", []string{"funder_id", "programme", "months_after_award", "rule", "updated_by",
		"updated_at", "version"}, [][]any{{strings.TrimSpace(o.FunderID), strings.TrimSpace(o.Programme), o.Months, o.Rule,
		o.UpdatedBy, o.UpdatedAt.UTC().Truncate(time.Second), store.NextSeq(1)}})
	if err != nil {
		return fmt.Errorf("store the obligation for %s %s: %w", o.FunderID, o.Programme, err)
	}
	return nil
}

// Obligations lists the stored obligations.
func Obligations(ctx context.Context, st store.Store) ([]Obligation, error) {
	rows, err := st.Query(ctx, "SELECT funder_id, programme, months_after_award, rule, updated_by, updated_at FROM grant_obligations"+
		st.Final()+" ORDER BY funder_id, programme")
	if err != nil {
		return nil, fmt.Errorf("read grant obligations: %w", err)
	}
	defer rows.Close()
	var out []Obligation
	for rows.Next() {
		var o Obligation
		if err := rows.Scan(&o.FunderID, &o.Programme, &o.Months, &o.Rule, &o.UpdatedBy, &o.UpdatedAt); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// obligationFor picks the most specific obligation: funder and programme,
// then funder, then the stored default, then DefaultObligation.
func obligationFor(os []Obligation, g Grant) Obligation {
	best, rank := DefaultObligation, 0
	for _, o := range os {
		r := 0
		switch {
		case o.FunderID == g.FunderID && o.Programme != "" && programmeMatches(o.Programme, g):
			r = 3
		case o.FunderID == g.FunderID && o.Programme == "":
			r = 2
		case o.FunderID == "" && o.Programme == "":
			r = 1
		}
		if r > rank {
			best, rank = o, r
		}
	}
	return best
}

func programmeMatches(p string, g Grant) bool {
	return strings.EqualFold(p, g.ProgrammeCode) || strings.EqualFold(p, g.ProgrammeTitle)
}
