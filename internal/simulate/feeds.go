package simulate

import (
	"compress/gzip"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// feedPage serves one RPDE page of a feed as at the server's clock.
func (s *Server) feedPage(w http.ResponseWriter, r *http.Request) {
	_, f, ok := s.lookup(r)
	if !ok || f == nil {
		http.NotFound(w, r)
		return
	}
	self := base(r) + r.URL.RequestURI()
	if s.blockingFault(w, r, f) {
		return
	}
	if fl, ok := f.fault("slow"); ok {
		d := s.cfg.SlowDelay
		if p, err := time.ParseDuration(fl.Param); err == nil {
			d = p
		}
		select {
		case <-time.After(d):
		case <-r.Context().Done():
			return
		}
	}
	if fl, ok := f.fault("403-ratelimit"); ok && s.hit(fl.Name, self) <= fl.count(1) {
		http.Error(w, "Forbidden", http.StatusForbidden)
		return
	}
	ix := s.w.indexAt(f, s.clock.Load())
	a := 0
	if t, key, ok := f.parseCursor(r.URL.Query()); ok {
		a = ix.after(t, key)
	}
	b := min(a+s.cfg.PageSize, len(ix.entries))
	mode := pageNormal
	if trigger(ix, a, b, s.cfg.PageSize) {
		if mode, ok = s.deepFault(w, f, self); !ok {
			return
		}
	}
	s.writePage(w, r, f, ix, a, b, self, mode)
}

type pageMode int

const (
	pageNormal pageMode = iota
	pageMalformed
	pageSelfLoop
)

// trigger says whether the page [a, b) is the "deep" page faults hit: the
// one holding position min(2 pages, half the feed).
func trigger(ix *index, a, b, pageSize int) bool {
	n := len(ix.entries)
	if n == 0 {
		return false
	}
	p := min(2*pageSize, n/2)
	return a <= p && p < b
}

// deepFault applies the faults of the deep page; ok is false when the
// response has been written.
func (s *Server) deepFault(w http.ResponseWriter, f *feed, self string) (pageMode, bool) {
	if fl, ok := f.fault("500-deep"); ok && (fl.permanent() || s.hit(fl.Name, self) <= fl.count(4)) {
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return 0, false
	}
	if fl, ok := f.fault("429"); ok && s.hit(fl.Name, self) == 1 {
		w.Header().Set("Retry-After", "1")
		http.Error(w, "Too Many Requests", http.StatusTooManyRequests)
		return 0, false
	}
	if fl, ok := f.fault("429-long"); ok && s.hit(fl.Name, self) == 1 {
		w.Header().Set("Retry-After", "7200")
		http.Error(w, "Too Many Requests", http.StatusTooManyRequests)
		return 0, false
	}
	if fl, ok := f.fault("malformed"); ok && (fl.permanent() || s.hit(fl.Name, self) <= fl.count(1)) {
		return pageMalformed, true
	}
	if fl, ok := f.fault("self-loop"); ok && (fl.permanent() || s.hit(fl.Name, self) <= fl.count(1)) {
		return pageSelfLoop, true
	}
	return pageNormal, true
}

// writePage writes entries [a, b) with the right `next`.
func (s *Server) writePage(w http.ResponseWriter, r *http.Request, f *feed, ix *index, a, b int, self string, mode pageMode) {
	next := self
	if b > a && mode != pageSelfLoop {
		next = base(r) + f.path() + "?" + f.cursorQuery(ix.entries[b-1])
	}
	if _, ok := f.fault("relative-next"); ok {
		next = relative(next, base(r)+f.path())
	}
	buf := make([]byte, 0, 64+(b-a)*1600)
	buf = append(buf, `{"next":`...)
	buf = appendString(buf, next)
	buf = append(buf, `,"items":[`...)
	for i := a; i < b; i++ {
		if i > a {
			buf = append(buf, ',')
		}
		buf = s.w.appendItem(buf, f, ix.entries[i])
	}
	buf = append(buf, `],"license":"`+ccBy+`"}`...)
	if mode == pageMalformed {
		buf = buf[:len(buf)/2]
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	if b == a {
		h.Set("Cache-Control", "public, max-age=8")
	} else {
		h.Set("Cache-Control", "public, max-age=3600")
	}
	if s.cfg.Gzip && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		zw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
		zw.Write(buf)
		zw.Close()
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(buf)))
	w.Write(buf)
}

// relative rewrites an absolute next link relative to the feed's path.
func relative(next, feedURL string) string {
	dir := feedURL[:strings.LastIndex(feedURL, "/")+1]
	return strings.TrimPrefix(next, dir)
}
