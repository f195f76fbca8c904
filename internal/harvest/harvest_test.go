package harvest

import (
	"context"
	"testing"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/simulate"
)

func TestHarvestMatchesTruthAndIsIncremental(t *testing.T) {
	s := mustSim(t, simulate.Config{Seed: 3, Datasets: 4, Activities: 120, PageSize: 20})
	st := mustStore(t, t.TempDir())
	feeds := simFeeds(s)
	ctx := context.Background()
	as, err := HarvestAll(ctx, feeds, opts(st, t0))
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range as {
		if a.Status != domain.StatusOK || !a.ReachedEnd {
			t.Errorf("%s: %s %s %s", a.FeedURL, a.Status, a.ErrorKind, a.Message)
		}
		assertTruth(t, st, s, feeds[i], t0)
	}
	t1 := t0.AddDate(0, 0, 7)
	s.SetClock(t1)
	as2, err := HarvestAll(ctx, feeds, opts(st, t1))
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range as2 {
		assertTruth(t, st, s, feeds[i], t1)
		if a.Pages >= as[i].Pages && as[i].Pages > 2 {
			t.Errorf("%s: second harvest read %d pages, the first %d: not incremental", a.FeedURL, a.Pages, as[i].Pages)
		}
		t.Logf("%s: first %d pages %d changes; week later %d pages %d changes", a.FeedURL, as[i].Pages, as[i].ItemsChanged, a.Pages, a.ItemsChanged)
	}
}
