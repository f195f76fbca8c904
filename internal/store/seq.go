package store

import (
	"sync/atomic"
	"time"
)

// seq hands out increasing version numbers for upserts. Seeding it from the
// clock keeps it increasing across restarts, so "stored last" stays true.
var seq atomic.Int64

func init() { seq.Store(time.Now().UnixNano()) }

// NextSeq returns n consecutive version numbers; the first is returned.
func NextSeq(n int) int64 { return seq.Add(int64(n)) - int64(n) + 1 }
