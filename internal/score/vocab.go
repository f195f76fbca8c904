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
	ids  map[string]struct{}
	Hash string
	Size int
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
		Concept []map[string]any `json:"concept"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse vocab: %w", err)
	}
	v := &Vocab{ids: make(map[string]struct{}, len(doc.Concept))}
	for _, c := range doc.Concept {
		id, ok := c["@id"].(string)
		if !ok {
			id, ok = c["id"].(string)
		}
		if ok && id != "" {
			v.ids[id] = struct{}{}
		}
	}
	if len(v.ids) == 0 {
		return nil, fmt.Errorf("parse vocab: no concepts with an id")
	}
	sum := sha256.Sum256(data)
	v.Hash, v.Size = hex.EncodeToString(sum[:]), len(v.ids)
	return v, nil
}
