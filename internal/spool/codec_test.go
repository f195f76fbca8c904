package spool

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

func TestCodecRoundTrip(t *testing.T) {
	tm := time.Date(2026, 6, 1, 6, 0, 0, 123, time.UTC)
	n, f := 7, 0.5
	row := []any{nil, "text", "bad utf-8 \xff\xfe", 1, int64(-2), int32(3), uint8(4), uint16(5), uint32(6), uint64(1 << 63),
		2.25, true, false, tm, &tm, (*time.Time)(nil), &n, (*int)(nil), &f, (*float64)(nil),
		[]string{"a", "b"}, []string{}, []string(nil), json.RawMessage(`{"x":1}`), []byte{0, 1, 2}}
	cols := make([]string, len(row))
	for i := range cols {
		cols[i] = "c"
	}
	in := &Batch{Table: "t", Cols: cols, Rows: [][]any{row}, QueuedAt: tm}
	var buf bytes.Buffer
	if err := Encode(&buf, in); err != nil {
		t.Fatal(err)
	}
	out, err := Decode(&buf, int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if !out.QueuedAt.Equal(tm) || out.Table != "t" {
		t.Fatalf("header = %+v", out)
	}
	for i, want := range row {
		got := out.Rows[0][i]
		if reflect.TypeOf(got) != reflect.TypeOf(want) {
			t.Errorf("value %d: type %T, want %T", i, got, want)
			continue
		}
		switch w := want.(type) {
		case time.Time:
			if !w.Equal(got.(time.Time)) {
				t.Errorf("value %d: %v, want %v", i, got, w)
			}
		case *time.Time:
			if (w == nil) != (got.(*time.Time) == nil) || (w != nil && !w.Equal(*got.(*time.Time))) {
				t.Errorf("value %d: %v, want %v", i, got, w)
			}
		default:
			if !reflect.DeepEqual(got, want) {
				t.Errorf("value %d: %#v, want %#v", i, got, want)
			}
		}
	}
}

// TestCodecScoreRows spools real score rows, as PutScores would write them.
func TestCodecScoreRows(t *testing.T) {
	var rows [][]any
	for _, s := range storetest.FixtureScores(storetest.T1, 1) {
		rows = append(rows, store.ScoreRow(&s))
	}
	var buf bytes.Buffer
	if err := Encode(&buf, &Batch{Table: "activity_scores", Cols: store.ScoreColumns(), Rows: rows}); err != nil {
		t.Fatal(err)
	}
	out, err := Decode(&buf, int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Rows) != len(rows) || out.Rows[4][20] != (*time.Time)(nil) || out.Rows[0][1] != storetest.DatasetA {
		t.Fatalf("rows came back as %v", out.Rows[4])
	}
}

func TestCodecRefuses(t *testing.T) {
	var buf bytes.Buffer
	err := Encode(&buf, &Batch{Table: "t", Cols: []string{"c"}, Rows: [][]any{{struct{}{}}}})
	if err == nil {
		t.Fatal("an unknown type was spooled")
	}
	if _, err := Decode(bytes.NewReader([]byte("not a spool file at all")), 23); err == nil {
		t.Fatal("garbage decoded")
	}
	buf.Reset()
	Encode(&buf, &Batch{Table: "t", Cols: []string{"c"}, Rows: [][]any{{"hello"}}})
	b := buf.Bytes()
	b[len(b)-6] ^= 1
	if _, err := Decode(bytes.NewReader(b), int64(len(b))); err == nil {
		t.Fatal("a damaged file decoded")
	}
}
