package oruk

import (
	"errors"
	"testing"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/oruk/sniff"
)

func TestDecodeRealPages(t *testing.T) {
	p, err := DecodePage("u", readFixture(t, "v3-service-list.example.json"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Style != sniff.KindV3 || len(p.Services) != 1 || p.TotalItems != 10 || p.TotalPages != 10 || p.LastPage == nil || *p.LastPage || len(p.BadKeys) != 0 {
		t.Errorf("list example: %+v", p)
	}
	if p.Services[0].ID != "ac148810-d857-441c-9679-408f346de14b" {
		t.Errorf("id %s", p.Services[0].ID)
	}
	p, err = DecodePage("u", readFixture(t, "v3-service-list.failing-mock.json"))
	if err != nil || len(p.Services)+p.NoID == 0 {
		t.Fatalf("failing mock: %v %+v", err, p)
	}
}

func TestDecodePageFaults(t *testing.T) {
	cases := []struct {
		name, body string
		kind       domain.ErrorKind
	}{
		{"html error page", "<!DOCTYPE html><html><body>Server Error</body></html>", domain.KindNotJSON},
		{"empty", "  ", domain.KindNotJSON},
		{"cut off", `{"contents": [`, domain.KindNotJSON},
		{"wrong pagination fields", `{"services": [{"id": "a"}], "count": 1, "pages": 1}`, domain.KindInvalidPage},
		{"an array", `[{"id": "a"}]`, domain.KindInvalidPage},
		{"RPDE page", `{"items": [], "next": "x", "license": "y"}`, domain.KindInvalidPage},
	}
	for _, c := range cases {
		_, err := DecodePage("https://x.org/services?page=1", []byte(c.body))
		var e *Error
		if !errors.As(err, &e) || e.Kind != c.kind {
			t.Errorf("%s: %v, want %s", c.name, err, c.kind)
		}
	}
}

func TestDecodeV1AndIDs(t *testing.T) {
	body := `{"totalElements": "4", "number": 1, "size": 4, "first": true, "last": true,
	  "content": [{"id": 17, "name": "a"}, {"id": " "}, {"name": "no id"}, "not an object", {"id": "x"}]}`
	p, err := DecodePage("u", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if p.Style != sniff.KindV1 || len(p.Services) != 2 || p.Services[0].ID != "17" || p.NoID != 3 {
		t.Errorf("%+v", p)
	}
	if len(p.BadKeys) != 2 || p.BadKeys[0] != "totalElements" || p.BadKeys[1] != "totalPages" {
		t.Errorf("bad keys %v", p.BadKeys)
	}
}

// TestDecodeNullContents: an empty page some servers send with contents
// null is read as empty and fails oruk.pagination through its bad key.
func TestDecodeNullContents(t *testing.T) {
	p, err := DecodePage("u", []byte(`{"total_items": 0, "total_pages": 0, "page_number": 1, "size": 10, "first_page": true, "last_page": true, "empty": true, "contents": null}`))
	if err != nil || len(p.Services) != 0 || len(p.BadKeys) != 1 || p.BadKeys[0] != "contents" {
		t.Errorf("%v %+v", err, p)
	}
}
