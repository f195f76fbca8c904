package simulate

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strconv"
)

// blockingFault serves the faults that make a feed unreadable; it reports
// whether it wrote the response.
func (s *Server) blockingFault(w http.ResponseWriter, r *http.Request, f *feed) bool {
	switch {
	case has(f, "not-json"):
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Sorry, something went wrong</h1><p>Please try again later.</p></body></html>"))
	case has(f, "gzip-bomb"):
		s.bombOnce.Do(func() { s.bomb = gzipBomb(1 << 30) })
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", strconv.Itoa(len(s.bomb)))
		w.Write(s.bomb)
	case has(f, "huge-page"):
		hugePage(w, f)
	case has(f, "redirect-private"):
		fl, _ := f.fault("redirect-private")
		to := "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
		if fl.Param == "loopback" {
			to = "http://127.0.0.2:" + strconv.Itoa(s.port) + r.URL.RequestURI()
		}
		http.Redirect(w, r, to, http.StatusFound)
	default:
		return false
	}
	return true
}

func has(f *feed, name string) bool {
	_, ok := f.fault(name)
	return ok
}

// gzipBomb is a gzip body that expands to size bytes of JSON whitespace:
// one small member compressed once, repeated (gzip allows many members).
func gzipBomb(size int64) []byte {
	const chunk = 1 << 20
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(bytes.Repeat([]byte(" "), chunk))
	zw.Close()
	n := int(size / chunk)
	return bytes.Repeat(member.Bytes(), n)
}

// hugePage streams a 2 GiB page, generated as it is written; a client that
// stops reading stops it.
func hugePage(w http.ResponseWriter, f *feed) {
	const total = int64(2) << 30
	fl, _ := f.fault("huge-page")
	w.Header().Set("Content-Type", "application/json")
	if fl.Param == "content-length" {
		w.Header().Set("Content-Length", strconv.FormatInt(total, 10))
	}
	item := []byte(`{"state":"deleted","kind":"SessionSeries","id":"x","modified":1},`)
	block := bytes.Repeat(item, (64<<10)/len(item))
	head := []byte(`{"next":"http://x.example/","license":"` + ccBy + `","items":[`)
	written, _ := w.Write(head)
	for n := int64(written); n < total-int64(len(block)); n += int64(len(block)) {
		if _, err := w.Write(block); err != nil {
			return
		}
	}
}
