package score

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
)

// Vocab is a loaded SKOS concept scheme: the set of concept ids and the
// content hash of the file it came from.
type Vocab struct {
	ids    map[string]struct{}
	labels map[string]string
	// ID is the scheme's own id (https://openactive.io/activity-list …).
	ID   string
	Hash string
	Size int
}

// Label is a concept's prefLabel, or "" when the id is not in the scheme.
func (v *Vocab) Label(id string) string {
	if v == nil {
		return ""
	}
	return v.labels[id]
}

// Labels returns every concept's prefLabel by id.
func (v *Vocab) Labels() map[string]string {
	out := make(map[string]string, len(v.labels))
	for k, l := range v.labels {
		out[k] = l
	}
	return out
}

// Has reports whether id is a concept of the scheme (exact match, §8.1.1).
func (v *Vocab) Has(id string) bool {
	if v == nil {
		return false
	}
	_, ok := v.ids[id]
	return ok
}

// LoadVocab reads an OpenActive concept scheme (the Activity List or Facility
// Types). The files use `id`, not `@id`; both are accepted.
func LoadVocab(r io.Reader) (*Vocab, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read vocab: %w", err)
	}
	var doc struct {
		ID      string           `json:"id"`
		AtID    string           `json:"@id"`
		Concept []map[string]any `json:"concept"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse vocab: %w", err)
	}
	v := &Vocab{ids: make(map[string]struct{}, len(doc.Concept)), labels: make(map[string]string, len(doc.Concept)), ID: doc.ID}
	if v.ID == "" {
		v.ID = doc.AtID
	}
	for _, c := range doc.Concept {
		id, ok := c["@id"].(string)
		if !ok {
			id, ok = c["id"].(string)
		}
		if ok && id != "" {
			v.ids[id] = struct{}{}
			if l, ok := c["prefLabel"].(string); ok {
				v.labels[id] = l
			}
		}
	}
	if len(v.ids) == 0 {
		return nil, fmt.Errorf("parse vocab: no concepts with an id")
	}
	sum := sha256.Sum256(data)
	v.Hash, v.Size = hex.EncodeToString(sum[:]), len(v.ids)
	return v, nil
}
