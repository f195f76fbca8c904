package score

import (
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// realItems is the 15 real items as one dataset, read like `feedgauge
// check` reads an array of them.
func realItems(t *testing.T) DatasetInput {
	t.Helper()
	files, _ := filepath.Glob("testdata/items-real/*.json")
	var docs []json.RawMessage
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, data)
	}
	doc, _ := json.Marshal(docs)
	items, ordering, err := documentItems(doc)
	if err != nil || len(items) != len(files) {
		t.Fatalf("read the real items: %v (%d)", err, len(items))
	}
	return DatasetInput{DatasetID: DocumentFeedURL, Feeds: []FeedInfo{{URL: DocumentFeedURL, Ordering: ordering}}, Items: items}
}

// refsUnderTest are the default reference and one with a register and a
// locator, which exercise as.3 and the locate requests.
func refsUnderTest(t *testing.T, T time.Time) map[string]*Reference {
	ref := testRef(t)
	on := T.Add(-24 * time.Hour)
	reg := []RegisterEntry{{OrganiserID: "https://example.org/org/3", AssuredOn: on, Scheme: "A"},
		{OrganiserURL: "https://club7.example.org", AssuredOn: on, Scheme: "B"}}
	loc := locFunc(func(r domain.LocateRequest) domain.Location {
		l := domain.Location{Method: domain.LocUnlocated}
		if len(r.Postcodes) > 0 {
			l.Method, l.LAD = domain.LocPostcode, "E06000018"
		} else if r.Point != nil {
			l.Method, l.Lat, l.Lng, l.HasPoint = domain.LocCoordinates, r.Point.Lat, r.Point.Lng, true
		}
		return l
	})
	return map[string]*Reference{"default": ref, "register+locator": ref.WithRegister(reg).WithLocator(loc)}
}

// samePrepared checks that every way of scoring in gives the same result.
func samePrepared(t *testing.T, name string, in DatasetInput, T time.Time, ref *Reference) {
	t.Helper()
	want := ScoreDataset(in, T, ref)
	p := Prepare(in)
	if got := ScorePrepared(p, T, ref); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: ScorePrepared differs from ScoreDataset", name)
	}
	c := NewCache()
	if got := ScorePrepared(c.Prepare(in), T, ref); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: first cached Prepare differs from ScoreDataset", name)
	}
	if got := ScorePrepared(c.Prepare(in), T, ref); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: reused Prepared differs from ScoreDataset", name)
	}
	if got, want := ExplainPrepared(p, T, ref), Explain(in, T, ref); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: ExplainPrepared differs from Explain", name)
	}
	for _, lean := range []bool{false, true} {
		b := NewBuilder(in, lean)
		for i := range in.Items {
			// A buffer reused after Add, as a store's reader may do.
			it := in.Items[i]
			it.Data = append([]byte(nil), it.Data...)
			b.Add(&it)
			clear(it.Data)
		}
		bp := b.Prepare()
		if got := ScorePrepared(bp, T, ref); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Builder (lean %v) differs from ScoreDataset", name, lean)
		}
		versions := map[string]map[string]bool{}
		for _, it := range in.Items {
			if versions[it.FeedURL+" "+it.RPDEID] == nil {
				versions[it.FeedURL+" "+it.RPDEID] = map[string]bool{}
			}
			versions[it.FeedURL+" "+it.RPDEID][string(it.Data)] = true
		}
		for _, it := range in.Items {
			data, _, ok := bp.Item(it.FeedURL, it.RPDEID)
			if lean && ok || !lean && ok && !versions[it.FeedURL+" "+it.RPDEID][data] {
				t.Errorf("%s: Builder (lean %v) item %s: %v %q", name, lean, it.RPDEID, ok, data)
			}
		}
	}
}

func TestPreparedEqualsScoreDataset(t *testing.T) {
	worlds := map[string]DatasetInput{
		"real items": realItems(t),
		"bench":      benchDataset(60, 8, benchT),
		"mix":        benchMix(700, benchT),
	}
	for name, in := range worlds {
		for _, T := range []time.Time{goldenT, benchT, benchT.Add(40 * 24 * time.Hour)} {
			for rname, ref := range refsUnderTest(t, T) {
				samePrepared(t, name+" at "+T.Format(time.DateOnly)+" with "+rname, in, T, ref)
			}
		}
	}
}

