package geo

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// readJSONRecords reads a JSON array of flat objects (or an object holding
// one such array) as rows: the first row is the keys in first-seen order.
func readJSONRecords(file string, r io.Reader) ([][]string, error) {
	tr, err := newTextReader(r)
	if err != nil {
		return nil, fileErr(file, 1, "", err)
	}
	dec := json.NewDecoder(tr)
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fileErr(file, 0, "", fmt.Errorf("%w: broken JSON (truncated file?): %v", ErrBadFile, err))
	}
	objs, ok := objectArray(v)
	if !ok {
		return nil, fileErr(file, 0, "", fmt.Errorf("%w: the JSON is not an array of objects", ErrWrongKind))
	}
	var keys []string
	index := map[string]int{}
	for _, o := range objs {
		for k := range o {
			if _, ok := index[k]; !ok {
				index[k] = len(keys)
				keys = append(keys, k)
			}
		}
	}
	out := [][]string{keys}
	for _, o := range objs {
		rec := make([]string, len(keys))
		for k, val := range o {
			if val != nil {
				rec[index[k]] = strings.TrimSpace(fmt.Sprint(val))
			}
		}
		out = append(out, rec)
	}
	return out, nil
}

// objectArray finds the array of objects: the value itself, or the only
// array member of an object.
func objectArray(v any) ([]map[string]any, bool) {
	if m, ok := v.(map[string]any); ok {
		for _, x := range m {
			if objs, ok := objectArray(x); ok && len(objs) > 0 {
				return objs, true
			}
		}
		return nil, false
	}
	arr, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]map[string]any, 0, len(arr))
	for _, x := range arr {
		m, ok := x.(map[string]any)
		if !ok {
			return nil, false
		}
		out = append(out, m)
	}
	return out, true
}

// recordSource serves rows already in memory; row i is numbered i (the
// header is row 0), which for JSON is the object's position.
type recordSource struct {
	recs [][]string
	i    int
}

func (s *recordSource) read() ([]string, int, error) {
	if s.i >= len(s.recs) {
		return nil, 0, io.EOF
	}
	s.i++
	return s.recs[s.i-1], s.i - 1, nil
}
