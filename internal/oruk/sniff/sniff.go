// Package sniff recognises Open Referral UK (ORUK) documents from their
// bytes: the v3 API root (`GET /` with `version`, `profile`, `openapi_url`)
// and the list pages of v3 (`total_items` … `contents[]`) and v1 (Spring
// style `totalElements` … `content[]`). It is a leaf: discovery uses it to
// tell an ORUK source from an OpenActive one, the harvester to read pages.
package sniff

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
)

// Doc is what a document turned out to be.
type Doc int

// Document kinds.
const (
	None   Doc = iota // not an ORUK document
	Root              // the v3 API root
	PageV3            // a v3 list page
	PageV1            // a v1 (Spring-style) list page
)

// Feed kinds stored on domain.Feed.Kind for ORUK feeds: the version the
// publisher claims (from `GET /`), else the one its pages show. Stored and
// shown, so never rename one.
const (
	KindV3 = "oruk/v3"
	KindV1 = "oruk/v1"
)

// IsKind reports whether a feed kind names an ORUK feed.
func IsKind(kind string) bool { return kind == KindV3 || kind == KindV1 }

// Version is the ORUK version a kind names: "3.0" or "1.0".
func Version(kind string) string {
	switch kind {
	case KindV3:
		return "3.0"
	case KindV1:
		return "1.0"
	}
	return ""
}

// V3Keys and V1Keys are the pagination header fields of each version.
var (
	V3Keys = []string{"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"}
	V1Keys = []string{"totalElements", "totalPages", "number", "size", "first", "last"}
)

// RootInfo is what an API root declares.
type RootInfo struct {
	Version    string // as given, e.g. "HSDS-UK-3.0"
	Profile    string
	OpenAPIURL string
}

// Claims is the feed kind the root's version claims: KindV1 when the
// version names 1.x, KindV3 otherwise.
func (r RootInfo) Claims() string {
	v := strings.ToLower(r.Version)
	if strings.Contains(v, "-1.") || strings.HasPrefix(v, "1.") || strings.HasSuffix(v, "-1") {
		return KindV1
	}
	return KindV3
}

// Classify tells an ORUK document from its bytes. For a root it also
// returns what the root declares.
func Classify(body []byte) (Doc, RootInfo) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return None, RootInfo{}
	}
	if isArray(m["contents"]) && anyKey(m, V3Keys) {
		return PageV3, RootInfo{}
	}
	if isArray(m["content"]) && anyKey(m, V1Keys) {
		return PageV1, RootInfo{}
	}
	r := RootInfo{Version: str(m["version"]), Profile: str(m["profile"]), OpenAPIURL: str(m["openapi_url"])}
	if r.OpenAPIURL != "" || strings.HasPrefix(strings.ToUpper(r.Version), "HSDS") {
		return Root, r
	}
	return None, RootInfo{}
}

func isArray(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) > 0 && t[0] == '['
}

func anyKey(m map[string]json.RawMessage, keys []string) bool {
	for _, k := range keys {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

func str(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return strings.TrimSpace(s)
}

// Stub is the API's base address (its "API stub"): the URL without a query
// or fragment, without trailing slashes and without a final /services.
func Stub(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return strings.TrimRight(raw, "/")
	}
	u.RawQuery, u.Fragment, u.RawFragment = "", "", ""
	u.Path = strings.TrimRight(u.Path, "/")
	u.Path = strings.TrimSuffix(u.Path, "/services")
	u.RawPath = ""
	return strings.TrimRight(u.String(), "/")
}

// ServicesURL is the list page of a stub: /services?page=N&per_page=M.
func ServicesURL(stub string, page, perPage int) string {
	v := url.Values{}
	v.Set("page", strconv.Itoa(page))
	v.Set("per_page", strconv.Itoa(perPage))
	return stub + "/services?" + v.Encode()
}

// ServiceURL is the detail page of one service: /services/{id}.
func ServiceURL(stub, id string) string {
	return stub + "/services/" + url.PathEscape(id)
}