// snapshot2 changes in the ways successive harvests do: new versions
// (data, start, parent), deletions, removals, additions, a new order, and
// changes a careless store might make without a new Seq.
func snapshot2(in DatasetInput, rng *rand.Rand) DatasetInput {
	out := in
	out.Items = nil
	for i, it := range in.Items {
		it.Data = append([]byte(nil), it.Data...)
		switch i % 37 {
		case 0: // a new version
			it.Seq += 1000
			it.Modified = "1772000000"
			it.Data = []byte(strings.Replace(string(it.Data), `"name":"`, `"name":"Renamed `, 1))
		case 5: // moved in time
			it.Seq += 1000
			it.Data = []byte(strings.Replace(string(it.Data), "T1", "T2", 1))
		case 9: // now names a parent that does not exist
			it.Seq += 1000
			it.Data = []byte(strings.Replace(string(it.Data), `"superEvent":"https://example.org/session-series/`, `"superEvent":"https://example.org/gone/`, 1))
		case 13:
			it.State, it.Data, it.Seq = domain.StateDeleted, nil, it.Seq+1000
		case 17:
			continue // no longer stored
		case 21: // the same bytes stored again
			it.Seq += 1000
		case 25: // data changed under the same Seq
			it.Data = []byte(strings.Replace(string(it.Data), `"price":`, `"price":1`, 1))
		case 29: // only the first-seen time
			it.FirstSeen = benchT.Add(-time.Hour)
			it.FirstHarvest = false
		}
		out.Items = append(out.Items, it)
	}
	extra := benchMix(120, benchT.Add(24*time.Hour))
	for i := range extra.Items {
		extra.Items[i].RPDEID = "new-" + extra.Items[i].RPDEID
	}
	out.Items = append(out.Items, extra.Items...)
	rng.Shuffle(len(out.Items)/3, func(i, j int) { out.Items[i], out.Items[j] = out.Items[j], out.Items[i] })
	return out
}

func TestCacheAcrossSnapshots(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	worlds := map[string]DatasetInput{"bench": benchDataset(60, 8, benchT), "mix": benchMix(700, benchT), "real items": realItems(t)}
	for name, in1 := range worlds {
		in2 := snapshot2(in1, rng)
		for rname, ref := range refsUnderTest(t, benchT) {
			c := NewCache()
			p1 := c.Prepare(in1)
			if got, want := ScorePrepared(p1, benchT, ref), ScoreDataset(in1, benchT, ref); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s %s: snapshot 1 differs", name, rname)
			}
			p2 := c.Prepare(in2)
			st := c.Stats()
			if st.Items != len(in2.Items) || st.Reused+st.Decoded != st.Items || !st.Relinked || st.Reused < len(in1.Items)/2 {
				t.Errorf("%s: snapshot 2 stats %+v", name, st)
			}
			for _, T := range []time.Time{benchT, benchT.Add(7 * 24 * time.Hour)} {
				if got, want := ScorePrepared(p2, T, ref), ScoreDataset(in2, T, ref); !reflect.DeepEqual(got, want) {
					t.Errorf("%s %s: snapshot 2 at %v differs from ScoreDataset", name, rname, T)
				}
			}
			// Nothing changed: the same Prepared serves another T.
			if p3 := c.Prepare(in2); p3 != p2 || c.Stats().Relinked || c.Stats().Decoded != 0 {
				t.Errorf("%s: an unchanged snapshot was prepared again: %+v", name, c.Stats())
			}
			if c.Len() != len(in2.Items) {
				t.Errorf("%s: cache holds %d items, want %d", name, c.Len(), len(in2.Items))
			}
			// And back: the first snapshot again.
			if got, want := ScorePrepared(c.Prepare(in1), benchT, ref), ScoreDataset(in1, benchT, ref); !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s: snapshot 1 again differs", name, rname)
			}
		}
	}
}

