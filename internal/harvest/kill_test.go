package harvest

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/simulate"
	"github.com/feedgauge/feedgauge/internal/store"
)

// childCmd runs this test binary as a child harvester of feeds.
func childCmd(t testing.TB, dir string, at time.Time, batch int, feeds []domain.Feed) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "FG_CHILD=1", "FG_DIR="+dir, "FG_AT="+at.Format(time.RFC3339), fmt.Sprintf("FG_BATCH=%d", batch))
	for i, f := range feeds {
		cmd.Env = append(cmd.Env, fmt.Sprintf("FG_FEED_%d=%s", i, f.URL), fmt.Sprintf("FG_DS_%d=%s", i, f.DatasetID))
	}
	cmd.Stderr = os.Stderr
	return cmd
}

func TestKilledHarvestResumesWithoutDoubleCounting(t *testing.T) {
	s := mustSim(t, simulate.Config{Seed: 5, Datasets: 1, ItemsPerFeed: 300, ChildrenPerParent: 2, PageSize: 20,
		Faults: []simulate.Fault{{Name: "slow", Param: "15ms", Target: "0"}}})
	var f domain.Feed
	most := 0
	for _, x := range simFeeds(s) {
		if tr, _ := s.Truth(x.URL, t0); tr.Updated+tr.Deleted > most {
			f, most = x, tr.Updated+tr.Deleted
		}
	}
	if most < 250 {
		t.Fatal("no feed large enough")
	}
	dir := t.TempDir()
	mustStore(t, dir).Close()
	cmd := childCmd(t, dir, t0, 30, []domain.Feed{f})
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	pages := 0
	for sc.Scan() && pages < 6 {
		if strings.HasPrefix(sc.Text(), "page ") {
			pages++
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	st := mustStore(t, dir)
	ctx := context.Background()
	up, del, _ := store.CountItems(ctx, st, f.DatasetID, f.URL)
	held := up + del
	tr, _ := s.Truth(f.URL, t0)
	if held == 0 || held >= tr.Updated+tr.Deleted {
		t.Fatalf("the kill did not land mid-feed: %d of %d items stored", held, tr.Updated+tr.Deleted)
	}
	a, err := HarvestFeed(ctx, f, opts(st, t0.Add(time.Second)))
	if err != nil || a.Status != domain.StatusOK {
		t.Fatalf("resumed attempt: %+v %v", a, err)
	}
	assertTruth(t, st, s, f, t0)
	if want := tr.Updated + tr.Deleted - held; a.ItemsChanged != want {
		t.Errorf("resumed attempt counted %d changes, want %d (%d held before)", a.ItemsChanged, want, held)
	}
	t.Logf("killed after %d pages with %d items held; resumed from there and counted %d changes", pages, held, a.ItemsChanged)
}
