package app

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to read while a command writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestSimulateServesORUK: `feedgauge simulate --oruk 2` serves a v3 and a v1
// directory beside the catalogue, with the ORUK faults of --faults, and
// prints the sources to harvest.
func TestSimulateServesORUK(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out, errs syncBuffer
	done := make(chan int)
	go func() {
		done <- Main(ctx, []string{"simulate", "--addr", "127.0.0.1:0", "--oruk", "2", "--items", "14", "--faults", "no-ids,relative-next"}, &out, &errs)
	}()
	re := regexp.MustCompile(`ORUK v(\d) directory: (\S+)`)
	deadline := time.Now().Add(10 * time.Second)
	for len(re.FindAllStringSubmatch(out.String(), -1)) < 2 && !strings.Contains(out.String(), "harvest them") {
		if time.Now().After(deadline) {
			t.Fatalf("no ORUK directories listed:\n%s\n%s", out.String(), errs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	dirs := re.FindAllStringSubmatch(out.String(), -1)
	if len(dirs) != 2 || dirs[0][1] != "3" || dirs[1][1] != "1" || !strings.Contains(out.String(), "--source "+dirs[1][2]) {
		t.Fatalf("want a v3 and a v1 directory in the harvest line:\n%s", out.String())
	}
	listed, withID, entries := 0, 0, 0
	for pg := 1; pg <= 2; pg++ {
		resp, err := http.Get(dirs[0][2] + "/services?page=" + strconv.Itoa(pg))
		if err != nil {
			t.Fatal(err)
		}
		var page struct {
			TotalItems int              `json:"total_items"`
			Contents   []map[string]any `json:"contents"`
		}
		json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		listed = page.TotalItems
		for _, c := range page.Contents {
			entries++
			if id, _ := c["id"].(string); id != "" {
				withID++
			}
		}
	}
	// no-ids leaves every seventh service without an id: 2 of 14.
	if listed != 14 || entries != 14 || withID != 12 {
		t.Errorf("v3 directory: %d listed, %d on its pages, %d with an id; want 14, 14, 12", listed, entries, withID)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d: %s", code, errs.String())
	}
}

func TestSimulateRejectsUnknownFaults(t *testing.T) {
	var out, errs bytes.Buffer
	if code := Main(context.Background(), []string{"simulate", "--faults", "no-such"}, &out, &errs); code != 1 || !strings.Contains(errs.String(), "ORUK faults (with --oruk): ") {
		t.Errorf("exit %d: %s", code, errs.String())
	}
}
