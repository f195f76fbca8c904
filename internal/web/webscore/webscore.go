// Package webscore adapts the scorer's types to the dashboard's, so that
// package web never imports internal/score: the dashboard keeps building
// while the scorer changes. The composition root wires them:
//
//	ref, _ := score.DefaultReference()
//	web.New(web.Options{..., Method: webscore.Method(ref.Profile)})
package webscore

import (
	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/web"
)

// Method converts a loaded scoring profile into what the dashboard shows.
func Method(p *score.Profile) *web.Method {
	m := &web.Method{Name: p.Name, MethodVersion: p.MethodVersion, Hash: p.Hash, HorizonDays: p.HorizonDays,
		RecentFullDays: p.RecentFullDays, RecentHalfDays: p.RecentHalfDays}
	m.Freshness.UpcomingWeight, m.Freshness.RecentWeight = p.Freshness.UpcomingWeight, p.Freshness.RecentWeight
	m.Overall.Freshness, m.Overall.Completeness, m.Overall.Assurance = p.Overall.Freshness, p.Overall.Completeness, p.Overall.Assurance
	for _, g := range p.Grades {
		m.Grades = append(m.Grades, struct {
			Grade string `yaml:"grade"`
			Min   int    `yaml:"min"`
			RAG   string `yaml:"rag"`
		}{g.Grade, g.Min, g.RAG})
	}
	m.SPReady.MinCompleteness, m.SPReady.AllOf, m.SPReady.AnyOf = p.SPReady.MinCompleteness, p.SPReady.AllOf, p.SPReady.AnyOf
	m.SPReadyChecks, m.AssuranceChecks = checks(p.SPReadyChecks), checks(p.AssuranceChecks)
	return m
}

func checks(defs []score.CheckDef) []web.CheckInfo {
	out := make([]web.CheckInfo, len(defs))
	for i, d := range defs {
		out[i] = web.CheckInfo{ID: d.ID, Weight: d.Weight, Title: d.Title, Property: d.Property, Passes: d.Passes, Fix: d.Fix, Example: d.Example}
	}
	return out
}

// Explanation converts the scorer's explanation of one activity.
func Explanation(ex score.Explanation) *web.Explanation {
	out := &web.Explanation{Freshness: ex.Freshness}
	for _, c := range ex.Checks {
		out.Checks = append(out.Checks, web.CheckOutcome{ID: c.ID, Pass: c.Pass, Reason: c.Reason})
	}
	return out
}
