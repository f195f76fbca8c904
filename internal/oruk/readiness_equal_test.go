package oruk

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
)

// oldReadiness is readiness as it was computed before it was made cheaper:
// the item decoded into maps, the map crosswalk, the reflection tree and
// the completeness checks of reference_test.go.
func oldReadiness(s *Scorer, data []byte, a *domain.ActivityScore, T time.Time) (Readiness, bool) {
	decoded, ok := decodeObj(data)
	if !ok {
		return Readiness{}, false
	}
	cw := oldConvert(oldFindActivity(decoded, a.ActivityID), s.hints(a))
	r := Readiness{T: T, DatasetID: a.DatasetID, ActivityID: a.ActivityID, Mapped: cw.Mapped, Lost: cw.Lost, FailedChecks: []string{}}
	outs := oldCompleteness(oldNewView(oldTree(&cw.Service)))
	r.Score = weighted(s.profile.Completeness, outs[:], s.profile.svTotal)
	for i, o := range outs {
		if !o.pass {
			r.FailedChecks = append(r.FailedChecks, s.profile.Completeness[i].ID)
		}
	}
	return r, true
}

// equalityCase is one item with the activities readiness is asked for.
type equalityCase struct {
	name   string
	act    obj // the item's data, real or mutated
	data   []byte
	scores []domain.ActivityScore
}

// equalityCases are the real items and the mutated versions
// TestTreeEqualsRoundTrip uses, alone and as the inline parent of a slot or
// session, each asked for the item's own activity, every object nested in
// it, a "#parent" key and an unknown one, with and without an occurrence to
// come.
func equalityCases(t *testing.T) []equalityCase {
	t.Helper()
	files, _ := filepath.Glob("testdata/openactive/*.json")
	next := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(1, 2))
	var out []equalityCase
	for _, f := range files {
		base := map[string]any(realItem(t, filepath.Base(f)))
		for v := range 40 {
			act := base
			if v > 0 {
				act = mutate(rng, base).(map[string]any)
			}
			name := fmt.Sprintf("%s variant %d", filepath.Base(f), v)
			out = append(out, equalityItem(t, name, act, &next))
			// The item as the inline parent of a slot or a session, asked
			// for by its "#parent" key.
			parent := []string{"facilityUse", "superEvent"}[v%2]
			wrapped := map[string]any{"@type": "Slot", "@id": "https://example.org/child", parent: act}
			out = append(out, equalityItem(t, name+" in "+parent, wrapped, &next))
		}
	}
	return out
}

// equalityItem is one item asked for each of its activities.
func equalityItem(t *testing.T, name string, act map[string]any, next *time.Time) equalityCase {
	t.Helper()
	data, err := json.Marshal(act)
	if err != nil {
		t.Fatal(err)
	}
	c := equalityCase{name: name, act: act, data: data}
	ids := append(nestedIDs(act), "x", obj(act).id()+"#parent")
	for i, id := range ids {
		a := domain.ActivityScore{DatasetID: "d", FeedURL: "f", ItemID: "1", ActivityID: id, Kind: "SessionSeries"}
		if i%2 == 1 {
			a.NextOccurrence, a.LastChange, a.Upcoming = next, next, 1
		}
		c.scores = append(c.scores, a)
	}
	return c
}

