package simulate

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

var at = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func start(t *testing.T, cfg Config) *Server {
	t.Helper()
	if cfg.Clock.IsZero() {
		cfg.Clock = at
	}
	s, err := Start(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func get(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return b
}

type page struct {
	Next  string `json:"next"`
	Items []struct {
		ID       json.RawMessage `json:"id"`
		State    string          `json:"state"`
		Modified json.RawMessage `json:"modified"`
		Data     json.RawMessage `json:"data"`
	} `json:"items"`
}

// walk reads a feed to its end with plain HTTP and returns id → state.
func walk(t *testing.T, url string) (map[string]string, int) {
	held, pages := map[string]string{}, 0
	for pages < 10000 {
		var p page
		if err := json.Unmarshal(get(t, url), &p); err != nil {
			t.Fatalf("%s: %v", url, err)
		}
		pages++
		for _, it := range p.Items {
			held[strings.Trim(string(it.ID), `"`)] = it.State
		}
		if len(p.Items) == 0 && p.Next == url {
			return held, pages
		}
		url = p.Next
	}
	t.Fatal("no end")
	return nil, 0
}

func TestWalkingEveryFeedGivesTheTruth(t *testing.T) {
	s := start(t, Config{Seed: 2, Datasets: 6, Activities: 90, PageSize: 17})
	for _, d := range s.Datasets() {
		for _, f := range d.Feeds {
			held, _ := walk(t, f.URL)
			ids, _ := s.TruthIDs(f.URL, at)
			tr, _ := s.Truth(f.URL, at)
			if len(held) != len(ids) || len(held) != tr.Updated+tr.Deleted {
				t.Errorf("%s: walked %d ids, truth %d (%+v)", f.URL, len(held), len(ids), tr)
			}
			for id, st := range ids {
				if held[id] != st {
					t.Errorf("%s: id %s is %q, truth %q", f.URL, id, held[id], st)
					break
				}
			}
		}
	}
}

func TestDeterministicBySeed(t *testing.T) {
	a := start(t, Config{Seed: 7, Datasets: 3})
	b := start(t, Config{Seed: 7, Datasets: 3})
	c := start(t, Config{Seed: 8, Datasets: 3})
	fa, fb, fc := a.Datasets()[0].Feeds[0], b.Datasets()[0].Feeds[0], c.Datasets()[0].Feeds[0]
	pa := bytes.ReplaceAll(get(t, fa.URL), []byte(a.URL()), nil)
	pb := bytes.ReplaceAll(get(t, fb.URL), []byte(b.URL()), nil)
	pc := bytes.ReplaceAll(get(t, fc.URL), []byte(c.URL()), nil)
	if !bytes.Equal(pa, pb) {
		t.Error("same seed, different pages")
	}
	if bytes.Equal(pa, pc) {
		t.Error("different seeds, same pages")
	}
}

func TestClockMovesHistoryForward(t *testing.T) {
	s := start(t, Config{Seed: 1, Datasets: 4, Activities: 200})
	f := s.Datasets()[0].Feeds[0].URL
	before, _ := s.TruthModified(f, at)
	after, _ := s.TruthModified(f, at.AddDate(0, 0, 60))
	changed := 0
	for id, m := range before {
		if after[id] != m {
			changed++
		}
	}
	if changed == 0 || len(after) < len(before) {
		t.Errorf("60 days later: %d of %d changed, %d ids", changed, len(before), len(after))
	}
	resp, err := http.Post(s.URL()+"/_control/clock?t=2026-08-01T00:00:00Z", "", nil)
	if err != nil || resp.StatusCode != 200 || !s.Clock().Equal(time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("control clock: %v %v %v", resp, err, s.Clock())
	}
	var tr map[string]any
	json.Unmarshal(get(t, s.URL()+"/_control/truth?feed="+f), &tr)
	if tr["updated"] == nil {
		t.Errorf("truth endpoint: %v", tr)
	}
}

func TestChildrenAlwaysHaveUpcomingSessions(t *testing.T) {
	s := start(t, Config{Seed: 3, Datasets: 8, Activities: 80})
	for week := 0; week < 52; week += 13 {
		x := at.AddDate(0, 0, 7*week)
		s.SetClock(x)
		for _, d := range s.Datasets() {
			for _, f := range d.Feeds {
				if f.Type != "ScheduledSession" && f.Type != "Slot" {
					continue
				}
				tr, _ := s.Truth(f.URL, x)
				if tr.Updated == 0 {
					t.Errorf("%s at %s: no live sessions", f.URL, x.Format(time.DateOnly))
				}
			}
		}
	}
}

func TestParseFaults(t *testing.T) {
	fs, err := ParseFaults("500-deep=permanent@2/session-series, slow=50ms,gzip-bomb")
	if err != nil || len(fs) != 3 || fs[0].Target != "2/session-series" || !fs[0].permanent() || fs[1].Param != "50ms" {
		t.Fatalf("%+v %v", fs, err)
	}
	for _, bad := range []string{"nope", "slow=fast", "500-deep=many"} {
		if _, err := ParseFaults(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if len(AllFaults()) != len(FaultNames()) {
		t.Error("AllFaults and FaultNames disagree")
	}
}

func TestMillionItemFeedIsCompact(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	s := start(t, Config{Seed: 1, Datasets: 1, ItemsPerFeed: 1000000, ChildrenPerParent: 1, Epoch: at.AddDate(0, 0, 30)})
	f := s.Datasets()[0].Feeds[0]
	tr, _ := s.Truth(f.URL, at)
	if tr.Updated+tr.Deleted < 500000 {
		t.Fatalf("only %+v", tr)
	}
	var p page
	json.Unmarshal(get(t, f.URL), &p)
	if len(p.Items) != 500 {
		t.Errorf("first page has %d items", len(p.Items))
	}
}
