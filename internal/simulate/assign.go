package simulate

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// assignFaults attaches each fault to a dataset or feed, deterministically,
// preferring datasets no other fault uses.
func (w *world) assignFaults(faults []Fault) error {
	live := w.datasets[:w.cfg.Datasets]
	order := make([]*dataset, len(live))
	copy(order, live)
	sort.SliceStable(order, func(a, b int) bool {
		return hash(w.seed, sFault, uint64(order[a].idx)) < hash(w.seed, sFault, uint64(order[b].idx))
	})
	used := map[int]bool{}
	for _, f := range faults {
		d, fd, err := w.target(f, order, used)
		if err != nil {
			return err
		}
		used[d.idx] = true
		if fd == nil {
			d.faults = append(d.faults, f)
			continue
		}
		fd.faults = append(fd.faults, f)
		if f.Name == "empty-feed" {
			fd.slots = 0
		}
	}
	return nil
}

func (w *world) target(f Fault, order []*dataset, used map[int]bool) (*dataset, *feed, error) {
	info := faultTable[f.Name]
	if f.Target != "" {
		return w.explicitTarget(f, info)
	}
	for pass := 0; pass < 2; pass++ {
		for _, d := range order {
			if pass == 0 && used[d.idx] {
				continue
			}
			if fd, ok := suitableFeed(d, f, info); ok {
				return d, fd, nil
			}
		}
	}
	return nil, nil, fmt.Errorf("fault %s: no dataset has a suitable feed; add datasets", f)
}

// suitableFeed picks the feed of d a fault goes to (nil for dataset faults).
func suitableFeed(d *dataset, f Fault, info faultInfo) (*feed, bool) {
	if info.dataset {
		return nil, true
	}
	var best *feed
	for _, fd := range d.feeds {
		switch {
		case info.child && !fd.spec.child, info.parent && fd.spec.child:
			continue
		case f.Name == "empty-feed" && !fd.spec.child && len(d.feeds) > 1:
			continue
		case best == nil || fd.slots > best.slots:
			best = fd
		}
	}
	return best, best != nil
}

func (w *world) explicitTarget(f Fault, info faultInfo) (*dataset, *feed, error) {
	ds, path, _ := strings.Cut(f.Target, "/")
	i, err := strconv.Atoi(strings.TrimPrefix(ds, "d"))
	if err != nil || i < 0 || i >= w.cfg.Datasets {
		return nil, nil, fmt.Errorf("fault %s: target %q is not a dataset index below %d", f, f.Target, w.cfg.Datasets)
	}
	d := w.datasets[i]
	if info.dataset {
		return d, nil, nil
	}
	for _, fd := range d.feeds {
		if fd.spec.path == path {
			return d, fd, nil
		}
	}
	if path == "" {
		if fd, ok := suitableFeed(d, f, info); ok {
			return d, fd, nil
		}
	}
	return nil, nil, fmt.Errorf("fault %s: dataset %d has no suitable feed %q", f, i, path)
}
