package score

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	_ "time/tzdata" // scores must not depend on the host's zone database

	"github.com/feedgauge/feedgauge/internal/domain"
)

//go:embed profiles/*.yaml models/*.json vocab/*.jsonld
var embedded embed.FS

// Locator resolves an activity's location (scoring.md §7, §8.10). It is
// implemented by the geography package; score never imports it.
type Locator interface {
	Locate(domain.LocateRequest) domain.Location
}

// Reference is everything scoring reads besides the items: the profile,
// vocabularies, model files, the assurance register and the locator. It is
// read-only once built, so one Reference may serve concurrent calls.
type Reference struct {
	Profile    *Profile
	Activities *Vocab // the OpenActive Activity List
	Facilities *Vocab // OpenActive Facility Types
	Models     *Models
	// Locator may be nil: every activity is then "online" or "unlocated".
	Locator  Locator
	register *registerIndex
}

// Hashes are the content hashes printed with every snapshot (§8.13.2).
type Hashes struct {
	Profile, ActivityList, FacilityTypes, Models string
}

// Hashes returns the reference data's content hashes.
func (r *Reference) Hashes() Hashes {
	return Hashes{r.Profile.Hash, r.Activities.Hash, r.Facilities.Hash, r.Models.Hash}
}

// DefaultReference loads the embedded profile, vocabularies and models, with
// an empty register and no locator.
func DefaultReference() (*Reference, error) {
	prof, err := fs.ReadFile(embedded, "profiles/default.yaml")
	if err != nil {
		return nil, fmt.Errorf("default reference: %w", err)
	}
	p, err := ParseProfile(prof)
	if err != nil {
		return nil, fmt.Errorf("default reference: %w", err)
	}
	acts, err := loadEmbeddedVocab("vocab/activity-list.jsonld")
	if err != nil {
		return nil, err
	}
	facs, err := loadEmbeddedVocab("vocab/facility-types.jsonld")
	if err != nil {
		return nil, err
	}
	sub, err := fs.Sub(embedded, "models")
	if err != nil {
		return nil, fmt.Errorf("default reference: %w", err)
	}
	models, err := LoadModels(sub)
	if err != nil {
		return nil, fmt.Errorf("default reference: %w", err)
	}
	return NewReference(p, acts, facs, models)
}

func loadEmbeddedVocab(name string) (*Vocab, error) {
	data, err := fs.ReadFile(embedded, name)
	if err != nil {
		return nil, fmt.Errorf("default reference: %w", err)
	}
	v, err := LoadVocab(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("default reference %s: %w", name, err)
	}
	return v, nil
}

// NewReference assembles a Reference from loaded parts (for example after
// `feedgauge vocab refresh`).
func NewReference(p *Profile, activities, facilities *Vocab, models *Models) (*Reference, error) {
	if p == nil || activities == nil || facilities == nil || models == nil {
		return nil, fmt.Errorf("new reference: profile, vocabularies and models are all required")
	}
	r := &Reference{Profile: p, Activities: activities, Facilities: facilities, Models: models}
	r.register = newRegisterIndex(nil, p)
	return r, nil
}

// WithRegister returns a copy of r using the given assurance register
// revision (the latest with change time ≤ T, chosen by the caller).
func (r *Reference) WithRegister(entries []RegisterEntry) *Reference {
	c := *r
	c.register = newRegisterIndex(entries, r.Profile)
	return &c
}

// WithLocator returns a copy of r using l to resolve locations.
func (r *Reference) WithLocator(l Locator) *Reference {
	c := *r
	c.Locator = l
	return &c
}
