package geo

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// textReader yields UTF-8 text from a published file: it drops a UTF-8
// byte-order mark, refuses UTF-16, and decodes any line that is not valid
// UTF-8 as Windows-1252 (what Excel on Windows saves as "CSV"), counting
// the lines it repaired.
type textReader struct {
	br       *bufio.Reader
	pending  []byte
	bom      bool
	repaired int
	err      error
}

func newTextReader(r io.Reader) (*textReader, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	head, _ := br.Peek(4)
	t := &textReader{br: br}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
		t.bom = true
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return nil, fmt.Errorf("%w: the file is UTF-16 text; save it as \"CSV UTF-8\" and import again", ErrBadFile)
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return nil, fmt.Errorf("%w: this is a ZIP or XLSX file, not text; unzip it or save the sheet as CSV", ErrWrongKind)
	}
	return t, nil
}

func (t *textReader) Read(p []byte) (int, error) {
	for len(t.pending) == 0 {
		if t.err != nil {
			return 0, t.err
		}
		line, err := t.br.ReadBytes('\n')
		t.err = err
		if len(line) > 0 && !utf8.Valid(line) {
			dec, derr := charmap.Windows1252.NewDecoder().Bytes(line)
			if derr == nil {
				line = dec
				t.repaired++
			}
		}
		t.pending = line
	}
	n := copy(p, t.pending)
	t.pending = t.pending[n:]
	return n, nil
}

// notes records what the reader repaired in the report.
func (t *textReader) notes(rep *Report) {
	if t.bom {
		rep.note("a UTF-8 byte-order mark was removed")
	}
	if t.repaired > 0 {
		rep.note("%d line(s) were not UTF-8 and were read as Windows-1252", t.repaired)
	}
}
