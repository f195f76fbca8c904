package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// LevelDataset is the level of the roll-up that covers a whole dataset,
// located or not (its AreaCode is empty). It is written to area_coverage and
// area_overlaps only: a trend per place never reads it.
const LevelDataset = "dataset"

// AreaCoverage is one standard's share of an area roll-up: what the coverage
// query and the quarterly pack need of a snapshot, so they read one row per
// area and dataset instead of every activity. Distinct organisers, types and
// places cannot be added up across datasets, so they are kept as lists.
type AreaCoverage struct {
	// Service is true for Open Referral UK services (kind "Service"), false
	// for OpenActive activities: coverage counts each standard apart.
	Service bool
	// Sums are the dataset roll-up's sums (Orphans unused here); Online
	// counts upcoming online activities.
	Sums
	Online int
	// UpcomingOrganisers are the distinct non-empty organiser keys with an
	// upcoming activity, OtherOrganisers those with none (coverage counts
	// the first, reports both), each sorted.
	UpcomingOrganisers, OtherOrganisers []string
	// ActivityTypes are the distinct types of upcoming activities, sorted.
	ActivityTypes []string
	// Places are the distinct [PCN, Sub-ICB, LAD, ICB, region] of the
	// activities, kept on the dataset-wide roll-up only (area_overlaps).
	Places [][5]string
}

// MergeCoverage adds the coverage of one part of a dataset to another's, for
// roll-ups built from a dataset written in several batches.
func MergeCoverage(a, b []AreaCoverage) []AreaCoverage {
	var out []AreaCoverage
	for _, service := range []bool{false, true} {
		var parts []AreaCoverage
		for _, c := range append(append([]AreaCoverage{}, a...), b...) {
			if c.Service == service {
				parts = append(parts, c)
			}
		}
		if len(parts) > 0 {
			out = append(out, mergeCoverage(parts))
		}
	}
	return out
}

func mergeCoverage(parts []AreaCoverage) AreaCoverage {
	out := AreaCoverage{Service: parts[0].Service}
	orgs, types, places := map[string]bool{}, map[string]bool{}, map[[5]string]bool{}
	for _, c := range parts {
		out.Sums.Merge(c.Sums)
		out.Online += c.Online
		for _, k := range c.UpcomingOrganisers {
			orgs[k] = true
		}
		for _, k := range c.OtherOrganisers {
			if _, ok := orgs[k]; !ok {
				orgs[k] = false
			}
		}
		for _, ty := range c.ActivityTypes {
			types[ty] = true
		}
		for _, p := range c.Places {
			places[p] = true
		}
	}
	var up, rest []string
	for k, u := range orgs {
		if u {
			up = append(up, k)
		} else {
			rest = append(rest, k)
		}
	}
	slices.Sort(up)
	slices.Sort(rest)
	out.UpcomingOrganisers, out.OtherOrganisers = up, rest
	for ty := range types {
		out.ActivityTypes = append(out.ActivityTypes, ty)
	}
	slices.Sort(out.ActivityTypes)
	for p := range places {
		out.Places = append(out.Places, p)
	}
	slices.SortFunc(out.Places, comparePlaces)
	return out
}

func comparePlaces(a, b [5]string) int {
	for k := range a {
		if n := strings.Compare(a[k], b[k]); n != 0 {
			return n
		}
	}
	return 0
}

var coverageCols = []string{"t", "level", "area_code", "dataset_id", "service", "activities", "upcoming", "sp_ready",
	"online", "sum_freshness", "sum_completeness", "sum_assurance", "sum_overall", "grade_a", "grade_b", "grade_c",
	"grade_d", "organisers_upcoming", "organisers_other", "activity_types"}

// coverageWrite is the most area_coverage rows written at once: a row may
// carry thousands of organisers, and a write builds its columns in memory.
const coverageWrite = 5_000

// putCoverage writes the coverage and overlaps of area roll-ups where the
// queries read them: ClickHouse. The embedded store's coverage query scans
// activity_scores, which is fast at its sizes, and the organiser lists would
// cost its single writer more than they save (the demo's year of weekly
// history took 2 s, 7%, longer to build with them).
func putCoverage(ctx context.Context, st Store, rs []AreaRollup) error {
	if st.Backend() != "clickhouse" {
		return nil
	}
	var overlaps [][]any
	for _, r := range rs {
		for _, c := range r.Coverage {
			for _, p := range c.Places {
				overlaps = append(overlaps, []any{r.T.UTC(), boolInt(c.Service), p[0], p[1], p[2], p[3], p[4]})
			}
		}
	}
	if len(overlaps) > 0 {
		if err := st.Insert(ctx, "area_overlaps", []string{"t", "service", "pcn", "sub_icb", "lad", "icb", "region"}, overlaps); err != nil {
			return fmt.Errorf("store %d area overlaps: %w", len(overlaps), err)
		}
	}
	for len(rs) > 0 {
		n := min(len(rs), coverageWrite)
		if err := putCoverageRows(ctx, st, rs[:n]); err != nil {
			return err
		}
		rs = rs[n:]
	}
	return nil
}

func putCoverageRows(ctx context.Context, st Store, rs []AreaRollup) error {
	var (
		ts                             []time.Time
		level, area, ds                []string
		service, n, up, sp, onl        []int
		sf, sc, sa, so, ga, gb, gc, gd []int
		upOrgs, otherOrgs, types       [][]string
	)
	for _, r := range rs {
		for _, c := range r.Coverage {
			ts, level, area, ds = append(ts, r.T.UTC()), append(level, r.Level), append(area, r.AreaCode), append(ds, r.DatasetID)
			service, n, up, sp, onl = append(service, boolInt(c.Service)), append(n, c.Activities), append(up, c.Upcoming),
				append(sp, c.SPReady), append(onl, c.Online)
			sf, sc, sa, so = append(sf, int(c.SumFreshness)), append(sc, int(c.SumCompleteness)),
				append(sa, int(c.SumAssurance)), append(so, int(c.SumOverall))
			ga, gb, gc, gd = append(ga, c.GradeA), append(gb, c.GradeB), append(gc, c.GradeC), append(gd, c.GradeD)
			upOrgs, otherOrgs, types = append(upOrgs, nonNil(c.UpcomingOrganisers)),
				append(otherOrgs, nonNil(c.OtherOrganisers)), append(types, nonNil(c.ActivityTypes))
		}
	}
	if len(ts) == 0 {
		return nil
	}
	data := []any{ts, level, area, ds, service, n, up, sp, onl, sf, sc, sa, so, ga, gb, gc, gd, upOrgs, otherOrgs, types}
	if err := InsertColumns(ctx, st, "area_coverage", coverageCols, data); err != nil {
		return fmt.Errorf("store %d area coverage rows: %w", len(ts), err)
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
