package sqlite

import (
	"encoding/json"
	"testing"
)

// TestJSONList: the fast path writes exactly what json.Marshal writes.
func TestJSONList(t *testing.T) {
	for _, l := range [][]string{
		nil, {}, {"a"}, {"FC-1", "name", "location.geo"}, {""}, {"say \"hi\""}, {`back\slash`},
		{"<b>"}, {"a&b"}, {"x>y"}, {"tab\there"}, {"café"}, {"ok", "\x00"}, {string([]byte{0xff})},
	} {
		want, _ := json.Marshal(l)
		if l == nil {
			want = []byte("[]")
		}
		if got := jsonList(l); got != string(want) {
			t.Errorf("jsonList(%q) = %s, want %s", l, got, want)
		}
	}
}
