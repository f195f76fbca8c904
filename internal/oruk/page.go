package oruk

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/oruk/sniff"
)

// Page is one decoded /services list page.
type Page struct {
	// Style is the version its keys show: sniff.KindV3 (`contents`) or
	// sniff.KindV1 (`content`).
	Style    string
	Services []Service
	// NoID counts entries skipped for want of an id (or not objects).
	NoID int
	// Header values; -1 when absent or not a whole number.
	TotalItems, TotalPages int
	// LastPage is the `last_page` (v1 `last`) flag, nil when absent.
	LastPage *bool
	// BadKeys are pagination fields absent or of the wrong type.
	BadKeys []string
}

// Service is one listed service: its id (a string, or a JSON integer as
// text) and its JSON kept byte for byte.
type Service struct {
	ID   string
	Data json.RawMessage
}

// intKeys are the header fields that must be whole numbers.
var intKeys = map[string]bool{"total_items": true, "total_pages": true, "page_number": true, "size": true,
	"totalElements": true, "totalPages": true, "number": true}

// DecodePage reads a list page. Anything that is not JSON (an HTML error
// page included) fails not_json; JSON without a `contents` (v3) or
// `content` (v1) list fails invalid_page.
func DecodePage(url string, body []byte) (*Page, error) {
	m, err := decodeObject(url, body, "a /services list page")
	if err != nil {
		return nil, err
	}
	p := &Page{TotalItems: -1, TotalPages: -1}
	listKey, keys, ok := pageStyle(m)
	if !ok {
		return nil, &Error{Kind: domain.KindInvalidPage, URL: url, Msg: "the page has no `contents` list (ORUK v3) or `content` list (ORUK v1), so its services cannot be read; " +
			"its fields are " + fieldNames(m) + ". Ask the publisher to follow the ORUK pagination format"}
	}
	p.Style = sniff.KindV3
	if listKey == "content" {
		p.Style = sniff.KindV1
	}
	p.header(m, keys)
	list := m[listKey]
	if !isArray(list) {
		p.BadKeys = append(p.BadKeys, listKey) // null: read as an empty list
		return p, nil
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(list, &raws); err != nil {
		return nil, &Error{Kind: domain.KindInvalidPage, URL: url, Msg: "the services list cannot be read: " + err.Error()}
	}
	for _, r := range raws {
		if id, ok := serviceID(r); ok {
			p.Services = append(p.Services, Service{ID: id, Data: r})
		} else {
			p.NoID++
		}
	}
	return p, nil
}

// pageStyle finds the services list of a page: `contents` (v3) or
// `content` (v1) as a list, or as null beside that version's pagination
// fields (an empty page some servers send).
func pageStyle(m map[string]json.RawMessage) (string, []string, bool) {
	switch {
	case isArray(m["contents"]):
		return "contents", sniff.V3Keys, true
	case isArray(m["content"]):
		return "content", sniff.V1Keys, true
	case isNull(m["contents"]) && hasAny(m, sniff.V3Keys):
		return "contents", sniff.V3Keys, true
	case isNull(m["content"]) && hasAny(m, sniff.V1Keys):
		return "content", sniff.V1Keys, true
	}
	return "", nil, false
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

func hasAny(m map[string]json.RawMessage, keys []string) bool {
	for _, k := range keys {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

// decodeObject reads a JSON object, with not_json for anything else than
// JSON and invalid_page for JSON that is not an object.
func decodeObject(url string, body []byte, what string) (map[string]json.RawMessage, error) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	t := bytes.TrimSpace(body)
	switch {
	case len(t) == 0:
		return nil, &Error{Kind: domain.KindNotJSON, URL: url, Msg: "the answer is empty, not JSON"}
	case t[0] == '<':
		return nil, &Error{Kind: domain.KindNotJSON, URL: url, Msg: "the API answered with a web page (HTML), not JSON; it is often an error page from the publisher's server"}
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(t, &m); err != nil {
		var v any
		if json.Unmarshal(t, &v) == nil {
			return nil, &Error{Kind: domain.KindInvalidPage, URL: url, Msg: "the JSON is not an object, so it is not " + what}
		}
		return nil, &Error{Kind: domain.KindNotJSON, URL: url, Msg: "the answer is not valid JSON (" + err.Error() + ")"}
	}
	return m, nil
}

// header reads the pagination fields and notes the bad ones.
func (p *Page) header(m map[string]json.RawMessage, keys []string) {
	for _, k := range keys {
		raw, ok := m[k]
		if !ok || !fieldOK(k, raw) {
			p.BadKeys = append(p.BadKeys, k)
		}
	}
	if p.Style == sniff.KindV3 {
		p.TotalItems, p.TotalPages, p.LastPage = wholeNumber(m["total_items"]), wholeNumber(m["total_pages"]), flag(m["last_page"])
		return
	}
	p.TotalItems, p.TotalPages, p.LastPage = wholeNumber(m["totalElements"]), wholeNumber(m["totalPages"]), flag(m["last"])
}

func fieldOK(k string, raw json.RawMessage) bool {
	if intKeys[k] {
		return wholeNumber(raw) >= 0
	}
	return flag(raw) != nil
}

// wholeNumber reads a JSON integer ≥ 0, or -1.
func wholeNumber(raw json.RawMessage) int {
	n, err := strconv.Atoi(string(bytes.TrimSpace(raw)))
	if err != nil || n < 0 {
		return -1
	}
	return n
}

func flag(raw json.RawMessage) *bool {
	var b bool
	if len(raw) == 0 || json.Unmarshal(raw, &b) != nil || string(bytes.TrimSpace(raw)) == "null" {
		return nil
	}
	return &b
}

func isArray(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) > 0 && t[0] == '['
}

// serviceID reads a service's id: a non-empty string (trimmed) or a JSON
// integer. Anything else (absent, null, empty, not an object) is no id.
func serviceID(raw json.RawMessage) (string, bool) {
	var s struct {
		ID json.RawMessage `json:"id"`
	}
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || t[0] != '{' || json.Unmarshal(t, &s) != nil {
		return "", false
	}
	var str string
	if json.Unmarshal(s.ID, &str) == nil {
		str = strings.TrimSpace(str)
		return str, str != ""
	}
	if n := bytes.TrimSpace(s.ID); len(n) > 0 && isInteger(n) {
		return string(n), true
	}
	return "", false
}

func isInteger(b []byte) bool {
	for i, c := range b {
		if (c < '0' || c > '9') && !(i == 0 && c == '-' && len(b) > 1) {
			return false
		}
	}
	return true
}

func fieldNames(m map[string]json.RawMessage) string {
	if len(m) == 0 {
		return "none"
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, "`"+k+"`")
	}
	slices.Sort(names)
	if len(names) > 8 {
		names = append(names[:8], "…")
	}
	return strings.Join(names, ", ")
}
