package score

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"gopkg.in/yaml.v3"
)

// CheckDef is one check of a profile: its weight and the plain words shown
// to providers. The pass rule itself is code, keyed by ID.
type CheckDef struct {
	ID       string `yaml:"id" json:"id"`
	Weight   string `yaml:"weight" json:"weight"`
	Title    string `yaml:"title" json:"title"`
	Property string `yaml:"property" json:"property"`
	Passes   string `yaml:"passes" json:"passes"`
	Fix      string `yaml:"fix" json:"fix"`
	Example  string `yaml:"example" json:"example"`
	weight   fixed
}

// GradeDef is one grade band.
type GradeDef struct {
	Grade string `yaml:"grade"`
	Min   int    `yaml:"min"`
	RAG   string `yaml:"rag"`
}

// SharedHost is a booking platform host whose organisers are told apart by
// the first path segment (§8.9).
type SharedHost struct {
	Host       string `yaml:"host"`
	Subdomains bool   `yaml:"subdomains"`
}

// Profile is the scoring profile file: every tunable number of the method.
type Profile struct {
	Name           string `yaml:"name"`
	MethodVersion  int    `yaml:"method_version"`
	HorizonDays    int    `yaml:"horizon_days"`
	RecentFullDays int    `yaml:"recent_full_days"`
	RecentHalfDays int    `yaml:"recent_half_days"`
	Freshness      struct {
		UpcomingWeight string `yaml:"upcoming_weight"`
		RecentWeight   string `yaml:"recent_weight"`
	} `yaml:"freshness"`
	Overall struct {
		Freshness    string `yaml:"freshness"`
		Completeness string `yaml:"completeness"`
		Assurance    string `yaml:"assurance"`
	} `yaml:"overall"`
	Grades  []GradeDef `yaml:"grades"`
	SPReady struct {
		RequireUpcoming bool     `yaml:"require_upcoming"`
		MinCompleteness int      `yaml:"min_completeness"`
		AllOf           []string `yaml:"all_of"`
		AnyOf           []string `yaml:"any_of"`
	} `yaml:"sp_ready"`
	SharedHosts     []SharedHost `yaml:"shared_hosts"`
	SPReadyChecks   []CheckDef   `yaml:"sp_ready_checks"`
	AssuranceChecks []CheckDef   `yaml:"assurance_checks"`

	// Hash is the sha256 of the file bytes, stored with every score.
	Hash string `yaml:"-"`

	wUpcoming, wRecent            fixed
	wFresh, wComplete, wAssurance fixed
	spTotal, asTotal              fixed
	allOf, anyOf                  []int // sp_ready's checks, as indexes of SPReadyChecks
}

// Horizon is H as a duration.
func (p *Profile) Horizon() time.Duration { return time.Duration(p.HorizonDays) * 24 * time.Hour }

// ParseProfile reads and validates a profile file.
func ParseProfile(data []byte) (*Profile, error) {
	var p Profile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("parse profile: %w", err)
	}
	sum := sha256.Sum256(data)
	p.Hash = hex.EncodeToString(sum[:])
	if err := p.prepare(); err != nil {
		return nil, fmt.Errorf("profile %q: %w", p.Name, err)
	}
	return &p, nil
}

func (p *Profile) prepare() error {
	if p.MethodVersion != 1 {
		return fmt.Errorf("method_version %d: this build implements method 1", p.MethodVersion)
	}
	if p.HorizonDays <= 0 || p.RecentFullDays <= 0 || p.RecentHalfDays < p.RecentFullDays {
		return fmt.Errorf("horizon and recent windows must be positive and ordered")
	}
	for _, d := range []struct {
		s   string
		dst *fixed
	}{
		{p.Freshness.UpcomingWeight, &p.wUpcoming}, {p.Freshness.RecentWeight, &p.wRecent},
		{p.Overall.Freshness, &p.wFresh}, {p.Overall.Completeness, &p.wComplete}, {p.Overall.Assurance, &p.wAssurance},
	} {
		v, err := parseFixed(d.s)
		if err != nil {
			return err
		}
		*d.dst = v
	}
	if p.wUpcoming+p.wRecent != fixedOne || p.wFresh+p.wComplete+p.wAssurance != fixedOne {
		return fmt.Errorf("freshness and overall weights must each sum to 1")
	}
	var err error
	if p.spTotal, err = prepareChecks(p.SPReadyChecks, spRules); err != nil {
		return err
	}
	if p.asTotal, err = prepareChecks(p.AssuranceChecks, asRules); err != nil {
		return err
	}
	if len(p.Grades) == 0 {
		return fmt.Errorf("no grades")
	}
	return p.checkSPReady()
}

func (p *Profile) checkSPReady() error {
	index := func(ids []string) ([]int, error) {
		out := []int{}
		for _, id := range ids {
			i := p.spIndex(id)
			if i < 0 {
				return nil, fmt.Errorf("sp_ready names unknown check %q", id)
			}
			out = append(out, i)
		}
		return out, nil
	}
	var err error
	if p.allOf, err = index(p.SPReady.AllOf); err != nil {
		return err
	}
	p.anyOf, err = index(p.SPReady.AnyOf)
	return err
}

// prepareChecks parses weights and makes sure every id has a rule in code,
// in the method's order.
func prepareChecks(defs []CheckDef, ids []string) (fixed, error) {
	if len(defs) != len(ids) {
		return 0, fmt.Errorf("want checks %v, got %d", ids, len(defs))
	}
	var total fixed
	for i := range defs {
		if defs[i].ID != ids[i] {
			return 0, fmt.Errorf("check %d is %q, want %q", i, defs[i].ID, ids[i])
		}
		w, err := parseFixed(defs[i].Weight)
		if err != nil {
			return 0, fmt.Errorf("check %s: %w", defs[i].ID, err)
		}
		defs[i].weight, total = w, total+w
	}
	if total == 0 {
		return 0, fmt.Errorf("checks %v weigh nothing", ids)
	}
	return total, nil
}

func (p *Profile) spIndex(id string) int {
	for i := range p.SPReadyChecks {
		if p.SPReadyChecks[i].ID == id {
			return i
		}
	}
	return -1
}

// Grade maps an overall score to its grade.
func (p *Profile) Grade(overall int) string {
	for _, g := range p.Grades {
		if overall >= g.Min {
			return g.Grade
		}
	}
	return p.Grades[len(p.Grades)-1].Grade
}
