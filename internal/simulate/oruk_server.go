package simulate

import (
	"net/http"
	"strconv"
	"strings"
)

func (s *Server) orukRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /oruk/{i}", s.orukRoot)
	m.HandleFunc("GET /oruk/{i}/{$}", s.orukRoot)
	m.HandleFunc("GET /oruk/{i}/services", s.orukList)
	m.HandleFunc("GET /oruk/{i}/services/{id}", s.orukDetail)
	m.HandleFunc("GET /_control/oruk", func(w http.ResponseWriter, r *http.Request) { writeAny(w, s.ORUKFeeds()) })
}

// orukFeed finds the feed a request names, answering 404 or the
// blocked-ua 403 itself; ok is false when it answered.
func (s *Server) orukFeed(w http.ResponseWriter, r *http.Request) (int, bool) {
	i, err := strconv.Atoi(r.PathValue("i"))
	if err != nil || i < 0 || i >= len(s.oruk.feeds) {
		http.NotFound(w, r)
		return 0, false
	}
	if s.oruk.feeds[i].has("blocked-ua") && strings.Contains(strings.ToLower(r.UserAgent()), "feedgauge") {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte("<html><body><h1>Access denied</h1><p>Your request was blocked by our firewall.</p></body></html>"))
		return 0, false
	}
	if s.oruk.feeds[i].Version == 3 {
		w.Header().Set("Access-Control-Allow-Origin", "*")
	}
	return i, true
}

// orukRoot is `GET /`: the v3 root, or the v3 claim of a v1 feed; v1 feeds
// have none.
func (s *Server) orukRoot(w http.ResponseWriter, r *http.Request) {
	i, ok := s.orukFeed(w, r)
	if !ok {
		return
	}
	f := s.oruk.feeds[i]
	if f.Version == 1 && !f.has("claims-v3") {
		http.NotFound(w, r)
		return
	}
	writeAny(w, map[string]string{"version": "HSDS-UK-3.0", "profile": "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md",
		"openapi_url": "https://docs.openreferraluk.org/en/latest/openapi30.json"})
}

// orukList is `GET /services?page=&per_page=`.
func (s *Server) orukList(w http.ResponseWriter, r *http.Request) {
	i, ok := s.orukFeed(w, r)
	if !ok {
		return
	}
	f := s.oruk.feeds[i]
	p, n := queryInt(r, "page", 1), min(queryInt(r, "per_page", f.PageSize), f.PageSize)
	if p < 1 || n < 1 {
		http.Error(w, "page and per_page must be positive", http.StatusBadRequest)
		return
	}
	if f.has("html-error") && p == min(2, s.oruk.pages(i, n)) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<!DOCTYPE html><html><head><title>Server Error</title></head><body><h1>Server Error in '/' Application.</h1></body></html>"))
		return
	}
	writeAny(w, s.oruk.page(i, p, n))
}

// orukDetail is `GET /services/{id}`: the full service.
func (s *Server) orukDetail(w http.ResponseWriter, r *http.Request) {
	i, ok := s.orukFeed(w, r)
	if !ok {
		return
	}
	for j := 0; j < s.oruk.feeds[i].Services; j++ {
		if s.oruk.hasID(i, j) && s.oruk.serviceID(i, j) == r.PathValue("id") {
			writeAny(w, s.oruk.full(i, j))
			return
		}
	}
	http.NotFound(w, r)
}

func queryInt(r *http.Request, key string, def int) int {
	v := r.URL.Query().Get(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return -1
	}
	return n
}

// pages is how many pages feed i has at page size n.
func (w *orukWorld) pages(i, n int) int { return (w.feeds[i].Services + n - 1) / n }

// full is entry j in the feed's version.
func (w *orukWorld) full(i, j int) map[string]any {
	s := w.orukService(i, j)
	if w.feeds[i].Version == 1 {
		return v1Service(s)
	}
	return s
}

// page builds page p of feed i at size n, with the feed's pagination
// style and faults.
func (w *orukWorld) page(i, p, n int) any {
	f := w.feeds[i]
	from, to := w.pageRange(i, p, n)
	list := []any{}
	for j := from; j < to; j++ {
		if f.Version == 1 {
			list = append(list, w.full(i, j))
		} else {
			list = append(list, listEntry(w.orukService(i, j)))
		}
	}
	pages := w.pages(i, n)
	if f.has("total-pages-lie") {
		pages = max(1, pages/2)
	}
	switch {
	case f.has("bad-pagination"):
		return map[string]any{"services": list, "count": f.Services, "page": p, "pages": pages}
	case f.Version == 1:
		return map[string]any{"totalElements": f.Services, "totalPages": pages, "number": p, "size": n,
			"first": p == 1, "last": p >= pages, "content": list}
	}
	return map[string]any{"total_items": f.Services, "total_pages": pages, "page_number": p, "size": n,
		"first_page": p == 1, "last_page": p >= pages, "empty": len(list) == 0, "contents": list}
}
