package harvest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/discover"
	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/simulate"
	"github.com/feedgauge/feedgauge/internal/store"
)

// wantKind is the error kind each blocking fault must be recorded with.
var wantKind = map[string]domain.ErrorKind{
	"not-json":         domain.KindNotJSON,
	"gzip-bomb":        domain.KindDecompressionBomb,
	"huge-page":        domain.KindTooLarge,
	"redirect-private": domain.KindBlockedAddress,
	"no-jsonld":        domain.KindInvalidDatasetSite,
	"not-dataset":      domain.KindInvalidDatasetSite,
}

// snapshot discovers and harvests at `at`, retrying failed feeds up to
// three more attempts (a second apart, so each is its own row), and
// returns the last attempt per feed.
func snapshot(t *testing.T, s *simulate.Server, st store.Store, at time.Time) (map[string]domain.HarvestAttempt, discover.Result) {
	t.Helper()
	ctx := context.Background()
	res := discover.Discover(ctx, []discover.Source{{URL: s.CatalogueURL()}}, discover.Options{Client: testClient(), Now: at})
	if _, err := discover.Record(ctx, st, res); err != nil {
		t.Fatal(err)
	}
	last := map[string]domain.HarvestAttempt{}
	todo := res.Feeds
	for try := 0; try < 4 && len(todo) > 0; try++ {
		as, err := HarvestAll(ctx, todo, opts(st, at.Add(time.Duration(try)*time.Second)))
		if err != nil {
			t.Fatal(err)
		}
		var again []domain.Feed
		for i, a := range as {
			last[a.FeedURL] = a
			if a.Status != domain.StatusOK {
				again = append(again, todo[i])
			}
		}
		todo = again
	}
	return last, res
}

func TestEveryFaultStoredCountsEqualTruth(t *testing.T) {
	all := simulate.AllFaults()
	for i := range all {
		if all[i].Name == "slow" {
			all[i].Param = "15ms"
		}
	}
	s := mustSim(t, simulate.Config{Seed: 11, Datasets: 26, Activities: 500, PageSize: 25, Faults: all, Gzip: true})
	st := mustStore(t, t.TempDir())
	failed := map[string]bool{}
	for week, at := range []time.Time{t0, t0.AddDate(0, 0, 7)} {
		s.SetClock(at)
		last, res := snapshot(t, s, st, at)
		for _, fl := range res.Failures {
			failed[fl.FeedURL] = true
		}
		for _, d := range s.Datasets() {
			if d.Preview {
				continue
			}
			checkDataset(t, s, st, d, last, failed, at, week)
		}
	}
}

func checkDataset(t *testing.T, s *simulate.Server, st store.Store, d simulate.DatasetInfo, last map[string]domain.HarvestAttempt,
	failed map[string]bool, at time.Time, week int) {
	t.Helper()
	for _, fl := range d.Faults {
		if k, ok := wantKind[fl]; ok {
			if !failed[d.URL] {
				t.Errorf("week %d: dataset %s with %s: no failure row", week, d.URL, fl)
			}
			_ = k
			return
		}
	}
	for _, f := range d.Feeds {
		a, ok := last[f.URL]
		if !ok {
			t.Errorf("week %d: feed %s (%v) was not harvested", week, f.URL, f.Faults)
			continue
		}
		if f.Blocked != "" {
			name := strings.SplitN(f.Blocked, "=", 2)[0]
			if a.Status != domain.StatusFailed || a.ErrorKind != wantKind[name] {
				t.Errorf("week %d: %s (%s): attempt %s/%s %q, want %s", week, f.URL, f.Blocked, a.Status, a.ErrorKind, a.Message, wantKind[name])
			}
			continue
		}
		if a.Status != domain.StatusOK {
			t.Errorf("week %d: %s (%v) still failing after retries: %s %s", week, f.URL, f.Faults, a.ErrorKind, a.Message)
		}
		assertTruth(t, st, s, domain.Feed{URL: f.URL, DatasetID: d.URL}, at)
	}
}
