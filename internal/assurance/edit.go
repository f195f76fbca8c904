package assurance

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
)

// ErrNotFound is returned for an entry id the register does not hold.
var ErrNotFound = errors.New("no such register entry")

func (c Change) normalise(source string) (Change, error) {
	c.By = strings.TrimSpace(c.By)
	if c.By == "" {
		return c, errors.New("say who is making the change: every register change records its author")
	}
	if c.At.IsZero() {
		c.At = time.Now()
	}
	c.At = c.At.UTC().Truncate(time.Second)
	if c.Source == "" {
		c.Source = source
	}
	return c, nil
}

// Add adds an entry (an id is made from its identity when it has none) and
// returns it with the revision number of the change.
func Add(ctx context.Context, st store.Store, e domain.RegisterEntry, ch Change) (domain.RegisterEntry, int64, error) {
	ch, err := ch.normalise("admin")
	if err != nil {
		return e, 0, err
	}
	e = Normalise(e)
	if err := Validate(e); err != nil {
		return e, 0, err
	}
	if e.ID == "" {
		e.ID = IdentityID(e)
	}
	writeMu.Lock()
	defer writeMu.Unlock()
	if cur, ok, err := current(ctx, st, e.ID); err != nil {
		return e, 0, err
	} else if ok {
		return e, 0, fmt.Errorf("%w: the register already has this check (%s, %s); edit that entry instead", ErrInvalid, cur.ID, cur.Scheme)
	}
	rev, err := putRevisions(ctx, st, []Revision{{EntryID: e.ID, Action: ActionAdd, By: ch.By, At: ch.At, Source: ch.Source,
		Reason: ch.Reason, After: e}})
	return e, rev, err
}

// Edit replaces an entry's fields (matched by e.ID), recording before and
// after. An edit that changes nothing writes nothing and returns 0.
func Edit(ctx context.Context, st store.Store, e domain.RegisterEntry, ch Change) (int64, error) {
	return update(ctx, st, e.ID, ch, ActionEdit, func(domain.RegisterEntry) (domain.RegisterEntry, error) {
		e = Normalise(e)
		return e, Validate(e)
	})
}

// Expire ends an entry on the given date (00:00 UTC; today when zero): it
// stops being current from then, and stays in the register and its history.
func Expire(ctx context.Context, st store.Store, id string, on time.Time, ch Change) (int64, error) {
	return update(ctx, st, id, ch, ActionExpire, func(cur domain.RegisterEntry) (domain.RegisterEntry, error) {
		if on.IsZero() {
			on = ch.At
			if on.IsZero() {
				on = time.Now()
			}
		}
		cur.ExpiresOn = day(on)
		if cur.ExpiresOn.Before(cur.AssuredOn) {
			cur.ExpiresOn = cur.AssuredOn
		}
		return cur, nil
	})
}

// Remove takes an entry out of the register (a removal revision; its
// history is kept).
func Remove(ctx context.Context, st store.Store, id string, ch Change) (int64, error) {
	return update(ctx, st, id, ch, ActionRemove, func(cur domain.RegisterEntry) (domain.RegisterEntry, error) {
		return cur, nil
	})
}

func update(ctx context.Context, st store.Store, id string, ch Change, action string,
	fn func(domain.RegisterEntry) (domain.RegisterEntry, error)) (int64, error) {
	ch, err := ch.normalise("admin")
	if err != nil {
		return 0, err
	}
	writeMu.Lock()
	defer writeMu.Unlock()
	cur, ok, err := current(ctx, st, id)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	next, err := fn(cur)
	if err != nil {
		return 0, err
	}
	next.ID = id
	if action != ActionRemove && sameContent(cur, next) {
		return 0, nil
	}
	before := cur
	return putRevisions(ctx, st, []Revision{{EntryID: id, Action: action, By: ch.By, At: ch.At, Source: ch.Source,
		Reason: ch.Reason, Removed: action == ActionRemove, Before: &before, After: next}})
}

// current reads an entry's latest state (all revisions, whatever their
// time); ok is false when it does not exist or was removed.
func current(ctx context.Context, st store.Store, id string) (domain.RegisterEntry, bool, error) {
	revs, err := History(ctx, st, id)
	if err != nil || len(revs) == 0 {
		return domain.RegisterEntry{}, false, err
	}
	last := revs[len(revs)-1]
	e := last.After
	e.ID = id
	return e, !last.Removed, nil
}

// Get returns an entry's latest state.
func Get(ctx context.Context, st store.Store, id string) (domain.RegisterEntry, bool, error) {
	return current(ctx, st, id)
}
