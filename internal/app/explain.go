package app

import (
	"context"
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/geo"
	"github.com/feedgauge/feedgauge/internal/oruk"
	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/web"
	"github.com/feedgauge/feedgauge/internal/web/webscore"
)

// explainer re-scores an activity's dataset from its stored items, check by
// check, for the activity page. It uses the items as stored now, scored as
// at the snapshot's T.
func explainer(st store.Store, res *geo.Resolver) web.ExplainFunc {
	return func(ctx context.Context, datasetID, activityID string, at time.Time) (*web.Explanation, error) {
		ref, err := referenceAt(ctx, st, res, at)
		if err != nil {
			return nil, err
		}
		if std, ok, err := oruk.StandardOf(ctx, st, datasetID); err != nil {
			return nil, err
		} else if ok && std.Standard == oruk.StandardORUK {
			return explainService(ctx, st, ref.Ref, datasetID, activityID, at)
		}
		in := score.DatasetInput{DatasetID: datasetID}
		feeds, err := store.Feeds(ctx, st, datasetID)
		if err != nil {
			return nil, err
		}
		// Only the feeds scored at that snapshot: a feed the dataset had
		// stopped listing (renamed, moved) keeps its items but was not
		// scored, and beside its successor would change the activity.
		scored, err := store.FeedsScoredAt(ctx, st, datasetID, at)
		if err != nil {
			return nil, err
		}
		listed := func(feedURL string) bool { return len(scored) == 0 || scored[feedURL] }
		for _, f := range feeds {
			if !listed(f.URL) {
				continue
			}
			fs, _, err := store.GetFeedState(ctx, st, f.URL)
			if err != nil {
				return nil, err
			}
			in.Feeds = append(in.Feeds, score.FeedInfo{URL: f.URL, Ordering: fs.Ordering})
		}
		err = store.EachItem(ctx, st, datasetID, func(it domain.Item) error {
			if listed(it.FeedURL) {
				in.Items = append(in.Items, it)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		for _, ex := range score.Explain(in, at, ref.Ref) {
			if ex.Score.ActivityID == activityID {
				return webscore.Explanation(ex), nil
			}
		}
		return nil, fmt.Errorf("%w: activity %s is not in the stored items of %s any more", web.ErrNotFound, activityID, datasetID)
	}
}

// explainService explains an Open Referral UK service with the ORUK
// profile (docs/method.md part B): its sv and sa checks and freshness.
func explainService(ctx context.Context, st store.Store, ref *score.Reference, datasetID, activityID string, at time.Time) (*web.Explanation, error) {
	s, err := oruk.NewScorer(ref)
	if err != nil {
		return nil, err
	}
	var found *web.Explanation
	err = store.EachLiveItem(ctx, st, datasetID, func(it domain.Item) error {
		if found != nil || oruk.ServiceID(it.FeedURL, it.RPDEID) != activityID {
			return nil
		}
		ex, ok := s.Score(it, at)
		if !ok {
			return nil
		}
		found = &web.Explanation{Freshness: ex.Freshness}
		for _, c := range ex.Checks(s.Profile()) {
			found.Checks = append(found.Checks, web.CheckOutcome{ID: c.ID, Pass: c.Pass, Reason: c.Reason})
		}
		return nil
	})
	if err != nil || found != nil {
		return found, err
	}
	return nil, fmt.Errorf("%w: service %s is not in the stored items of %s any more", web.ErrNotFound, activityID, datasetID)
}
