package score

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// DocumentFeedURL stands in for the feed URL of a checked document.
const DocumentFeedURL = "document"

// ErrNotOpenActive is returned for JSON that holds no item or object.
var ErrNotOpenActive = errors.New("score: document holds no OpenActive item or object")

// docEnvelope is an RPDE item or a bare {data: …} wrapper.
type docEnvelope struct {
	State    string          `json:"state"`
	Kind     string          `json:"kind"`
	ID       json.RawMessage `json:"id"`
	Modified json.RawMessage `json:"modified"`
	Data     json.RawMessage `json:"data"`
}

// documentItems turns a checked document into items: a single RPDE item, a
// bare {data:…} wrapper, a bare JSON-LD object, an RPDE page, or a JSON
// array of any of these.
func documentItems(data []byte) ([]domain.Item, domain.Ordering, error) {
	root, err := jsonld.Parse(data)
	if err != nil {
		return nil, "", fmt.Errorf("check document: %w", err)
	}
	var out []domain.Item
	ordering := domain.OrderingUnknown
	switch {
	case root.Kind == jsonld.Array:
		var raws []json.RawMessage
		if err := json.Unmarshal(data, &raws); err != nil {
			return nil, "", fmt.Errorf("check document: %w", err)
		}
		for _, r := range raws {
			out = appendItem(out, r, "")
		}
	case root.Kind == jsonld.Object && root.Get("items") != nil && root.Get("items").Kind == jsonld.Array:
		var page struct {
			Items []json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal(data, &page); err != nil {
			return nil, "", fmt.Errorf("check document: %w", err)
		}
		licence, _ := root.Get("license").Str()
		next, _ := root.Get("next").Str()
		ordering = pageOrdering(next)
		for _, r := range page.Items {
			out = appendItem(out, r, licence)
		}
	case root.Kind == jsonld.Object:
		out = appendItem(out, data, "")
	}
	if len(out) == 0 {
		return nil, "", ErrNotOpenActive
	}
	return out, ordering, nil
}

// pageOrdering reads §8.2.4's rule from a page's next URL.
func pageOrdering(next string) domain.Ordering {
	switch {
	case strings.Contains(next, "afterTimestamp"):
		return domain.OrderingTimestamp
	case strings.Contains(next, "afterChangeNumber"):
		return domain.OrderingChangeNumber
	}
	return domain.OrderingUnknown
}

// appendItem adds one element: an item/wrapper when it has `data` or
// `state`, else a bare JSON-LD object. Non-objects are skipped.
func appendItem(out []domain.Item, raw json.RawMessage, licence string) []domain.Item {
	v, err := jsonld.Parse(raw)
	if err != nil || !v.IsObject() {
		return out
	}
	it := domain.Item{FeedURL: DocumentFeedURL, State: domain.StateUpdated, License: licence, FirstHarvest: true}
	it.RPDEID = "item-" + strconv.Itoa(len(out)+1)
	if v.Get("data") == nil && v.Get("state") == nil {
		it.Data = raw
		return append(out, it)
	}
	var env docEnvelope
	if json.Unmarshal(raw, &env) != nil {
		return out
	}
	if env.State == domain.StateDeleted {
		it.State = domain.StateDeleted
	}
	if id := rawText(env.ID); id != "" {
		it.RPDEID = id
	}
	it.Kind, it.Modified, it.Data = env.Kind, rawText(env.Modified), env.Data
	return append(out, it)
}

// rawText is a JSON string's text or a number's literal.
func rawText(r json.RawMessage) string {
	var s string
	if json.Unmarshal(r, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(r, &n) == nil {
		return n.String()
	}
	return ""
}

// Report is `feedgauge check`'s answer: per activity what is missing and how
// to fix it, plus totals.
type Report struct {
	T          time.Time     `json:"t"`
	Items      int           `json:"items"`
	Deleted    int           `json:"deleted"`
	Unreadable int           `json:"unreadable"`
	Activities []Explanation `json:"activities"`
	Totals     Totals        `json:"totals"`
}

// CheckDocument scores a JSON document as one dataset at T. Change times
// are unknown unless the document is a timestamp-ordered RPDE page.
func CheckDocument(data []byte, T time.Time, ref *Reference) (Report, error) {
	items, ordering, err := documentItems(data)
	if err != nil {
		return Report{}, err
	}
	in := DatasetInput{DatasetID: DocumentFeedURL, Feeds: []FeedInfo{{URL: DocumentFeedURL, Ordering: ordering}}, Items: items}
	return CheckDataset(in, T, ref), nil
}

// CheckDataset is CheckDocument for items already read, for example the
// pages of a feed fetched by `feedgauge check URL`.
func CheckDataset(in DatasetInput, T time.Time, ref *Reference) Report {
	res, exps := Prepare(in).run(T, ref, true)
	rep := Report{T: T.UTC().Truncate(time.Second), Activities: exps}
	if rep.Activities == nil {
		rep.Activities = []Explanation{}
	}
	for _, f := range res.Feeds {
		rep.Items, rep.Deleted, rep.Unreadable = rep.Items+f.Items, rep.Deleted+f.Deleted, rep.Unreadable+f.Unreadable
	}
	rep.Totals = totals(ref.Profile, res.Activities)
	return rep
}
