package harvest

import (
	"context"
	"sync"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
)

// batch is items and the cursor just past them.
type batch struct {
	items []domain.Item
	state domain.FeedState
}

// writer stores batches in the background, in order, items before the
// cursor, so fetching the next pages overlaps with writing. It is used
// during a first harvest, where nothing stored needs to be read back; one
// batch is written while at most one more waits.
type writer struct {
	st   store.Store
	ch   chan batch
	wg   sync.WaitGroup
	mu   sync.Mutex
	err  error
	free chan []domain.Item
}

func newWriter(ctx context.Context, st store.Store, onStored func([]domain.Item)) *writer {
	w := &writer{st: st, ch: make(chan batch, 1), free: make(chan []domain.Item, 2)}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		for b := range w.ch {
			if w.failed() == nil {
				w.setErr(write(ctx, st, b, onStored))
			}
			select {
			case w.free <- b.items[:0]:
			default:
			}
		}
	}()
	return w
}

// write stores one batch: items first, then the cursor. onStored, when set,
// sees the items once stored (with their Seq), before the cursor moves.
func write(ctx context.Context, st store.Store, b batch, onStored func([]domain.Item)) error {
	if err := store.PutItems(ctx, st, b.items); err != nil {
		return &storeError{err}
	}
	if onStored != nil {
		onStored(b.items)
	}
	if err := store.PutFeedState(ctx, st, b.state); err != nil {
		return &storeError{err}
	}
	return nil
}

// send queues a batch; it returns the first write error so far.
func (w *writer) send(b batch) error {
	if err := w.failed(); err != nil {
		return err
	}
	w.ch <- b
	return nil
}

// buffer returns a recycled item slice, or a new one.
func (w *writer) buffer(n int) []domain.Item {
	select {
	case b := <-w.free:
		return b
	default:
		return make([]domain.Item, 0, n)
	}
}

// close waits for every batch and returns the first error.
func (w *writer) close() error {
	close(w.ch)
	w.wg.Wait()
	return w.failed()
}

func (w *writer) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

func (w *writer) setErr(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = err
	}
}
