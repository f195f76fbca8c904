package discover

import (
	"net/url"
	"regexp"
	"strings"
)

// Generic names real publishers leave (a missing organisation name in
// front of the template's suffix, the platform's name): the dataset is then
// named after its host.
var genericNames = map[string]bool{
	"":                        true,
	"openactive":              true,
	"open active":             true,
	"sessions and facilities": true,
	"sessions & facilities":   true,
	"dataset":                 true,
	"opendata":                true,
	"open data":               true,
}

// datasetName is the dataset's name, or its host when the name is generic.
func datasetName(name, datasetURL string) string {
	n := strings.Join(strings.Fields(name), " ")
	if genericNames[strings.ToLower(n)] {
		return hostName(datasetURL)
	}
	return n
}

func hostName(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return raw
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

var (
	previewRe = regexp.MustCompile(`(?i)(^|[^a-z])preview([^a-z]|$)`)
	testRe    = regexp.MustCompile(`(?i)(^|[^a-z])(test|uat|staging)([^a-z]|$)`)
)

// catalogueClass says whether a catalogue (by its URL and name) is a
// preview or a test one: "preview", "test" or "".
func catalogueClass(rawURL, name string) string {
	base := rawURL
	if u, err := url.Parse(rawURL); err == nil {
		base = u.Path
		if i := strings.LastIndex(base, "/"); i >= 0 {
			base = base[i+1:]
		}
	}
	switch {
	case previewRe.MatchString(base) || previewRe.MatchString(name):
		return "preview"
	case testRe.MatchString(base) || testRe.MatchString(name):
		return "test"
	}
	return ""
}