// The data changed under the same Seq must still be seen.
func TestCacheIgnoresSeqAlone(t *testing.T) {
	in := dataset(item(t, feedA, "1", fullSeries()))
	c := NewCache()
	c.Prepare(in)
	in.Items[0].Data = mustJSON(t, with(fullSeries(), "name", "Renamed"))
	if s := only(t, ScorePrepared(c.Prepare(in), testT, testRef(t))); s.Name != "Renamed" || c.Stats().Decoded != 1 {
		t.Errorf("stale item served: %q %+v", s.Name, c.Stats())
	}
}

// A Prepared owns its data: the caller may reuse the items' buffers.
func TestPreparedOwnsItsData(t *testing.T) {
	in := benchMix(300, benchT)
	ref := testRef(t)
	want := ScoreDataset(in, benchT, ref)
	p := Prepare(in)
	for i := range in.Items {
		for k := range in.Items[i].Data {
			in.Items[i].Data[k] = 'x'
		}
	}
	if got := ScorePrepared(p, benchT, ref); !reflect.DeepEqual(got, want) {
		t.Error("scores changed when the input bytes were overwritten")
	}
}

// One Prepared may be scored by concurrent calls (run with -race).
func TestScorePreparedConcurrent(t *testing.T) {
	in := benchMix(500, benchT)
	ref := refsUnderTest(t, benchT)["register+locator"]
	p := Prepare(in)
	var wg sync.WaitGroup
	for k := 0; k < 4; k++ {
		T := benchT.Add(time.Duration(k) * 24 * time.Hour)
		want := ScoreDataset(in, T, ref)
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := ScorePrepared(p, T, ref); !reflect.DeepEqual(got, want) {
				t.Errorf("concurrent scoring at %v differs", T)
			}
		}()
	}
	wg.Wait()
}

// Every field of the embedded models is read as a presence bit; a field
// outside presenceKeys would still score correctly, only more slowly.
func TestPresenceKeysCoverModels(t *testing.T) {
	ref := testRef(t)
	for typ, m := range ref.Models.byType {
		for _, f := range m.fieldSpecs() {
			if f.others != nil {
				t.Errorf("model %s: %s is not in presenceKeys", typ, f.name)
			}
		}
	}
	if len(presenceKeys) > 64 {
		t.Errorf("%d presence keys do not fit a keyMask", len(presenceKeys))
	}
}

// A model field outside presenceKeys is looked up by name.
func TestModelFieldOutsidePresenceKeys(t *testing.T) {
	base := testRef(t)
	models, err := LoadModels(fstest.MapFS{"SessionSeries.json": {Data: []byte(
		`{"requiredFields":["name","beta:sportsActivityLocation"],"recommendedFields":["sameAs"],"requiredOptions":[{"options":["x:a","url"]}]}`)}})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := NewReference(base.Profile, base.Activities, base.Facilities, models)
	if err != nil {
		t.Fatal(err)
	}
	// name (2) + options via url (2) present; beta:sportsActivityLocation (2)
	// and sameAs (1) missing: 4/7 = 57.
	s := only(t, ScoreDataset(dataset(item(t, feedA, "1", fullSeries())), testT, ref))
	if s.CompletenessOpenActive == nil || *s.CompletenessOpenActive != 57 ||
		strings.Join(s.MissingOpenActive, ",") != "beta:sportsActivityLocation,sameAs" || !failedSet(s)["as.4"] {
		t.Errorf("openactive %v missing %v failed %v", s.CompletenessOpenActive, s.MissingOpenActive, s.FailedChecks)
	}
	s = only(t, ScoreDataset(dataset(item(t, feedA, "1", with(fullSeries(), "beta:sportsActivityLocation", "x", "sameAs", "y", "url", nil, "x:a", 1))), testT, ref))
	if *s.CompletenessOpenActive != 100 || len(s.MissingOpenActive) != 0 {
		t.Errorf("openactive %v missing %v", *s.CompletenessOpenActive, s.MissingOpenActive)
	}
}
