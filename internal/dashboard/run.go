package dashboard

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
)

// Runner runs dashboards' queries on a store.
type Runner struct {
	Store   store.Store
	Catalog *query.Catalog
	Log     *slog.Logger // nil: discard
	// Parallel bounds how many of a page's queries run at once (0: all).
	Parallel int
	// OptionsTTL keeps filter choices loaded from queries for a while
	// (0: reload on every page).
	OptionsTTL time.Duration

	mu      sync.Mutex
	options map[string]cachedOptions
}

// Result is one panel's data, or the reason it has none.
type Result struct {
	Panel   *Panel
	Def     *query.Def
	Params  map[string]string
	Data    *query.Result
	Err     error
	Elapsed time.Duration
}

// Run loads every panel of d concurrently, each bounded by its own
// timeout (at most Parallel queries at once). Panels asking the same query
// with the same parameters share one run. It always returns one Result per
// panel, in page order.
func (r *Runner) Run(ctx context.Context, d *Dashboard, v Vars) []*Result {
	out := make([]*Result, len(d.Panels))
	var sem chan struct{}
	if r.Parallel > 0 {
		sem = make(chan struct{}, r.Parallel)
	}
	calls := map[string]*call{}
	var order []*call
	for i, p := range d.Panels {
		params := v.Params(p.Params)
		key := callKey(p.Query, params)
		c, shared := calls[key]
		if !shared {
			c = &call{name: p.Query, params: params}
			calls[key] = c
			order = append(order, c)
		}
		c.timeout = max(c.timeout, p.Timeout)
		out[i] = &Result{Panel: p, Params: params}
	}
	var wg sync.WaitGroup
	for _, c := range order {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if sem != nil {
				sem <- struct{}{}
				defer func() { <-sem }()
			}
			c.run(ctx, r)
		}()
	}
	wg.Wait()
	for _, res := range out {
		c := calls[callKey(res.Panel.Query, res.Params)]
		res.Data, res.Def, res.Err, res.Elapsed = c.data, c.def, c.err, c.elapsed
		r.logFailure(res)
	}
	return out
}

// call is one query run shared by the panels that ask for it.
type call struct {
	name    string
	params  map[string]string
	timeout time.Duration
	data    *query.Result
	def     *query.Def
	err     error
	elapsed time.Duration
}

func (c *call) run(ctx context.Context, r *Runner) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	c.data, c.def, c.err = r.query(ctx, c.name, c.params)
	c.elapsed = time.Since(start)
}

func callKey(name string, params map[string]string) string {
	var b strings.Builder
	b.WriteString(name)
	for _, k := range sortedKeys(params) {
		b.WriteString("\x00" + k + "=" + params[k])
	}
	return b.String()
}

// RunPanel loads one panel with its timeout.
func (r *Runner) RunPanel(ctx context.Context, p *Panel, v Vars) *Result {
	res := &Result{Panel: p, Params: v.Params(p.Params)}
	c := &call{name: p.Query, params: res.Params, timeout: p.Timeout}
	c.run(ctx, r)
	res.Data, res.Def, res.Err, res.Elapsed = c.data, c.def, c.err, c.elapsed
	r.logFailure(res)
	return res
}

func (r *Runner) logFailure(res *Result) {
	if res.Err != nil && r.Log != nil {
		r.Log.Warn("panel failed", "panel", res.Panel.ID, "query", res.Panel.Query,
			"elapsed_ms", res.Elapsed.Milliseconds(), "err", res.Err)
	}
}

func (r *Runner) query(ctx context.Context, name string, params map[string]string) (*query.Result, *query.Def, error) {
	def, err := r.Catalog.Get(name)
	if err != nil {
		return nil, nil, err
	}
	args, err := def.Bind(params)
	if err != nil {
		return nil, def, err
	}
	data, err := query.Run(ctx, r.Store, def, args)
	if err != nil && ctx.Err() != nil {
		err = fmt.Errorf("%w: %v", ctx.Err(), err)
	}
	return data, def, err
}

// Problem says in plain words why a panel has no data.
func Problem(p *Panel, err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("This took longer than %s to load and was stopped. Try again in a moment, or narrow the filters.", p.Timeout)
	case errors.Is(err, context.Canceled):
		return "Loading was cancelled."
	case errors.Is(err, store.ErrUnavailable):
		return "The data store could not be reached, so this cannot be shown just now. Try again in a moment."
	case errors.Is(err, query.ErrBadParam):
		return "A filter value is not valid here: " + firstLine(err)
	}
	return "This could not be loaded because of a problem on our side. It has been logged; try again later."
}

func firstLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}
