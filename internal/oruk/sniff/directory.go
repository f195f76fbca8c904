package sniff

import (
	"encoding/json"
	"strings"
)

// DirectoryEntry is one feed of an ORUK feed directory: the ORUK dashboard
// API lists registered feeds with their address, name and publisher.
type DirectoryEntry struct {
	URL       string
	Label     string
	Publisher string
}

// Directory reads an ORUK feed directory: a JSON list of objects that each
// have a `url` and the dashboard's feed fields (`label`,
// `organisationLabel`, `schemaType`, `isUp` …). ok is false for anything
// else. An entry's `servicePathOverride`, when set, replaces its address.
func Directory(body []byte) ([]DirectoryEntry, bool) {
	var list []map[string]json.RawMessage
	if json.Unmarshal(body, &list) != nil || len(list) == 0 {
		return nil, false
	}
	out := make([]DirectoryEntry, 0, len(list))
	for _, m := range list {
		e := DirectoryEntry{URL: str(m["url"]), Label: str(m["label"]), Publisher: str(m["organisationLabel"])}
		if o := str(m["servicePathOverride"]); strings.HasPrefix(o, "http") {
			e.URL = o
		}
		_, dashboard := m["isUp"]
		if _, ok := m["schemaType"]; ok {
			dashboard = true
		}
		if !strings.HasPrefix(e.URL, "http") || !dashboard {
			return nil, false
		}
		out = append(out, e)
	}
	return out, true
}
