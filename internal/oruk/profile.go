package oruk

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/feedgauge/feedgauge/internal/decimal"
)

//go:embed profiles/oruk.yaml
var profileFS embed.FS

// CheckDef is one check of the profile: weight and words.
type CheckDef struct {
	ID       string `yaml:"id"`
	Weight   string `yaml:"weight"`
	Title    string `yaml:"title"`
	Property string `yaml:"property"`
	Passes   string `yaml:"passes"`
	Fix      string `yaml:"fix"`
	weight   fixed
}

// Profile is the ORUK scoring profile (profiles/oruk.yaml).
type Profile struct {
	Name              string `yaml:"name"`
	MethodVersion     int    `yaml:"method_version"`
	AssuredFullMonths int    `yaml:"assured_full_months"`
	AssuredHalfMonths int    `yaml:"assured_half_months"`
	RecentFullDays    int    `yaml:"recent_full_days"`
	RecentHalfDays    int    `yaml:"recent_half_days"`
	Freshness         struct {
		Assured string `yaml:"assured_weight"`
		Recent  string `yaml:"recent_weight"`
	} `yaml:"freshness"`
	Overall struct {
		Freshness    string `yaml:"freshness"`
		Completeness string `yaml:"completeness"`
		Assurance    string `yaml:"assurance"`
	} `yaml:"overall"`
	Grades []struct {
		Grade string `yaml:"grade"`
		Min   int    `yaml:"min"`
		RAG   string `yaml:"rag"`
	} `yaml:"grades"`
	Ready struct {
		RequireActive   bool     `yaml:"require_active"`
		MinCompleteness int      `yaml:"min_completeness"`
		AllOf           []string `yaml:"all_of"`
		AnyOf           []string `yaml:"any_of"`
	} `yaml:"referral_ready"`
	Completeness []CheckDef `yaml:"completeness_checks"`
	Assurance    []CheckDef `yaml:"assurance_checks"`
	// Hash is the sha256 of the file, stored with every score.
	Hash string `yaml:"-"`

	wAssured, wRecent, wFresh, wComplete, wAssure fixed
	svTotal, saTotal                              fixed
	allOf, anyOf                                  []int
}

// svRules and saRules are the check ids in the method's order; the pass
// rules are code (checks_sv.go, checks_sa.go).
var (
	svRules = []string{"sv.1", "sv.2", "sv.3", "sv.4", "sv.5", "sv.6", "sv.7", "sv.8", "sv.9", "sv.10"}
	saRules = []string{"sa.1", "sa.2", "sa.3", "sa.4", "sa.5"}
)

// DefaultProfile loads the embedded profile.
func DefaultProfile() (*Profile, error) {
	b, err := profileFS.ReadFile("profiles/oruk.yaml")
	if err != nil {
		return nil, fmt.Errorf("ORUK profile: %w", err)
	}
	return ParseProfile(b)
}

// ParseProfile reads and checks a profile.
func ParseProfile(data []byte) (*Profile, error) {
	var p Profile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("ORUK profile: %w", err)
	}
	sum := sha256.Sum256(data)
	p.Hash = hex.EncodeToString(sum[:])
	if err := p.prepare(); err != nil {
		return nil, fmt.Errorf("ORUK profile: %w", err)
	}
	return &p, nil
}

func (p *Profile) prepare() error {
	if p.AssuredFullMonths <= 0 || p.AssuredHalfMonths < p.AssuredFullMonths || p.RecentFullDays <= 0 || p.RecentHalfDays < p.RecentFullDays {
		return fmt.Errorf("the assured months and recent days must be positive, the half window no shorter than the full one")
	}
	var err error
	for _, d := range []struct {
		s   string
		dst *fixed
	}{{p.Freshness.Assured, &p.wAssured}, {p.Freshness.Recent, &p.wRecent}, {p.Overall.Freshness, &p.wFresh},
		{p.Overall.Completeness, &p.wComplete}, {p.Overall.Assurance, &p.wAssure}} {
		if *d.dst, err = parseFixed(d.s); err != nil {
			return err
		}
	}
	if p.wAssured+p.wRecent != fixedOne || p.wFresh+p.wComplete+p.wAssure != fixedOne {
		return fmt.Errorf("the freshness weights and the overall weights must each add up to 1")
	}
	if p.svTotal, err = prepareChecks(p.Completeness, svRules); err != nil {
		return err
	}
	if p.saTotal, err = prepareChecks(p.Assurance, saRules); err != nil {
		return err
	}
	if p.allOf, err = indexes(p.Ready.AllOf); err != nil {
		return err
	}
	p.anyOf, err = indexes(p.Ready.AnyOf)
	return err
}

func prepareChecks(defs []CheckDef, rules []string) (fixed, error) {
	if len(defs) != len(rules) {
		return 0, fmt.Errorf("want the %d checks %s, got %d", len(rules), strings.Join(rules, " "), len(defs))
	}
	var total fixed
	for i := range defs {
		if defs[i].ID != rules[i] {
			return 0, fmt.Errorf("check %d must be %s, not %q", i+1, rules[i], defs[i].ID)
		}
		w, err := parseFixed(defs[i].Weight)
		if err != nil {
			return 0, fmt.Errorf("check %s: %w", defs[i].ID, err)
		}
		defs[i].weight, total = w, total+w
	}
	if total == 0 {
		return 0, fmt.Errorf("the checks %s weigh nothing", strings.Join(rules, " "))
	}
	return total, nil
}

func indexes(ids []string) ([]int, error) {
	out := make([]int, len(ids))
	for i, id := range ids {
		k := slices.Index(svRules, id)
		if k < 0 {
			return nil, fmt.Errorf("referral_ready names %q, which is not a completeness check", id)
		}
		out[i] = k
	}
	return out, nil
}

// Grade turns an overall score into its grade.
func (p *Profile) Grade(overall int) string {
	for _, g := range p.Grades {
		if overall >= g.Min {
			return g.Grade
		}
	}
	return ""
}

// The exact arithmetic is the OpenActive method's own (internal/decimal).
type fixed = decimal.Fixed

const fixedOne = decimal.One

var (
	parseFixed = decimal.Parse
	roundDiv   = decimal.RoundDiv
)
