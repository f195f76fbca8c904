package report

import (
	"context"
	"fmt"
	"sync"

	"github.com/feedgauge/feedgauge/internal/query"
)

// prefetchWorkers bounds how many sheet queries run at once: the store does
// the work, and ClickHouse spreads one query over its cores anyway.
const prefetchWorkers = 4

// prefetch runs the queries of every non-streamed sheet concurrently before
// any cell is written, so a workbook of several sheets costs about its
// slowest query rather than their sum. The first failure cancels the rest.
func (w *workbook) prefetch(ctx context.Context) (map[*SheetDef]*query.Result, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		wg       sync.WaitGroup
		firstErr error
		out      = map[*SheetDef]*query.Result{}
		slots    = make(chan struct{}, prefetchWorkers)
	)
	for _, sh := range w.def.Sheets {
		if sh.query == nil || sh.Stream {
			continue
		}
		args, err := sh.query.Bind(w.sheetParams(sh))
		if err != nil {
			return nil, fmt.Errorf("report %s sheet %q: %w", w.def.Name, sh.Name, err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			res, err := query.Run(ctx, w.st, sh.query, args)
			mu.Lock()
			defer mu.Unlock()
			if err != nil && firstErr == nil {
				firstErr = fmt.Errorf("report %s sheet %q: %w", w.def.Name, sh.Name, err)
				cancel()
			}
			out[sh] = res
		}()
	}
	wg.Wait()
	return out, firstErr
}
