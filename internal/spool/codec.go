package spool

import (
	"time"
)

// magic starts every batch file, with the format version.
const magic = "feedgauge-spool 1\n"

// Batch is one write waiting for the store: exactly what Insert was given.
type Batch struct {
	Table    string
	Cols     []string
	Rows     [][]any
	QueuedAt time.Time
	// Columnar says the write came as columns (InsertColumns); it is
	// delivered the same way, with the same slice types.
	Columnar bool
}

// kind tags a value's Go type so it comes back as the same type: the store
// treats a nil *time.Time, an int and an int64 alike, but a spool must not
// guess.
type kind uint8

const (
	kNil kind = iota
	kString
	kInt
	kInt64
	kInt32
	kUint8
	kUint16
	kUint32
	kUint64
	kFloat64
	kBool
	kTime
	kTimePtr
	kTimePtrNil
	kIntPtr
	kIntPtrNil
	kFloatPtr
	kFloatPtrNil
	kList
	kListNil
	kBytes
	kRawJSON
)
