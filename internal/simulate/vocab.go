package simulate

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:embed data/vocab.json
var vocabJSON []byte

// concept is a controlled-vocabulary entry with its real @id.
type concept struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// vocabulary holds the real OpenActive concepts content is built from.
type vocabulary struct {
	Activities    []concept `json:"activities"`
	FacilityTypes []concept `json:"facilityTypes"`
	Accessibility []concept `json:"accessibility"`
}

func loadVocab() (*vocabulary, error) {
	var v vocabulary
	if err := json.Unmarshal(vocabJSON, &v); err != nil {
		return nil, fmt.Errorf("simulate: embedded vocabulary: %w", err)
	}
	if len(v.Activities) == 0 || len(v.FacilityTypes) == 0 || len(v.Accessibility) == 0 {
		return nil, fmt.Errorf("simulate: embedded vocabulary is incomplete")
	}
	return &v, nil
}
