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
// Layout: jsonld/ reads JSON exactly as §8.1 says (one parse per item);
// schedule/ expands Schedules (§8.4); graph.go and links.go find parents,
// children, containers and copies (§8.3); activity.go decides what is an
// activity and groups orphans; occur.go finds occurrences and sources;
// fresh.go, checks_*.go, conform.go and register.go are the components;
// score.go combines them; profiles/, models/ and vocab/ are the embedded
// data files.
package score
