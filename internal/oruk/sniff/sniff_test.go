package sniff

import (
	"os"
	"testing"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestClassifyRealSamples reads the real ORUK samples.
func TestClassifyRealSamples(t *testing.T) {
	cases := []struct {
		file string
		want Doc
	}{
		{"v3-api-root.json", Root},
		{"v3-service-list.example.json", PageV3},
		{"v3-service-list.failing-mock.json", PageV3},
		{"v3-service-full.example.json", None},
		{"v1-dashboard-feeds-2024-07-17.json", None},
		{"v1-validator-response.json", None},
	}
	for _, c := range cases {
		got, root := Classify(fixture(t, c.file))
		if got != c.want {
			t.Errorf("%s: %v, want %v", c.file, got, c.want)
		}
		if got == Root && (root.Version != "HSDS-UK-3.0" || root.Claims() != KindV3 || root.OpenAPIURL == "") {
			t.Errorf("%s: root %+v claims %s", c.file, root, root.Claims())
		}
	}
	v1 := []byte(`{"totalElements": 0, "totalPages": 0, "number": 1, "size": 10, "first": true, "last": true, "content": []}`)
	if got, _ := Classify(v1); got != PageV1 {
		t.Errorf("v1 page: %v", got)
	}
	for _, b := range []string{`{"items": [], "next": "x"}`, `<html></html>`, `[]`, `{"version": "1.2"}`} {
		if got, _ := Classify([]byte(b)); got != None {
			t.Errorf("%s: %v, want None", b, got)
		}
	}
	if (RootInfo{Version: "HSDS-UK-1.0"}).Claims() != KindV1 {
		t.Error("HSDS-UK-1.0 should claim v1")
	}
}

func TestStubAndURLs(t *testing.T) {
	cases := map[string]string{
		"https://api.example.org/oruk":                                               "https://api.example.org/oruk",
		"https://api.example.org/oruk/":                                              "https://api.example.org/oruk",
		"https://api.example.org/oruk/services?page=2":                               "https://api.example.org/oruk",
		"https://bristol.openplace.directory/o/ServiceDirectoryService/v2/services/": "https://bristol.openplace.directory/o/ServiceDirectoryService/v2",
	}
	for in, want := range cases {
		if got := Stub(in); got != want {
			t.Errorf("Stub(%s) = %s, want %s", in, got, want)
		}
	}
	if got := ServicesURL("https://x.org/api", 3, 50); got != "https://x.org/api/services?page=3&per_page=50" {
		t.Errorf("ServicesURL = %s", got)
	}
	if got := ServiceURL("https://x.org/api", "a b/c"); got != "https://x.org/api/services/a%20b%2Fc" {
		t.Errorf("ServiceURL = %s", got)
	}
}

// TestDirectoryRealDashboard reads the real 2024 ORUK v1 dashboard.
func TestDirectoryRealDashboard(t *testing.T) {
	es, ok := Directory(fixture(t, "v1-dashboard-feeds-2024-07-17.json"))
	if !ok || len(es) != 11 {
		t.Fatalf("%v %d entries", ok, len(es))
	}
	if e := es[0]; e.URL != "https://bristol.openplace.directory/o/ServiceDirectoryService/v2" || e.Label != "Bristol Council" || e.Publisher != "Bristol Council" {
		t.Errorf("first entry %+v", e)
	}
	for _, b := range []string{`[]`, `[{"url": "https://x.org"}]`, `{"url": "https://x.org", "isUp": true}`, `[{"isUp": true}]`} {
		if _, ok := Directory([]byte(b)); ok {
			t.Errorf("%s read as a directory", b)
		}
	}
}
