package discover

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

func TestRealDatasetSites(t *testing.T) {
	cases := []struct {
		file, name, publisher string
		feeds                 int
		firstFeed, firstKind  string
	}{
		{"DatasetSiteHaloFixture.html", "Halo Sessions and Facilities", "Halo", 3, "https://halo-openactive.legendonlineservices.co.uk/api/sessions", "SessionSeries"},
		{"DatasetSite1LifeFixture.html", "1Life Sessions and Facilities", "1Life", 4, "https://opendata.leisurecloud.live/api/feeds/1Life-live-session-series", "SessionSeries"},
		{"DatasetSiteActiveNewhamFixture.html", "", "", 0, "", ""},
		{"DatasetSiteBlackburnFixture.html", "", "", 0, "", ""},
		{"template-example.jsonld", "Fusion Lifestyle Sessions and Facilities", "Fusion Lifestyle", 6, "https://www.example.com/feeds/scheduled-sessions", "ScheduledSession"},
		{"template-example-minimal.jsonld", "", "", 0, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata/dataset-sites", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			id := "https://example.org/" + tc.file
			ds, feeds, err := ParseDatasetSite(id, id, b, "https://cat.example/", now)
			if err != nil {
				t.Fatal(err)
			}
			if ds.ID != id || ds.Name == "" || len(feeds) == 0 || ds.License != "https://creativecommons.org/licenses/by/4.0/" {
				t.Errorf("dataset %+v with %d feeds", ds, len(feeds))
			}
			if tc.name != "" && (ds.Name != tc.name || ds.Publisher != tc.publisher || len(feeds) != tc.feeds ||
				feeds[0].URL != tc.firstFeed || feeds[0].Kind != tc.firstKind) {
				t.Errorf("got %q by %q, %d feeds, first %+v", ds.Name, ds.Publisher, len(feeds), feeds[0])
			}
			for _, f := range feeds {
				if f.DatasetID != id || !strings.HasPrefix(f.URL, "http") || f.Kind == "" {
					t.Errorf("feed %+v", f)
				}
			}
		})
	}
}

func TestRealCatalogues(t *testing.T) {
	cases := []struct {
		file  string
		kind  docKind
		n     int
		class string
	}{
		{"data-catalog-collection.jsonld", docCollection, 4, ""},
		{"data-catalog-collection-preview.jsonld", docCollection, 1, "preview"},
		{"data-catalog-collection-test.jsonld", docCollection, 1, "test"},
		{"singular.jsonld", docCatalogue, 23, ""},
		{"singular-preview.jsonld", docCatalogue, 5, "preview"},
		{"singular-test.jsonld", docCatalogue, 1, "test"},
	}
	for _, tc := range cases {
		b, err := os.ReadFile(filepath.Join("testdata/catalog", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		kind, m := classify(b)
		list := stringList(m["dataset"])
		if kind == docCollection {
			list = stringList(m["hasPart"])
		}
		if kind != tc.kind || len(list) != tc.n {
			t.Errorf("%s: kind %d with %d entries, want %d with %d", tc.file, kind, len(list), tc.kind, tc.n)
		}
		if got := catalogueClass("https://openactive.io/data-catalogs/"+tc.file, str(m, "name")); got != tc.class {
			t.Errorf("%s: class %q, want %q", tc.file, got, tc.class)
		}
	}
}

func TestInvalidDatasetSites(t *testing.T) {
	cases := map[string]string{
		"no JSON-LD":         `<html><head><script>var x = 1;</script></head><body>Our data</body></html>`,
		"not a Dataset":      `<html><script type="application/ld+json">{"@type":"Organization","name":"x"}</script></html>`,
		"broken JSON-LD":     `<html><script type="application/ld+json">{"@type":</script></html>`,
		"JSON not a Dataset": `{"@type":"WebPage"}`,
	}
	for name, body := range cases {
		_, _, err := ParseDatasetSite("https://x/", "https://x/", []byte(body), "", now)
		if e, ok := err.(*siteError); !ok || e.ErrorKind() != "invalid_dataset_site" {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestGenericNamesFallBackToHost(t *testing.T) {
	for _, n := range []string{" Sessions and Facilities", "openactive", "sessions and facilities", ""} {
		if got := datasetName(n, "https://www.halo-openactive.example.co.uk/openactive/"); got != "halo-openactive.example.co.uk" {
			t.Errorf("%q → %q", n, got)
		}
	}
	if got := datasetName("Halo  Sessions and Facilities", "https://x/"); got != "Halo Sessions and Facilities" {
		t.Errorf("real name changed: %q", got)
	}
}

func TestExtractJSONLD(t *testing.T) {
	page := `<SCRIPT data-x=1 TYPE='application/ld+json; charset=utf-8'>{"a":1}</script>
<script type="text/javascript">{"b":2}</script><scripts>no</scripts><script type=application/ld+json>[{"c":3}]</SCRIPT >`
	got := ExtractJSONLD([]byte(page))
	if len(got) != 2 || string(got[0]) != `{"a":1}` || string(got[1]) != `[{"c":3}]` {
		t.Errorf("got %q", got)
	}
}

func FuzzExtractJSONLD(f *testing.F) {
	files, _ := filepath.Glob("testdata/dataset-sites/*.html")
	for _, name := range files {
		b, _ := os.ReadFile(name)
		f.Add(b)
	}
	f.Add([]byte(`<script type="application/ld+json">`))
	f.Add([]byte(`<script type=application/ld+json></script><script`))
	f.Fuzz(func(t *testing.T, page []byte) {
		for _, block := range ExtractJSONLD(page) {
			if len(block) > len(page) {
				t.Fatal("block longer than the page")
			}
		}
		ParseDatasetSite("https://x/", "https://x/", page, "", now)
	})
}
