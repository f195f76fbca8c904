package simulate

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Server is a running simulation.
type Server struct {
	w     *world
	oruk  *orukWorld
	cfg   Config
	ln    net.Listener
	srv   *http.Server
	clock atomic.Int64
	port  int

	hitMu sync.Mutex
	hits  map[string]int

	bombOnce sync.Once
	bomb     []byte
}

// Start builds the world of cfg and serves it on cfg.Addr until Close or
// until ctx is done.
func Start(ctx context.Context, cfg Config) (*Server, error) {
	cfg = cfg.withDefaults()
	w, err := newWorld(cfg)
	if err != nil {
		return nil, err
	}
	ow, err := newORUKWorld(cfg, w.vocab)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("simulate: listen on %s: %w", cfg.Addr, err)
	}
	s := &Server{w: w, oruk: ow, cfg: cfg, ln: ln, hits: map[string]int{}, port: ln.Addr().(*net.TCPAddr).Port}
	s.clock.Store(cfg.Clock.Unix())
	s.srv = &http.Server{Handler: s.routes(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			cfg.Logger.Error("simulator stopped", "err", err)
		}
	}()
	go func() {
		<-ctx.Done()
		s.Close()
	}()
	cfg.Logger.Info("simulator listening", "url", s.URL(), "datasets", cfg.Datasets, "seed", cfg.Seed)
	return s, nil
}

// URL is the server's base URL, http://127.0.0.1:PORT.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// CatalogueURL is the data-catalogue collection (the discovery root).
func (s *Server) CatalogueURL() string { return s.URL() + "/data-catalog-collection.jsonld" }

// PreviewCatalogueURL is the preview collection.
func (s *Server) PreviewCatalogueURL() string {
	return s.URL() + "/data-catalog-collection-preview.jsonld"
}

// SetClock sets the "as at" time the server serves its state at.
func (s *Server) SetClock(t time.Time) { s.clock.Store(t.Unix()) }

// Clock is the current "as at" time.
func (s *Server) Clock() time.Time { return time.Unix(s.clock.Load(), 0).UTC() }

// Epoch is the anchor of the simulated history.
func (s *Server) Epoch() time.Time { return s.cfg.Epoch }

// Close stops the server.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if err != nil {
		err = s.srv.Close()
	}
	return err
}

func (s *Server) routes() *http.ServeMux {
	m := http.NewServeMux()
	m.HandleFunc("GET /data-catalog-collection.jsonld", s.collection(false))
	m.HandleFunc("GET /data-catalog-collection-preview.jsonld", s.collection(true))
	m.HandleFunc("GET /catalogues/{name}", s.catalogue)
	m.HandleFunc("GET /datasets/{i}/{$}", s.site)
	m.HandleFunc("GET /preview/{i}/{$}", s.site)
	m.HandleFunc("GET /datasets/{i}/feeds/{path}", s.feedPage)
	m.HandleFunc("GET /preview/{i}/feeds/{path}", s.feedPage)
	m.HandleFunc("GET /_control/clock", s.getClock)
	m.HandleFunc("POST /_control/clock", s.postClock)
	m.HandleFunc("GET /_control/truth", s.truthHandler)
	m.HandleFunc("GET /_control/datasets", s.datasetsHandler)
	s.orukRoutes(m)
	return m
}

// lookup finds the dataset (and feed) a request path names.
func (s *Server) lookup(r *http.Request) (*dataset, *feed, bool) {
	i, err := strconv.Atoi(r.PathValue("i"))
	if err != nil || i < 0 || i >= len(s.w.datasets) {
		return nil, nil, false
	}
	d := s.w.datasets[i]
	if d.preview != (r.URL.Path[:9] == "/preview/") {
		return nil, nil, false
	}
	path := r.PathValue("path")
	if path == "" {
		return d, nil, true
	}
	for _, f := range d.feeds {
		if f.spec.path == path {
			return d, f, true
		}
	}
	return nil, nil, false
}

// hit counts requests of one URL for one fault and returns the count.
func (s *Server) hit(fault, url string) int {
	s.hitMu.Lock()
	defer s.hitMu.Unlock()
	s.hits[fault+"|"+url]++
	return s.hits[fault+"|"+url]
}

func base(r *http.Request) string { return "http://" + r.Host }
