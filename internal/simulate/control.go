package simulate

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"
)

// The control endpoints let a simulator started by `feedgauge simulate` be
// driven from outside:
//
//	GET  /_control/clock            → {"clock":"2026-01-05T00:00:00Z"}
//	POST /_control/clock?t=RFC3339  (or a JSON body {"clock":"…"}) sets it
//	GET  /_control/truth?feed=URL[&at=RFC3339] → FeedTruth as JSON
//	GET  /_control/datasets         → every dataset, feed and fault

func (s *Server) getClock(w http.ResponseWriter, r *http.Request) {
	writeAny(w, map[string]string{"clock": s.Clock().Format(time.RFC3339)})
}

func (s *Server) postClock(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("t")
	if v == "" {
		var body struct {
			Clock string `json:"clock"`
		}
		b, _ := io.ReadAll(io.LimitReader(r.Body, 4096))
		if err := json.Unmarshal(b, &body); err == nil {
			v = body.Clock
		}
	}
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(v))
	if err != nil {
		http.Error(w, "give the clock as ?t=2026-01-05T00:00:00Z (RFC 3339)", http.StatusBadRequest)
		return
	}
	s.SetClock(t)
	s.getClock(w, r)
}

func (s *Server) truthHandler(w http.ResponseWriter, r *http.Request) {
	at := s.Clock()
	if v := r.URL.Query().Get("at"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			http.Error(w, "at must be RFC 3339", http.StatusBadRequest)
			return
		}
		at = t
	}
	tr, err := s.Truth(r.URL.Query().Get("feed"), at)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	writeAny(w, map[string]any{"updated": tr.Updated, "deleted": tr.Deleted, "blocked": tr.Blocked, "at": at.Format(time.RFC3339)})
}

func (s *Server) datasetsHandler(w http.ResponseWriter, r *http.Request) {
	writeAny(w, s.Datasets())
}

func writeAny(w http.ResponseWriter, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, "application/json", b)
}
