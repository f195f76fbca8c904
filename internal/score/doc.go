// Package score implements feedgauge's published scoring method, version 1
// (docs/method.md, shared/spec/scoring.md): freshness, completeness
// (`sp-ready` and `openactive`), assurance, overall, grade and SP-ready for
// every activity of an OpenActive dataset. It is pure and deterministic:
// time is passed in, reference data is passed in, nothing is read from the
// environment, and arithmetic is exact (integers, never floating point).
//
// API:
//
//	ref, err := score.DefaultReference()          // embedded profile, vocabularies, models
//	ref = ref.WithRegister(entries).WithLocator(geo)
//	res := score.ScoreDataset(score.DatasetInput{DatasetID, Feeds, Items}, T, ref)
//	exps := score.Explain(in, T, ref)            // every check with reason and fix
//	rep, err := score.CheckDocument(data, T, ref) // `feedgauge check`: item, {data:…}, object, page or array
//	rep.WriteText(w); rep.JSON()
//	v, err := score.LoadVocab(r)                 // `feedgauge vocab refresh`
//	ref.Hashes()                                 // profile, Activity List, Facility Types, models
//
// Scoring is two steps, and callers that score a dataset more than once
// keep the first: Prepare decodes every item once (JSON parsed, each object
// reduced to the facts the checks read, links keyed) and links the dataset
// (parents, children, containers, copies, activities); ScorePrepared scores
// that at any T with any reference. ScoreDataset(in, T, ref) is
// ScorePrepared(Prepare(in), T, ref). A Cache keeps one dataset's decoded
// items between snapshots and re-decodes only the items whose stored
// version changed:
//
//	c := score.NewCache()                         // one per dataset, kept across snapshots
//	p := c.Prepare(in)                            // decodes changed items, links
//	res := score.ScorePrepared(p, T, ref)         // or ExplainPrepared
//
// Layout: jsonld/ reads JSON exactly as §8.1 says (one parse per item);
// schedule/ expands Schedules (§8.4). decode.go parses an item and reads
// its objects' facts (facts.go, presence.go), each check's reader sitting
// beside its judge in checks_*.go and conform.go; cache.go keeps decoded
// items. graph.go and links.go find parents, children, containers and
// copies (§8.3); activity.go decides what is an activity and groups
// orphans; prepared.go ties these together. At T, occur.go finds
// occurrences and sources, fresh.go, checks_*.go, conform.go, location.go
// and register.go are the components, and score.go combines them;
// scorer.go runs the loop. profiles/, models/ and vocab/ are the embedded
// data files.
package score
