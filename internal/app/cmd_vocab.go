package app

import (
	"context"
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/refdata"
)

func init() {
	register(&command{name: "vocab", args: "refresh [FILE|URL …]",
		summary: "refresh the Activity List and Facility Types from files or URLs (default: openactive.io)",
		flags:   []string{"store", "allow-private"}, run: runVocab})
}

func runVocab(ctx context.Context, e *Env, args []string) error {
	if len(args) == 0 || args[0] != "refresh" {
		return fmt.Errorf("usage: feedgauge vocab refresh [FILE|URL …]")
	}
	sources := args[1:]
	if len(sources) == 0 {
		sources = refdata.Official
	}
	client, err := newClient(e)
	if err != nil {
		return err
	}
	get := func(ctx context.Context, url string) ([]byte, error) {
		r, err := client.Get(ctx, url)
		if err != nil {
			return nil, err
		}
		return r.Body, nil
	}
	st, err := openStore(ctx, e, true)
	if err != nil {
		return err
	}
	defer st.Close()
	got, err := refdata.Refresh(ctx, st, get, sources, time.Now())
	if err != nil {
		return err
	}
	for _, r := range got {
		fmt.Fprintf(e.Stdout, "%s: %d concepts from %s (sha256 %s); used from the next snapshot on\n", r.Name, r.Concepts, r.Source, r.SHA256[:12])
	}
	return nil
}
