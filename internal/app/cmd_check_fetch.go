package app

import (
	"context"
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/discover"
	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/rpde"
	"github.com/feedgauge/feedgauge/internal/score"
)

// checkPages caps how much of each feed `check URL` reads: enough for a
// publisher to see what is missing, like the OpenActive validator's sample,
// without harvesting a whole national feed.
const (
	checkPages = 50
	checkItems = 25_000
)

// checkURL reads a dataset site (all its feeds) or a single feed politely,
// through the shared client and its address guard, and scores what it read
// as one dataset so children meet their parents across feeds.
func checkURL(ctx context.Context, e *Env, url string, ref *score.Reference, T time.Time) (score.Report, error) {
	client, err := newClient(e)
	if err != nil {
		return score.Report{}, err
	}
	found := discover.Discover(ctx, []discover.Source{{URL: url}}, discover.Options{Client: client, Logger: e.Log, Now: T})
	if len(found.Feeds) == 0 {
		if len(found.Failures) > 0 {
			return score.Report{}, fmt.Errorf("cannot read %s: %s", url, found.Failures[0].Message)
		}
		return score.Report{}, fmt.Errorf("%s lists no OpenActive feeds", url)
	}
	in := score.DatasetInput{DatasetID: url}
	for _, f := range found.Feeds {
		ordering, err := checkOneFeed(ctx, client, f.URL, T, &in)
		if err != nil {
			e.Log.Warn("a feed could not be read in full; checking the pages read", "feed", f.URL, "err", err)
		}
		in.Feeds = append(in.Feeds, score.FeedInfo{URL: f.URL, Ordering: ordering})
	}
	return score.CheckDataset(in, T, ref), nil
}

func checkOneFeed(ctx context.Context, client rpde.Fetcher, url string, T time.Time, in *score.DatasetInput) (domain.Ordering, error) {
	var ordering domain.Ordering
	_, err := rpde.Walk(ctx, client, url, rpde.WalkOptions{MaxPages: checkPages, MaxItems: checkItems},
		func(_ context.Context, ev rpde.PageEvent) error {
			ordering = ev.Ordering
			for _, it := range ev.Page.Items {
				in.Items = append(in.Items, domain.Item{DatasetID: in.DatasetID, FeedURL: url, RPDEID: it.ID, State: it.State,
					Kind: it.Kind, Modified: it.Modified, Data: it.Data, License: ev.Page.License, FirstSeen: T, FirstHarvest: true})
			}
			return nil
		})
	return ordering, err
}
