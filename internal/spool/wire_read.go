package spool

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"time"
)

// crcReader checksums what passes through it, below the buffer.
type crcReader struct {
	r   io.Reader
	crc uint32
}

func (c *crcReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.crc = crc32.Update(c.crc, crc32.IEEETable, p[:n])
	return n, err
}

type reader struct {
	r   *bufio.Reader
	err error
}

func (r *reader) byte() byte {
	if r.err != nil {
		return 0
	}
	b, err := r.r.ReadByte()
	r.err = err
	return b
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	n, err := binary.ReadVarint(r.r)
	r.err = err
	return n
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	n, err := binary.ReadUvarint(r.r)
	r.err = err
	return n
}

// maxLen bounds one string so a damaged length cannot ask for gigabytes.
const maxLen = 1 << 30

func (r *reader) str() string {
	n := r.uvarint()
	if r.err != nil || n > maxLen {
		if r.err == nil {
			r.err = errCorrupt
		}
		return ""
	}
	b := make([]byte, n)
	_, r.err = io.ReadFull(r.r, b)
	return string(b)
}

func (r *reader) time() time.Time {
	sec, ns, off := r.varint(), r.uvarint(), r.varint()
	t := time.Unix(sec, int64(ns))
	if off == 0 {
		return t.UTC()
	}
	return t.In(time.FixedZone("", int(off)))
}

// Decode reads a batch written by Encode from a file of the given size,
// checking its checksum (the last four bytes).
func Decode(in io.Reader, size int64) (*Batch, error) {
	if size < int64(len(magic))+4 {
		return nil, fmt.Errorf("not a feedgauge spool file (too short)")
	}
	cr := &crcReader{r: io.LimitReader(in, size-4)}
	r := &reader{r: bufio.NewReaderSize(cr, 1<<16)}
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(r.r, head); err != nil || string(head) != magic {
		return nil, fmt.Errorf("not a feedgauge spool file (bad header)")
	}
	b := &Batch{Table: r.str()}
	b.Columnar = r.byte() == 1
	b.Cols = make([]string, min(r.uvarint(), 10_000))
	for i := range b.Cols {
		b.Cols[i] = r.str()
	}
	b.QueuedAt = r.time()
	n := r.uvarint()
	if r.err != nil || n > maxLen {
		return nil, errCorrupt
	}
	b.Rows = make([][]any, n)
	flat := make([]any, int(n)*len(b.Cols))
	for i := range b.Rows {
		row := flat[i*len(b.Cols) : (i+1)*len(b.Cols)]
		for j := range row {
			v, err := r.value()
			if err != nil {
				return nil, err
			}
			row[j] = v
		}
		b.Rows[i] = row
	}
	if _, err := r.r.ReadByte(); err != io.EOF {
		return nil, errCorrupt // bytes left before the checksum
	}
	var tail [4]byte
	if _, err := io.ReadFull(in, tail[:]); err != nil || binary.BigEndian.Uint32(tail[:]) != cr.crc {
		return nil, errCorrupt
	}
	return b, nil
}

func (r *reader) value() (any, error) {
	k := kind(r.byte())
	var v any
	switch k {
	case kNil:
	case kString:
		v = r.str()
	case kInt:
		v = int(r.varint())
	case kInt64:
		v = r.varint()
	case kInt32:
		v = int32(r.varint())
	case kUint8:
		v = uint8(r.uvarint())
	case kUint16:
		v = uint16(r.uvarint())
	case kUint32:
		v = uint32(r.uvarint())
	case kUint64:
		v = r.uvarint()
	case kFloat64:
		v = math.Float64frombits(r.uvarint())
	case kBool:
		v = r.byte() == 1
	case kTime:
		v = r.time()
	case kTimePtr:
		t := r.time()
		v = &t
	case kTimePtrNil:
		v = (*time.Time)(nil)
	case kIntPtr:
		n := int(r.varint())
		v = &n
	case kIntPtrNil:
		v = (*int)(nil)
	case kFloatPtr:
		f := math.Float64frombits(r.uvarint())
		v = &f
	case kFloatPtrNil:
		v = (*float64)(nil)
	case kList:
		l := make([]string, min(r.uvarint(), maxLen))
		for i := range l {
			l[i] = r.str()
		}
		v = l
	case kListNil:
		v = []string(nil)
	case kRawJSON:
		v = json.RawMessage(r.str())
	case kBytes:
		v = []byte(r.str())
	default:
		if r.err == nil {
			return nil, fmt.Errorf("unknown value kind %d in the spool (written by a newer feedgauge?)", k)
		}
	}
	if r.err != nil {
		return nil, errCorrupt
	}
	return v, nil
}
