package oruk

import (
	"context"
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/oruk/sniff"
	"github.com/feedgauge/feedgauge/internal/store"
)

// The open-data standards a dataset follows.
const (
	StandardOpenActive = "openactive"
	StandardORUK       = "oruk"
)

// Standard marks the standard of one dataset. It lives in its own table
// (dataset_standards, migration 0006) beside datasets, so the shared
// dataset and feed writers stay as they are.
type Standard struct {
	DatasetID string
	Standard  string // StandardOpenActive or StandardORUK
	// Version is the ORUK version the pages show ("3.0", "1.0"); for a
	// feed not read yet, the declared one. "" for OpenActive.
	Version string
	// Declared is the version discovery recorded: the API root's claim,
	// else the first page's style.
	Declared string
	// APIURL is the ORUK API stub ("" for OpenActive).
	APIURL string
}

var standardCols = []string{"dataset_id", "standard", "version", "declared_version", "api_url", "updated_at", "seq"}

// PutStandards upserts dataset standards.
func PutStandards(ctx context.Context, st store.Store, ss []Standard) error {
	if len(ss) == 0 {
		return nil
	}
	now, seq := time.Now().UTC().Truncate(time.Second), store.NextSeq(len(ss))
	rows := make([][]any, len(ss))
	for i, s := range ss {
		rows[i] = []any{s.DatasetID, s.Standard, s.Version, s.Declared, s.APIURL, now, seq + int64(i)}
	}
	if err := st.Insert(ctx, "dataset_standards", standardCols, rows); err != nil {
		return fmt.Errorf("store the standards of %d datasets: %w", len(ss), err)
	}
	return nil
}

// StandardOf reads one dataset's standard; ok is false for a dataset with
// no row (an OpenActive one).
func StandardOf(ctx context.Context, st store.Store, datasetID string) (s Standard, ok bool, err error) {
	rows, err := st.Query(ctx, "SELECT dataset_id, standard, version, declared_version, api_url FROM dataset_standards"+st.Final()+
		" WHERE dataset_id = @d ORDER BY seq DESC LIMIT 1", store.A("d", datasetID))
	if err != nil {
		return s, false, fmt.Errorf("read the standard of %s: %w", datasetID, err)
	}
	defer rows.Close()
	if !rows.Next() {
		return s, false, rows.Err()
	}
	err = rows.Scan(&s.DatasetID, &s.Standard, &s.Version, &s.Declared, &s.APIURL)
	return s, err == nil, err
}

// standard is the row an attempt writes for its feed's dataset.
func (r *run) standard(res WalkResult) Standard {
	v := sniff.Version(res.Style)
	if v == "" {
		v = sniff.Version(r.feed.Kind)
	}
	return Standard{DatasetID: r.feed.DatasetID, Standard: StandardORUK, Version: v,
		Declared: sniff.Version(r.feed.Kind), APIURL: r.feed.URL}
}
