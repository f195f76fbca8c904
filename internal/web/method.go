package web

import (
	"context"
	"fmt"
	"time"

	"gopkg.in/yaml.v3"
)

// Method is what the dashboard shows of the scoring profile: the numbers
// of the method and each check's plain words. Its YAML fields are those of
// the profile files (internal/score/profiles/*.yaml), so ParseMethod reads
// a profile directly; webscore.Method converts a loaded *score.Profile.
type Method struct {
	Name           string `yaml:"name"`
	MethodVersion  int    `yaml:"method_version"`
	Hash           string `yaml:"-"`
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
	Grades []struct {
		Grade string `yaml:"grade"`
		Min   int    `yaml:"min"`
		RAG   string `yaml:"rag"`
	} `yaml:"grades"`
	SPReady struct {
		MinCompleteness int      `yaml:"min_completeness"`
		AllOf           []string `yaml:"all_of"`
		AnyOf           []string `yaml:"any_of"`
	} `yaml:"sp_ready"`
	SPReadyChecks   []CheckInfo `yaml:"sp_ready_checks"`
	AssuranceChecks []CheckInfo `yaml:"assurance_checks"`
}

// CheckInfo is one check in plain words.
type CheckInfo struct {
	ID       string `yaml:"id"`
	Weight   string `yaml:"weight"`
	Title    string `yaml:"title"`
	Property string `yaml:"property"`
	Passes   string `yaml:"passes"`
	Fix      string `yaml:"fix"`
	Example  string `yaml:"example"`
}

// ParseMethod reads a scoring profile file.
func ParseMethod(data []byte, hash string) (*Method, error) {
	var m Method
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("read the scoring profile: %w", err)
	}
	if len(m.SPReadyChecks) == 0 {
		return nil, fmt.Errorf("read the scoring profile: it lists no sp_ready_checks")
	}
	m.Hash = hash
	return &m, nil
}

// Explanation is the scorer's account of one activity's checks.
type Explanation struct {
	Checks    []CheckOutcome
	Freshness []string
}

// CheckOutcome is one check's result with the scorer's reason.
type CheckOutcome struct {
	ID     string
	Pass   bool
	Reason string
}

// ExplainFunc explains one activity as at a time (webscore.Explainer
// builds one from the scorer).
type ExplainFunc func(ctx context.Context, datasetID, activityID string, at time.Time) (*Explanation, error)

func (m *Method) titles() map[string]string {
	out := map[string]string{}
	if m == nil {
		return out
	}
	for _, c := range append(append([]CheckInfo{}, m.SPReadyChecks...), m.AssuranceChecks...) {
		out[c.ID] = c.Title
	}
	return out
}
