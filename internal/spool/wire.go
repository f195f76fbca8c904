package spool

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"time"
)

// The file format: magic, then table, columns, queued-at time and row
// count, then each value as a kind byte and its payload (varints, length-
// prefixed bytes, IEEE-754 bits), then a CRC-32 of everything before it.
// Strings are kept byte for byte, invalid UTF-8 included.

// crcWriter checksums what passes through it (in large chunks, below the
// buffer).
type crcWriter struct {
	w   io.Writer
	crc uint32
}

func (c *crcWriter) Write(p []byte) (int, error) {
	c.crc = crc32.Update(c.crc, crc32.IEEETable, p)
	return c.w.Write(p)
}

type writer struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

func (w *writer) raw(b []byte)     { w.w.Write(b) }
func (w *writer) byte(b byte)      { w.w.WriteByte(b) }
func (w *writer) varint(n int64)   { w.raw(w.buf[:binary.PutVarint(w.buf[:], n)]) }
func (w *writer) uvarint(n uint64) { w.raw(w.buf[:binary.PutUvarint(w.buf[:], n)]) }
func (w *writer) str(s string)     { w.uvarint(uint64(len(s))); w.w.WriteString(s) }

func (w *writer) time(t time.Time) {
	_, off := t.Zone()
	w.varint(t.Unix())
	w.uvarint(uint64(t.Nanosecond()))
	w.varint(int64(off))
}

// Encode writes a batch in the spool's file format.
func Encode(out io.Writer, b *Batch) error {
	cw := &crcWriter{w: out}
	w := &writer{w: bufio.NewWriterSize(cw, 1<<16)}
	w.w.WriteString(magic)
	w.str(b.Table)
	if b.Columnar {
		w.byte(1)
	} else {
		w.byte(0)
	}
	w.uvarint(uint64(len(b.Cols)))
	for _, c := range b.Cols {
		w.str(c)
	}
	w.time(b.QueuedAt)
	w.uvarint(uint64(len(b.Rows)))
	for i, r := range b.Rows {
		if len(r) != len(b.Cols) {
			return fmt.Errorf("spool %s: row %d has %d values for %d columns", b.Table, i, len(r), len(b.Cols))
		}
		for j, v := range r {
			if err := w.value(v); err != nil {
				return fmt.Errorf("spool %s column %s: %w", b.Table, b.Cols[j], err)
			}
		}
	}
	if err := w.w.Flush(); err != nil {
		return err
	}
	binary.BigEndian.PutUint32(w.buf[:4], cw.crc)
	_, err := out.Write(w.buf[:4])
	return err
}

func (w *writer) value(v any) error {
	switch x := v.(type) {
	case nil:
		w.byte(byte(kNil))
	case string:
		w.byte(byte(kString))
		w.str(x)
	case int:
		w.byte(byte(kInt))
		w.varint(int64(x))
	case int64:
		w.byte(byte(kInt64))
		w.varint(x)
	case int32:
		w.byte(byte(kInt32))
		w.varint(int64(x))
	case uint8:
		w.byte(byte(kUint8))
		w.uvarint(uint64(x))
	case uint16:
		w.byte(byte(kUint16))
		w.uvarint(uint64(x))
	case uint32:
		w.byte(byte(kUint32))
		w.uvarint(uint64(x))
	case uint64:
		w.byte(byte(kUint64))
		w.uvarint(x)
	case float64:
		w.byte(byte(kFloat64))
		w.uvarint(math.Float64bits(x))
	case bool:
		w.byte(byte(kBool))
		if x {
			w.byte(1)
		} else {
			w.byte(0)
		}
	case time.Time:
		w.byte(byte(kTime))
		w.time(x)
	case *time.Time:
		if x == nil {
			w.byte(byte(kTimePtrNil))
		} else {
			w.byte(byte(kTimePtr))
			w.time(*x)
		}
	case *int:
		if x == nil {
			w.byte(byte(kIntPtrNil))
		} else {
			w.byte(byte(kIntPtr))
			w.varint(int64(*x))
		}
	case *float64:
		if x == nil {
			w.byte(byte(kFloatPtrNil))
		} else {
			w.byte(byte(kFloatPtr))
			w.uvarint(math.Float64bits(*x))
		}
	case []string:
		if x == nil {
			w.byte(byte(kListNil))
			break
		}
		w.byte(byte(kList))
		w.uvarint(uint64(len(x)))
		for _, s := range x {
			w.str(s)
		}
	case json.RawMessage:
		w.byte(byte(kRawJSON))
		w.str(string(x))
	case []byte:
		w.byte(byte(kBytes))
		w.str(string(x))
	default:
		return fmt.Errorf("the spool cannot keep a value of type %T", v)
	}
	return nil
}

var errCorrupt = errors.New("the spool file is damaged (checksum or length mismatch)")