// nestedIDs lists the @id (or id) strings of every object in v, sorted.
func nestedIDs(v any) []string {
	seen := map[string]bool{}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if id := obj(x).id(); id != "" {
				seen[id] = true
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	out := make([]string, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// TestReadinessEqualsReference: the readiness of every activity of the real
// and mutated items (score, failed checks, properties mapped and lost) is
// what the old path gives, with one Scorer used by several goroutines at
// once as the pipeline uses it; and Convert of the decoded maps themselves
// (hostile text included, which JSON would have replaced) is the old
// crosswalk's, with the same tree.
func TestReadinessEqualsReference(t *testing.T) {
	s := refScorer(t)
	cases := equalityCases(t)
	n := 0
	for _, c := range cases {
		n += len(c.scores)
	}
	if n < 1200 {
		t.Fatalf("only %d activities compared", n)
	}
	t.Logf("%d items, %d activities compared", len(cases), n)
	var wg sync.WaitGroup
	errs := make(chan string, len(cases))
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(cases); i += 4 {
				if msg := compareReadiness(s, &cases[i]); msg != "" {
					errs <- msg
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for msg := range errs {
		t.Error(msg)
	}
	for _, c := range cases {
		for _, a := range c.scores {
			h := s.hints(&a)
			got, want := Convert(c.act, h), oldConvert(c.act, h)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s, activity %s: Convert differs from the old crosswalk\n got %+v\nwant %+v", c.name, a.ActivityID, got, want)
			}
			if !sameTree(tree(&got.Service), oldTree(&want.Service)) {
				t.Fatalf("%s, activity %s: tree differs from the reflection tree", c.name, a.ActivityID)
			}
		}
	}
}

// compareReadiness runs one item through a ReadinessPass and the old path.
func compareReadiness(s *Scorer, c *equalityCase) string {
	got := s.Readiness(ItemIndex([]domain.Item{{FeedURL: "f", RPDEID: "1", Data: c.data}}), c.scores, T0, nil)
	if len(got) != len(c.scores) {
		return fmt.Sprintf("%s: %d results for %d activities", c.name, len(got), len(c.scores))
	}
	for i := range c.scores {
		want, _ := oldReadiness(s, c.data, &c.scores[i], T0)
		if !reflect.DeepEqual(got[i], want) {
			return fmt.Sprintf("%s, activity %s: readiness differs\n got %+v\nwant %+v", c.name, c.scores[i].ActivityID, got[i], want)
		}
	}
	return ""
}

// BenchmarkReadinessReference is BenchmarkReadiness on the old path, to
// compare the two on the same machine at the same time.
func BenchmarkReadinessReference(b *testing.B) {
	ref := refScorerB(b)
	var it struct {
		Data json.RawMessage `json:"data"`
	}
	json.Unmarshal(readFixtureB(b, "openactive/sessionseries.json"), &it)
	a := domain.ActivityScore{FeedURL: "f", ItemID: "1", ActivityID: "https://playwaze.com/SessionSeries/jifgh8dinma", Kind: "SessionSeries"}
	b.ReportAllocs()
	for b.Loop() {
		oldReadiness(ref, it.Data, &a, T0)
	}
}

// TestHandMatchersEqualRegexps: clockTime and repeatFrequency accept
// exactly what the regular expressions they replaced accepted.
func TestHandMatchersEqualRegexps(t *testing.T) {
	clock := regexp.MustCompile(`^([01][0-9]|2[0-3]):([0-5][0-9])(:[0-5][0-9])?$`)
	frequency := regexp.MustCompile(`^P([1-9][0-9]*)([DWMY])$`)
	rng := rand.New(rand.NewPCG(3, 4))
	const alphabet = "0123456789:PDWMYx 0123456789"
	var samples []string
	for h := range 30 {
		for m := range 70 {
			samples = append(samples, fmt.Sprintf("%02d:%02d", h, m), fmt.Sprintf("%02d:%02d:%02d", h, m, 69-m), fmt.Sprintf("%d:%02d", h, m))
		}
	}
	for n := range 120 {
		for _, u := range []string{"D", "W", "M", "Y", "H", ""} {
			samples = append(samples, fmt.Sprintf("P%d%s", n, u), fmt.Sprintf("P0%d%s", n, u), fmt.Sprintf("PT%d%s", n, u))
		}
	}
	for i := range 300000 + len(samples) {
		b := make([]byte, rng.IntN(10))
		for j := range b {
			b[j] = alphabet[rng.IntN(len(alphabet))]
		}
		if i%3 == 0 && len(b) > 0 {
			b[0] = 'P'
		}
		s := string(b)
		if i < len(samples) {
			s = samples[i]
		}
		want := ""
		if m := clock.FindStringSubmatch(s); m != nil {
			want = s
			if m[3] == "" {
				want = s + ":00"
			}
		}
		if got := clockTime(s); got != want {
			t.Fatalf("clockTime(%q) = %q, want %q", s, got, want)
		}
		m := frequency.FindStringSubmatch(s)
		count, unit, ok := repeatFrequency(s)
		if ok != (m != nil) || ok && (count != m[1] || unit != m[2]) {
			t.Fatalf("repeatFrequency(%q) = %q %q %v, want %q", s, count, unit, ok, m)
		}
	}
}

// TestIsAbsURLEqualsJSONLD: the ASCII fast path answers as jsonld does.
func TestIsAbsURLEqualsJSONLD(t *testing.T) {
	parts := []string{"http://", "https://", "HTTPS://", "hTtP://", "ftp://", "http:/", "x", "/", "?", "#", " ", "\t", "\n",
		"\v", "\f", "\r", "\u00a0", "\u2003", "\u3000", "é", "\xff", "a.b", ""}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200000 {
		var b strings.Builder
		for range rng.IntN(5) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		if s := b.String(); isAbsURL(s) != jsonld.IsAbsURL(s) {
			t.Fatalf("isAbsURL(%q) = %v, jsonld says %v", s, isAbsURL(s), jsonld.IsAbsURL(s))
		}
	}
}

// TestTreeCoversEveryField: the hand-written tree writes every field of the
// V3 types, checked on a service with every field set (which no real item
// gives), so a field added to a type but not to tree.go fails here.
func TestTreeCoversEveryField(t *testing.T) {
	var svc V3Service
	fill(reflect.ValueOf(&svc).Elem())
	b, err := json.Marshal(svc)
	if err != nil {
		t.Fatal(err)
	}
	want, err := jsonld.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if !sameTree(tree(&svc), want) {
		t.Fatalf("tree differs from the JSON round trip of a full service\n%s", b)
	}
}

// fill sets every field of v: strings and numbers to 1, pointers to a
// filled value, slices to one filled element.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("1")
	case reflect.Int:
		v.SetInt(1)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem())
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0))
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i))
		}
	default:
		panic("fill: unexpected kind " + v.Kind().String())
	}
}
