package oruk

import "sync"

// idCacheSize bounds an idCache: a dataset's organisations, places and
// terms number in the hundreds, so a full cache is simply started again.
const idCacheSize = 4096

// idCache remembers uuid5 ids of names that recur across activities (an
// organisation, a place, a term): hashing them again was a large part of
// the crosswalk. One Scorer serves concurrent passes, hence the lock; it
// is held only for a map look-up, never while hashing.
type idCache struct {
	mu sync.Mutex
	m  map[string]string
}

// uuid5 is uuid5 of the parts, remembered. A nil cache only computes.
func (ic *idCache) uuid5(parts ...string) string {
	if ic == nil {
		return uuid5(parts...)
	}
	var buf [192]byte
	name := appendName(buf[:0], parts)
	ic.mu.Lock()
	id, ok := ic.m[string(name)]
	ic.mu.Unlock()
	if ok {
		return id
	}
	id = uuidOf(name)
	ic.mu.Lock()
	if ic.m == nil || len(ic.m) >= idCacheSize {
		ic.m = make(map[string]string, 256)
	}
	ic.m[string(name)] = id
	ic.mu.Unlock()
	return id
}
