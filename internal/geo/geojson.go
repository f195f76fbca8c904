package geo

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/paulmach/orb"
)

// featureReader streams the features of a GeoJSON FeatureCollection, so a
// national boundary file never has to fit in memory, and knows the line
// each feature starts on.
type featureReader struct {
	file  string
	dec   *json.Decoder
	lines *lineCounter
	index int // features read so far
}

type rawFeature struct {
	Properties map[string]any `json:"properties"`
	Geometry   *rawGeometry   `json:"geometry"`
}

type rawGeometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

func newFeatureReader(file string, r io.Reader) (*featureReader, error) {
	tr, err := newTextReader(r)
	if err != nil {
		return nil, fileErr(file, 1, "", err)
	}
	lc := &lineCounter{r: tr}
	fr := &featureReader{file: file, dec: json.NewDecoder(lc), lines: lc}
	if err := fr.seekFeatures(); err != nil {
		return nil, err
	}
	return fr, nil
}

// seekFeatures reads up to the opening bracket of "features".
func (fr *featureReader) seekFeatures() error {
	notGeoJSON := func(why string) error {
		return fileErr(fr.file, fr.line(), "", fmt.Errorf("%w: not a GeoJSON FeatureCollection (%s)", ErrWrongKind, why))
	}
	tok, err := fr.dec.Token()
	if err != nil {
		return notGeoJSON("not JSON: " + err.Error())
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return notGeoJSON("it does not start with {")
	}
	for fr.dec.More() {
		key, err := fr.dec.Token()
		if err != nil {
			return notGeoJSON(err.Error())
		}
		if key == "features" {
			tok, err := fr.dec.Token()
			if d, ok := tok.(json.Delim); err != nil || !ok || d != '[' {
				return notGeoJSON(`"features" is not an array`)
			}
			return nil
		}
		var skip json.RawMessage
		if err := fr.dec.Decode(&skip); err != nil {
			return notGeoJSON(err.Error())
		}
	}
	return notGeoJSON(`no "features" member`)
}

// next returns the next feature and the line it ends on; ok is false at
// the end.
func (fr *featureReader) next() (f rawFeature, line int, ok bool, err error) {
	if !fr.dec.More() {
		return f, 0, false, nil
	}
	fr.index++
	err = fr.dec.Decode(&f)
	line = fr.line() // the line the feature ends on: exact for one feature per line
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
			return f, line, false, fileErr(fr.file, line, fr.column(), fmt.Errorf("%w: broken JSON (truncated file?): %v", ErrBadFile, err))
		}
		return f, line, false, fileErr(fr.file, line, fr.column(), fmt.Errorf("%w: %v", ErrWrongKind, err))
	}
	return f, line, true, nil
}

func (fr *featureReader) line() int { return fr.lines.lineAt(fr.dec.InputOffset()) }

// column names the feature being read, e.g. features[12].
func (fr *featureReader) column() string { return fmt.Sprintf("features[%d]", fr.index-1) }

// lineCounter remembers where newlines fall so a byte offset can be
// turned into a line number.
type lineCounter struct {
	r     io.Reader
	read  int64
	marks []int64
}

func (l *lineCounter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i := 0; i < n; i++ {
		if p[i] == '\n' {
			l.marks = append(l.marks, l.read+int64(i))
		}
	}
	l.read += int64(n)
	return n, err
}

func (l *lineCounter) lineAt(off int64) int {
	return 1 + sort.Search(len(l.marks), func(i int) bool { return l.marks[i] >= off })
}

// multiPolygon decodes a Polygon or MultiPolygon geometry.
func (g *rawGeometry) multiPolygon() (orb.MultiPolygon, error) {
	switch g.Type {
	case "Polygon":
		var p orb.Polygon
		if err := json.Unmarshal(g.Coordinates, &p); err != nil {
			return nil, fmt.Errorf("coordinates are not a polygon: %v", err)
		}
		return orb.MultiPolygon{p}, nil
	case "MultiPolygon":
		var mp orb.MultiPolygon
		if err := json.Unmarshal(g.Coordinates, &mp); err != nil {
			return nil, fmt.Errorf("coordinates are not a multipolygon: %v", err)
		}
		return mp, nil
	}
	return nil, fmt.Errorf("geometry is a %s, not a Polygon or MultiPolygon", g.Type)
}
