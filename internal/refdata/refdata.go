// Package refdata keeps the scoring reference vocabularies current: the
// OpenActive Activity List and Facility Types ship inside the binary, and
// `feedgauge vocab refresh` stores newer copies in the store, which then win.
package refdata

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/store"
)

// Names of the refreshable vocabularies, keyed by their scheme id.
const (
	ActivityList  = "activity-list"
	FacilityTypes = "facility-types"
)

// Official are the published addresses `vocab refresh` reads by default
// (openactive.io's CDN copies; see developer-documentation).
var Official = []string{
	"https://openactive.io/activity-list/activity-list.jsonld",
	"https://openactive.io/facility-types/facility-types.jsonld",
}

var schemes = map[string]string{
	"https://openactive.io/activity-list":  ActivityList,
	"https://openactive.io/facility-types": FacilityTypes,
}

// Getter fetches a URL (through the shared, guarded client).
type Getter func(ctx context.Context, url string) ([]byte, error)

// Refreshed says what one refresh stored.
type Refreshed struct {
	Name     string
	Source   string
	Concepts int
	SHA256   string
}

// Refresh reads each source (a file or an http(s) URL), checks that it is
// the Activity List or Facility Types with concepts, and stores it.
// Nothing is stored unless every source is good.
func Refresh(ctx context.Context, st store.Store, get Getter, sources []string, now time.Time) ([]Refreshed, error) {
	var rows [][]any
	var out []Refreshed
	for _, src := range sources {
		data, err := read(ctx, get, src)
		if err != nil {
			return nil, err
		}
		v, err := score.LoadVocab(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s is not an OpenActive concept scheme: %w", src, err)
		}
		name, ok := schemes[strings.TrimSuffix(v.ID, "/")]
		if !ok {
			return nil, fmt.Errorf("%s is the scheme %q, not the Activity List or Facility Types", src, v.ID)
		}
		rows = append(rows, []any{name, string(data), v.Hash, src, v.Size, now.UTC(), store.NextSeq(1)})
		out = append(out, Refreshed{Name: name, Source: src, Concepts: v.Size, SHA256: v.Hash})
	}
	if err := st.Insert(ctx, "reference_files", []string{"name", "content", "sha256", "source", "concepts", "fetched_at", "version"}, rows); err != nil {
		return nil, fmt.Errorf("store the refreshed vocabularies: %w", err)
	}
	return out, nil
}

func read(ctx context.Context, get Getter, src string) ([]byte, error) {
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		if get == nil {
			return nil, fmt.Errorf("cannot fetch %s: no HTTP client", src)
		}
		b, err := get(ctx, src)
		if err != nil {
			return nil, fmt.Errorf("fetch %s: %w", src, err)
		}
		return b, nil
	}
	f, err := os.Open(src)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", src, err)
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, 64<<20))
}

// Reference is the default scoring reference with any refreshed
// vocabularies from the store in place of the shipped ones.
func Reference(ctx context.Context, st store.Store) (*score.Reference, error) {
	ref, err := score.DefaultReference()
	if err != nil {
		return nil, err
	}
	rows, err := st.Query(ctx, "SELECT name, content FROM reference_files"+st.Final())
	if err != nil {
		return nil, fmt.Errorf("read refreshed vocabularies: %w", err)
	}
	defer rows.Close()
	acts, facs := ref.Activities, ref.Facilities
	for rows.Next() {
		var name, content string
		if err := rows.Scan(&name, &content); err != nil {
			return nil, err
		}
		v, err := score.LoadVocab(strings.NewReader(content))
		if err != nil {
			return nil, fmt.Errorf("the stored %s is unreadable (run feedgauge vocab refresh again): %w", name, err)
		}
		switch name {
		case ActivityList:
			acts = v
		case FacilityTypes:
			facs = v
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return score.NewReference(ref.Profile, acts, facs, ref.Models)
}
