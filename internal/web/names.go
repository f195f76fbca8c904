package web

import (
	"context"
	"sync"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
)

// names caches area names (places and PCNs) for page titles, refreshed
// at most once a minute.
type names struct {
	mu     sync.Mutex
	byCode map[string]string
	loaded time.Time
}

const pingTimeout = 2 * time.Second

// areaName returns the loaded name of a place or PCN code, or the code.
func (s *Server) areaName(ctx context.Context, code string) string {
	s.names.mu.Lock()
	defer s.names.mu.Unlock()
	if s.names.byCode == nil || time.Since(s.names.loaded) > time.Minute {
		m := map[string]string{}
		s.collectNames(ctx, "places", nil, "code", "name", m)
		s.collectNames(ctx, "area_summary", map[string]string{"level": "pcn"}, "area_code", "area_name", m)
		s.names.byCode, s.names.loaded = m, time.Now()
	}
	if n := s.names.byCode[code]; n != "" {
		return n
	}
	return code
}

func (s *Server) collectNames(ctx context.Context, q string, params map[string]string, codeCol, nameCol string, into map[string]string) {
	res, err := s.runQuery(ctx, q, params)
	if err != nil {
		s.log.Debug("area names", "query", q, "err", err)
		return
	}
	ci, ni := colIdx(res, codeCol), colIdx(res, nameCol)
	for _, row := range res.Rows {
		if row[ni] != nil {
			into[query.Cell(row[ci])] = query.Cell(row[ni])
		}
	}
}

// datasetName returns a dataset's name, or its id.
func (s *Server) datasetName(ctx context.Context, id string) string {
	res, err := s.runQuery(ctx, "datasets", map[string]string{"dataset": id})
	if err != nil || len(res.Rows) == 0 {
		return id
	}
	if n := query.Cell(res.Rows[0][colIdx(res, "name")]); n != "" {
		return n
	}
	return id
}

// runQuery runs a named query with raw parameters and a bounded time.
func (s *Server) runQuery(ctx context.Context, name string, params map[string]string) (*query.Result, error) {
	def, err := s.opts.Catalog.Get(name)
	if err != nil {
		return nil, err
	}
	args, err := def.Bind(params)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	res, err := query.Run(ctx, s.opts.Store, def, args)
	return res, s.storeErr(ctx, err)
}

func colIdx(res *query.Result, name string) int {
	for i, c := range res.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}
