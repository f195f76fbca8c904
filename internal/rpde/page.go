package rpde

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// Page is one decoded RPDE page.
type Page struct {
	// Next is the `next` link as given (possibly relative).
	Next    string
	License string
	Items   []Item
	// Checks are the rule checks that failed within this page alone.
	Checks Checks
	// Skipped counts items dropped for lacking an id or a valid state.
	Skipped int
}

// Item is one RPDE item. Modified is kept as text, never through a float:
// change numbers reach 2^63.
type Item struct {
	ID       string
	State    string
	Kind     string
	Modified string
	// Numeric is true when modified was a JSON integer.
	Numeric bool
	// Data is the raw `data` object, kept byte for byte; nil for deletions.
	Data json.RawMessage
}

type wirePage struct {
	Next    json.RawMessage `json:"next"`
	Items   []wireItem      `json:"items"`
	License json.RawMessage `json:"license"`
}

type wireItem struct {
	State    json.RawMessage `json:"state"`
	Kind     json.RawMessage `json:"kind"`
	ID       json.RawMessage `json:"id"`
	AtID     json.RawMessage `json:"@id"`
	Modified json.RawMessage `json:"modified"`
	Data     json.RawMessage `json:"data"`
}

var bom = []byte("\xef\xbb\xbf")

// DecodePage decodes an RPDE page. It fails with a not_json *Error for
// anything that is not JSON (an HTML error page included) and an
// invalid_page *Error for JSON that is not an RPDE page.
func DecodePage(url string, body []byte) (*Page, error) {
	body = bytes.TrimPrefix(body, bom)
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, pageError(domain.KindNotJSON, url, "the page is empty, not JSON")
	}
	if trimmed[0] == '<' {
		return nil, pageError(domain.KindNotJSON, url, "the feed answered with a web page (HTML), not JSON; it is often an error page from the publisher's server")
	}
	var w wirePage
	if err := json.Unmarshal(body, &w); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return nil, pageError(domain.KindInvalidPage, url, "the JSON is not an RPDE page (%s where an RPDE page has %s)", typeErr.Value, describeField(typeErr.Field))
		}
		return nil, pageError(domain.KindNotJSON, url, "the page is not valid JSON (%v)", err)
	}
	return fromWire(url, &w)
}

func describeField(f string) string {
	switch f {
	case "":
		return "an object"
	case "items":
		return "a list of item objects in items"
	}
	return "a different value in " + f
}

func fromWire(url string, w *wirePage) (*Page, error) {
	p := &Page{}
	next, ok := jsonString(w.Next)
	if !ok || next == "" {
		return nil, pageError(domain.KindInvalidPage, url, "the JSON has no `next` link, so it is not an RPDE page")
	}
	if w.Items == nil {
		return nil, pageError(domain.KindInvalidPage, url, "the JSON has no `items` list, so it is not an RPDE page")
	}
	p.Next = next
	if lic, ok := jsonString(w.License); ok && lic != "" {
		p.License = lic
	} else {
		p.Checks.Fail(domain.CheckLicense)
		p.Checks.Fail(domain.CheckPageProperties)
	}
	p.Items = make([]Item, 0, len(w.Items))
	for i := range w.Items {
		it, ok := decodeItem(&w.Items[i], &p.Checks)
		if !ok {
			p.Skipped++
			continue
		}
		p.Items = append(p.Items, it)
	}
	return p, nil
}

// decodeItem reads one item, failing item checks on the way; ok is false
// for an item that cannot be stored (no id, no valid state).
func decodeItem(w *wireItem, c *Checks) (Item, bool) {
	var it Item
	idRaw := w.ID
	if len(idRaw) == 0 {
		idRaw = w.AtID
	}
	id, idOK := scalarText(idRaw)
	state, _ := jsonString(w.State)
	kind, kindOK := jsonString(w.Kind)
	mod, modOK := scalarText(w.Modified)
	it = Item{ID: id, State: state, Kind: kind, Modified: mod, Numeric: modOK && isInteger(w.Modified)}
	hasData := len(w.Data) > 0 && !bytes.Equal(w.Data, []byte("null"))
	bad := !idOK || id == "" || !kindOK || !modOK || (state != domain.StateUpdated && state != domain.StateDeleted)
	switch state {
	case domain.StateUpdated:
		if !hasData || w.Data[0] != '{' {
			bad = true
			hasData = false
		}
	case domain.StateDeleted:
		bad = bad || hasData
		hasData = false
	}
	if bad {
		c.Fail(domain.CheckItemProperties)
	}
	if !idOK || id == "" || (state != domain.StateUpdated && state != domain.StateDeleted) ||
		(state == domain.StateUpdated && !hasData) {
		return it, false
	}
	if hasData {
		it.Data = w.Data
	}
	return it, true
}

// jsonString reads a JSON string; ok is false for anything else.
func jsonString(raw json.RawMessage) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' {
		return "", false
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1 : len(raw)-1]), true
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false
	}
	return s, true
}

// scalarText reads a string or a number as text; numbers keep their
// literal digits.
func scalarText(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 {
		return "", false
	}
	if raw[0] == '"' {
		return jsonString(raw)
	}
	if raw[0] == '-' || (raw[0] >= '0' && raw[0] <= '9') {
		return string(raw), true
	}
	return "", false
}

func isInteger(raw json.RawMessage) bool {
	if len(raw) == 0 {
		return false
	}
	s := raw
	if s[0] == '-' {
		s = s[1:]
	}
	if len(s) == 0 {
		return false
	}
	for _, b := range s {
		if b < '0' || b > '9' {
			return false
		}
	}
	return true
}
