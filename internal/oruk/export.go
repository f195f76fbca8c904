package oruk

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// ExportRow is one OpenActive activity to export: its key, what scoring
// knows of it and the stored JSON of the item that carries it (the
// oruk_export named query).
type ExportRow struct {
	DatasetID, ActivityID string
	NextOccurrence        *time.Time
	LastChange            *time.Time
	Upcoming              float64
	Data                  []byte
}

// ExportProblem is an activity that could not be exported, and why.
type ExportProblem struct {
	ActivityID string
	Reason     string
}

// ExportResult is a v3 /services page of converted services, with what
// could not be converted.
type ExportResult struct {
	Page     V3Page
	Problems []ExportProblem
}

// Export converts OpenActive activities to ORUK v3 services and validates
// each against the shipped ORUK v3 schema (format assertion on). A service
// that fails the schema is left out and reported, never written.
func (s *Scorer) Export(rows []ExportRow, v *Validator) (ExportResult, error) {
	res := ExportResult{Page: V3Page{Contents: []V3Service{}}}
	for _, r := range rows {
		svc, err := s.exportOne(r, v)
		if err != nil {
			res.Problems = append(res.Problems, ExportProblem{ActivityID: r.ActivityID, Reason: err.Error()})
			continue
		}
		res.Page.Contents = append(res.Page.Contents, svc)
	}
	n := len(res.Page.Contents)
	res.Page.TotalItems, res.Page.TotalPages, res.Page.PageNumber, res.Page.Size = n, 1, 1, n
	res.Page.FirstPage, res.Page.LastPage, res.Page.Empty = true, true, n == 0
	b, err := json.Marshal(res.Page)
	if err != nil {
		return res, fmt.Errorf("write the ORUK page: %w", err)
	}
	if err := v.Page(b); err != nil {
		return res, fmt.Errorf("the exported ORUK page fails the ORUK v3 schema: %w", err)
	}
	return res, nil
}

func (s *Scorer) exportOne(r ExportRow, v *Validator) (V3Service, error) {
	if len(r.Data) == 0 {
		return V3Service{}, fmt.Errorf("its stored JSON is no longer held")
	}
	data, err := jsonld.Parse(r.Data)
	if err != nil || !data.IsObject() {
		return V3Service{}, fmt.Errorf("its stored JSON is not an object")
	}
	h := Hints{DatasetID: r.DatasetID, ActivityID: r.ActivityID, NextOccurrence: r.NextOccurrence, LastChange: r.LastChange,
		Upcoming: r.Upcoming > 0, Label: s.labels, London: s.london, ids: s.ids}
	cw := convert(findActivity(data, r.ActivityID), h)
	b, err := json.Marshal(cw.Service)
	if err != nil {
		return V3Service{}, err
	}
	if err := v.Service(b); err != nil {
		return V3Service{}, fmt.Errorf("the converted service fails the ORUK v3 schema: %w", err)
	}
	return cw.Service, nil
}
