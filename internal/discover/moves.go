package discover

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
)

// Move is a dataset that moved host but kept its feeds (paths) and so its
// RPDE ids, like ChelmsfordCitySports leisurecloud.net → gs-signature.cloud.
//
// What feedgauge does: the new dataset-site URL is a new dataset id (ids are
// the URL as listed), harvested from the start under it; the move is stored
// (dataset_moves) and logged, and the dataset pages show it with a link to
// the history held under the old id. The old dataset is no longer listed, so
// it is not scored and never counted twice. Nothing is copied: items are
// keyed by feed URL, and a copied cursor without the items would hold only
// the changes since the move.
type Move struct {
	From, To string
	// Feeds maps old feed URLs to new ones.
	Feeds map[string]string
}

// DetectMoves compares what was known before with what discovery found now:
// a known dataset no longer listed, and a new dataset on another host whose
// feeds have the same paths and kinds, is a move.
func DetectMoves(known []domain.Dataset, knownFeeds []domain.Feed, res Result) []Move {
	now := map[string]bool{}
	for _, d := range res.Datasets {
		now[d.ID] = true
	}
	was := map[string]bool{}
	for _, d := range known {
		was[d.ID] = true
	}
	oldSig := signatures(knownFeeds, func(id string) bool { return !now[id] })
	newSig := signatures(res.Feeds, func(id string) bool { return !was[id] })
	bySig := map[string]string{}
	for id, sig := range oldSig {
		bySig[sig] = id
	}
	var moves []Move
	for to, sig := range newSig {
		from, ok := bySig[sig]
		if !ok || hostName(from) == hostName(to) {
			continue
		}
		moves = append(moves, Move{From: from, To: to, Feeds: pairFeeds(knownFeeds, res.Feeds, from, to)})
	}
	sort.Slice(moves, func(i, j int) bool { return moves[i].To < moves[j].To })
	return moves
}

// signatures gives each selected dataset the sorted list of its feeds'
// path, query and kind.
func signatures(feeds []domain.Feed, keep func(string) bool) map[string]string {
	parts := map[string][]string{}
	for _, f := range feeds {
		if keep(f.DatasetID) {
			parts[f.DatasetID] = append(parts[f.DatasetID], pathKey(f.URL)+"|"+f.Kind)
		}
	}
	out := map[string]string{}
	for id, p := range parts {
		sort.Strings(p)
		out[id] = strings.Join(p, "\n")
	}
	return out
}

func pathKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.EscapedPath() + "?" + u.RawQuery
}

func pairFeeds(old, cur []domain.Feed, from, to string) map[string]string {
	byPath := map[string]string{}
	for _, f := range old {
		if f.DatasetID == from {
			byPath[pathKey(f.URL)] = f.URL
		}
	}
	out := map[string]string{}
	for _, f := range cur {
		if f.DatasetID == to {
			if o, ok := byPath[pathKey(f.URL)]; ok {
				out[o] = f.URL
			}
		}
	}
	return out
}

// Record stores what a discovery found: datasets, feeds and the failure
// rows. It also returns the moves found against what the store knew.
func Record(ctx context.Context, st store.Store, res Result) ([]Move, error) {
	known, err := store.Datasets(ctx, st)
	if err != nil {
		return nil, err
	}
	knownFeeds, err := store.Feeds(ctx, st, "")
	if err != nil {
		return nil, err
	}
	moves := DetectMoves(known, knownFeeds, res)
	if err := putMoves(ctx, st, moves, res.Datasets); err != nil {
		return moves, err
	}
	if err := store.PutDatasets(ctx, st, res.Datasets); err != nil {
		return moves, fmt.Errorf("store datasets: %w", err)
	}
	if err := store.PutFeeds(ctx, st, res.Feeds); err != nil {
		return moves, fmt.Errorf("store feeds: %w", err)
	}
	if len(res.Failures) > 0 {
		if err := store.PutAttempts(ctx, st, res.Failures); err != nil {
			return moves, fmt.Errorf("store discovery failures: %w", err)
		}
	}
	return moves, nil
}

var moveCols = []string{"from_id", "to_id", "detected_at", "feeds", "feed_count"}

// putMoves stores detected moves, dated when the new site was discovered
// (the snapshot's time, also in backfills).
func putMoves(ctx context.Context, st store.Store, moves []Move, ds []domain.Dataset) error {
	if len(moves) == 0 {
		return nil
	}
	found := map[string]time.Time{}
	for _, d := range ds {
		found[d.ID] = d.DiscoveredAt
	}
	rows := make([][]any, len(moves))
	for i, m := range moves {
		at := found[m.To]
		feeds, err := json.Marshal(m.Feeds)
		if err != nil {
			return err
		}
		rows[i] = []any{m.From, m.To, at.UTC().Truncate(time.Second), string(feeds), len(m.Feeds)}
	}
	if err := st.Insert(ctx, "dataset_moves", moveCols, rows); err != nil {
		return fmt.Errorf("store %d dataset moves: %w", len(moves), err)
	}
	return nil
}
