package refdata

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/store/storetest"
)

// A smaller Activity List: one real concept, as a refreshed copy might
// differ from the shipped one.
const tinyList = `{"id": "https://openactive.io/activity-list", "type": "ConceptScheme",
 "concept": [{"id": "https://openactive.io/activity-list#c07d63a0-8eb9-4602-8bcc-43243ba0bd14", "prefLabel": "Yoga"}]}`

func TestRefreshReplacesTheShippedList(t *testing.T) {
	ctx := context.Background()
	st := storetest.SQLite(t)
	before, err := Reference(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if before.Activities.Size < 700 {
		t.Fatalf("shipped Activity List has %d concepts", before.Activities.Size)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "list.jsonld")
	os.WriteFile(file, []byte(tinyList), 0o644)
	got, err := Refresh(ctx, st, nil, []string{file}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Name != ActivityList || got[0].Concepts != 1 {
		t.Fatalf("refreshed %+v", got)
	}
	after, err := Reference(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if after.Activities.Size != 1 || after.Activities.Hash == before.Activities.Hash || after.Facilities.Hash != before.Facilities.Hash {
		t.Errorf("after refresh: activities %d (%s), facilities %s", after.Activities.Size, after.Activities.Hash, after.Facilities.Hash)
	}
	if after.Activities.Label("https://openactive.io/activity-list#c07d63a0-8eb9-4602-8bcc-43243ba0bd14") != "Yoga" {
		t.Error("labels of the refreshed list are missing")
	}
}

func TestRefreshRejectsBadFilesAndKeepsTheOld(t *testing.T) {
	ctx := context.Background()
	st := storetest.SQLite(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.jsonld")
	os.WriteFile(good, []byte(tinyList), 0o644)
	cases := map[string]string{
		"not json":      "<html>nope</html>",
		"no concepts":   `{"id": "https://openactive.io/activity-list", "concept": []}`,
		"wrong scheme":  `{"id": "https://openactive.io/accessibility-support", "concept": [{"id": "x"}]}`,
		"missing files": "",
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			bad := filepath.Join(dir, strings.ReplaceAll(name, " ", "-"))
			if content != "" {
				os.WriteFile(bad, []byte(content), 0o644)
			}
			if _, err := Refresh(ctx, st, nil, []string{good, bad}, time.Now()); err == nil {
				t.Fatal("a bad file was accepted")
			}
			ref, err := Reference(ctx, st)
			if err != nil || ref.Activities.Size < 700 {
				t.Fatalf("a failed refresh changed the list: %v", err)
			}
		})
	}
}
