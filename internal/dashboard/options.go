package dashboard

import (
	"context"
	"sync"
	"time"

	"github.com/feedgauge/feedgauge/internal/query"
)

type cachedOptions struct {
	opts []Option
	at   time.Time
}

// Options loads the choices of every select filter whose options come from
// a query, concurrently; a failed load leaves the static options.
func (r *Runner) Options(ctx context.Context, d *Dashboard, v Vars) map[string][]Option {
	out := map[string][]Option{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, f := range d.Filters {
		if f.OptionsQuery == "" {
			mu.Lock()
			out[f.Name] = f.Options
			mu.Unlock()
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			opts := r.filterOptions(ctx, f, v)
			mu.Lock()
			out[f.Name] = opts
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

func (r *Runner) filterOptions(ctx context.Context, f *Filter, v Vars) []Option {
	params := v.Params(f.OptionsParams)
	key := callKey(f.OptionsQuery, params) + "\x00" + f.Name
	r.mu.Lock()
	c, ok := r.options[key]
	r.mu.Unlock()
	if ok && time.Since(c.at) < r.OptionsTTL {
		return c.opts
	}
	opts, err := r.loadOptions(ctx, f, params)
	if err != nil {
		if r.Log != nil {
			r.Log.Warn("filter options failed", "filter", f.Name, "err", err)
		}
		return f.Options
	}
	r.mu.Lock()
	if r.options == nil {
		r.options = map[string]cachedOptions{}
	}
	r.options[key] = cachedOptions{opts, time.Now()}
	r.mu.Unlock()
	return opts
}

func (r *Runner) loadOptions(ctx context.Context, f *Filter, params map[string]string) ([]Option, error) {
	ctx, cancel := context.WithTimeout(ctx, DefaultTimeout)
	defer cancel()
	data, def, err := r.query(ctx, f.OptionsQuery, params)
	if err != nil {
		return nil, err
	}
	vi, li, gi := colIndex(def, f.OptionValue), colIndex(def, f.OptionLabel), colIndex(def, f.OptionGroup)
	opts := append([]Option(nil), f.Options...)
	for _, row := range data.Rows {
		o := Option{Value: query.Cell(row[vi]), Label: query.Cell(row[li])}
		if o.Label == "" {
			o.Label = o.Value
		}
		if gi >= 0 {
			o.Group = query.Cell(row[gi])
		}
		opts = append(opts, o)
	}
	return opts, nil
}

func colIndex(def *query.Def, name string) int {
	for i, c := range def.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}
