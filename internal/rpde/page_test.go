package rpde

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/feedgauge/feedgauge/internal/domain"
)

func TestDecodeRealPages(t *testing.T) {
	files, _ := filepath.Glob("testdata/*/*.json")
	if len(files) < 15 {
		t.Fatalf("only %d sample pages", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := DecodePage(f, b)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if p.Next == "" || p.License == "" {
			t.Errorf("%s: next %q license %q", f, p.Next, p.License)
		}
		for _, it := range p.Items {
			if it.ID == "" || it.Modified == "" || (it.State == "updated") != (it.Data != nil) {
				t.Errorf("%s: bad item %+v", f, it)
			}
		}
	}
}

func TestDecodeLegacyDeleted(t *testing.T) {
	b, _ := os.ReadFile("testdata/legacy/deleted-items.json")
	p, err := DecodePage("x", b)
	if err != nil || len(p.Items) != 2 || p.Items[0].Modified != "1506335263039" || p.Items[0].State != "deleted" || p.Checks != 0 {
		t.Fatalf("%+v %v", p, err)
	}
}

func TestDecodePage(t *testing.T) {
	const lic = `,"license":"https://creativecommons.org/licenses/by/4.0/"`
	cases := []struct {
		name     string
		body     string
		kind     domain.ErrorKind
		modified string
		id       string
		checks   []string
	}{
		{"change number beyond 2^53", `{"next":"https://x/f?afterChangeNumber=9","items":[{"state":"deleted","kind":"S","id":"a","modified":9223372036854775807}]` + lic + `}`, "", "9223372036854775807", "a", nil},
		{"numeric id", `{"next":"https://x/","items":[{"state":"deleted","kind":"S","id":311870,"modified":"2020-07-10T14:44:38.042Z"}]` + lic + `}`, "", "2020-07-10T14:44:38.042Z", "311870", nil},
		{"no license", `{"next":"https://x/","items":[]}`, "", "", "", []string{domain.CheckPageProperties, domain.CheckLicense}},
		{"updated without data", `{"next":"https://x/","items":[{"state":"updated","kind":"S","id":"a","modified":1}]` + lic + `}`, "", "", "", []string{domain.CheckItemProperties}},
		{"deleted with data", `{"next":"https://x/","items":[{"state":"deleted","kind":"S","id":"a","modified":1,"data":{}}]` + lic + `}`, "", "1", "a", []string{domain.CheckItemProperties}},
		{"HTML error page", "\n<!DOCTYPE html><html><body>502</body></html>", domain.KindNotJSON, "", "", nil},
		{"cut-off JSON", `{"next":"https://x/","items":[{"st`, domain.KindNotJSON, "", "", nil},
		{"empty body", ``, domain.KindNotJSON, "", "", nil},
		{"JSON array", `[1,2]`, domain.KindInvalidPage, "", "", nil},
		{"no next", `{"items":[]}`, domain.KindInvalidPage, "", "", nil},
		{"items not a list", `{"next":"https://x/","items":{}}`, domain.KindInvalidPage, "", "", nil},
		{"a catalogue, not a page", `{"@type":"DataCatalog","dataset":[]}`, domain.KindInvalidPage, "", "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := DecodePage("https://x/", []byte(tc.body))
			if tc.kind != "" {
				e, ok := err.(*Error)
				if !ok || e.Kind != tc.kind {
					t.Fatalf("error %v, want kind %s", err, tc.kind)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.id != "" && (len(p.Items) != 1 || p.Items[0].ID != tc.id || p.Items[0].Modified != tc.modified) {
				t.Errorf("items %+v", p.Items)
			}
			if got := strings.Join(p.Checks.List(), ","); got != strings.Join(tc.checks, ",") {
				t.Errorf("checks %q, want %q", got, tc.checks)
			}
		})
	}
}

func TestCompareModified(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"9", "10", -1}, {"9223372036854775806", "9223372036854775807", -1}, {"-5", "3", -1},
		{"100", "100", 0}, {"2020-07-10T14:44:38Z", "2020-07-09T00:00:00Z", 1}, {"007", "7", 0},
	}
	for _, tc := range cases {
		if got := CompareModified(tc.a, tc.b); got != tc.want {
			t.Errorf("CompareModified(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func FuzzDecodePage(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.json")
	for _, name := range files {
		b, _ := os.ReadFile(name)
		f.Add(b)
	}
	f.Add([]byte(`{"next":"a","items":[{"id":1e400,"modified":-0,"state":"updated","data":null}]}`))
	f.Add([]byte("<html>"))
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := DecodePage("https://x/", body)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		for _, it := range p.Items {
			if it.ID == "" || (it.State != "updated" && it.State != "deleted") {
				t.Fatalf("kept an unusable item %+v", it)
			}
		}
	})
}
