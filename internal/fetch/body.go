package fetch

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// sizeError is a response over a size cap.
type sizeError struct {
	Limit int64
	Bomb  bool // the compressed body expands beyond MaxDecodedBytes
}

func (e *sizeError) Error() string {
	if e.Bomb {
		return fmt.Sprintf("the compressed response expands beyond %s", human(e.Limit))
	}
	return fmt.Sprintf("the response is larger than %s", human(e.Limit))
}

// countReader counts bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// readBody reads a response body without ever holding more than the caps:
// maxWire bytes from the network and maxDecoded once gunzipped. It returns
// the body and the bytes read from the network.
func readBody(resp *http.Response, maxWire, maxDecoded int64) ([]byte, int64, error) {
	if resp.ContentLength > maxWire {
		return nil, 0, &sizeError{Limit: maxWire}
	}
	wire := &countReader{r: io.LimitReader(resp.Body, maxWire+1)}
	var src io.Reader = wire
	limit := maxWire
	gz := strings.EqualFold(strings.TrimSpace(resp.Header.Get("Content-Encoding")), "gzip")
	if gz {
		zr, err := gzip.NewReader(wire)
		if err != nil {
			return nil, wire.n, fmt.Errorf("the response claims gzip but is not: %w", err)
		}
		defer zr.Close()
		src, limit = zr, maxDecoded
	}
	var buf bytes.Buffer
	if resp.ContentLength > 0 && !gz {
		buf.Grow(int(resp.ContentLength) + 1)
	}
	n, err := io.Copy(&buf, io.LimitReader(src, limit+1))
	switch {
	case wire.n > maxWire:
		return nil, wire.n, &sizeError{Limit: maxWire}
	case n > limit:
		return nil, wire.n, &sizeError{Limit: limit, Bomb: gz}
	case err != nil && !errors.Is(err, io.EOF):
		return nil, wire.n, err
	}
	return buf.Bytes(), wire.n, nil
}

// human prints a byte count in binary units.
func human(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
