package web

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/feedgauge/feedgauge/internal/dashboard"
	"github.com/feedgauge/feedgauge/internal/query"
)

// ActivityView is the activity page's own data beside its panels.
type ActivityView struct {
	Name, Kind, Organiser string
	DatasetHref, FeedHref string
	DatasetID, FeedURL    string
	Facts                 []Fact
	Groups                []CheckGroup
	Freshness             []string
	Missing               []string
	RawJSON               string
	RawNote               string
	Explained             bool
}

// Fact is one labelled value.
type Fact struct{ Label, Value string }

// CheckGroup is the SP-ready or the assurance checks.
type CheckGroup struct {
	Title  string
	Checks []CheckView
}

// CheckView is one check of one activity in plain words.
type CheckView struct {
	ID, Title, Property, Weight, Passes, Reason, Fix, Example string
	Pass                                                      bool
}

// pageActivity explains one activity (?dataset=…&id=…): its score field by
// field with each check's title and fix, and the raw JSON of the item that
// carries it (escaped).
func (s *Server) pageActivity(c *fiber.Ctx) error {
	ds, err := idParam(c, "dataset", "dataset")
	if err != nil {
		return err
	}
	id, err := idParam(c, "id", "activity")
	if err != nil {
		return err
	}
	p, err := s.dashPage(c, "activity", map[string]string{"dataset": ds, "activity": id})
	if err != nil {
		return err
	}
	params := map[string]string{"dataset": ds, "activity": id}
	if at := c.Query("at"); at != "" {
		params["at"] = at
	}
	res, err := s.runQuery(c.UserContext(), "activity", params)
	if err != nil {
		return err
	}
	if len(res.Rows) == 0 {
		return notFound("activity %s of dataset %s is not in the snapshot shown; it may have been removed, or try another date", id, ds)
	}
	row := rowMap(res)
	v := s.activityView(row, p.Query)
	s.addRawJSON(c, v, row)
	s.addExplanation(c, v, ds, id, row)
	p.Title, p.Data, p.Nav = "Activity: "+v.Name, v, "datasets"
	keep(p, "/activity", "dataset", ds, "id", id)
	p.Crumbs = []Crumb{{"Overview", "/"}, {"Datasets", withFilters("/datasets", p.Query)},
		{s.datasetName(c.UserContext(), ds), v.DatasetHref}}
	return s.render(c, "activity", p)
}

func rowMap(res *query.Result) map[string]any {
	m := map[string]any{}
	for i, col := range res.Columns {
		m[col.Name] = res.Rows[0][i]
	}
	return m
}

func (s *Server) activityView(row map[string]any, q string) *ActivityView {
	str := func(k string) string { return dashboard.Format(row[k], "text", nil) }
	fmtd := func(k, f string) string {
		if v := dashboard.Format(row[k], f, s.labels); v != "" {
			return v
		}
		return "none"
	}
	v := &ActivityView{Name: str("name"), Kind: str("kind"), Organiser: str("organiser"),
		DatasetID: query.Cell(row["dataset_id"]), FeedURL: query.Cell(row["feed_url"])}
	v.DatasetHref = dashboard.WithQuery("/dataset?id="+urlQuery(v.DatasetID), q)
	v.FeedHref = dashboard.WithQuery("/feed?url="+urlQuery(v.FeedURL), q)
	v.Facts = []Fact{
		{"Overall score", fmtd("overall", "int") + " out of 100, grade " + str("grade")},
		{"SP-ready", fmtd("sp_ready", "bool")},
		{"Freshness", fmtd("freshness", "int")}, {"Completeness (SP-ready profile)", fmtd("completeness", "int")},
		{"Completeness (OpenActive)", fmtd("completeness_openactive", "int")}, {"Assurance", fmtd("assurance", "int")},
		{"Next session", fmtd("next_occurrence", "datetime")}, {"Sessions in the next 56 days", fmtd("occurrences", "int")},
		{"Last changed", fmtd("last_change", "datetime")}, {"Provider", str("organiser")},
		{"Postcode", str("postcode")}, {"Located by", str("location_method")}, {"LSOA", str("lsoa")},
		{"Local authority", str("lad")}, {"PCN", str("pcn")}, {"Activity types", fmtd("activity_types", "activity_type")},
		{"Snapshot", fmtd("snapshot_t", "datetime")}, {"Method version", fmtd("method_version", "int")},
	}
	failed, _ := row["failed_checks"].([]string)
	if v.Kind == "Service" && s.opts.ServiceChecks != nil {
		v.Groups = []CheckGroup{
			{"Open Referral UK service completeness checks", s.checkViews(s.opts.ServiceChecks.SPReadyChecks, failed)},
			{"Open Referral UK assurance checks", s.checkViews(s.opts.ServiceChecks.AssuranceChecks, failed)},
		}
	} else {
		v.Groups = s.checkGroups(failed)
	}
	v.Missing, _ = row["missing_openactive"].([]string)
	return v
}

// checkGroups lists every check of the method with its outcome; without
// a method loaded, only the failed check ids.
func (s *Server) checkGroups(failed []string) []CheckGroup {
	if s.method == nil {
		var cs []CheckView
		for _, id := range failed {
			cs = append(cs, CheckView{ID: id, Title: "(check titles appear when the scoring profile is loaded)"})
		}
		return []CheckGroup{{"Checks failed", cs}}
	}
	return []CheckGroup{
		{"SP-ready completeness checks", s.checkViews(s.method.SPReadyChecks, failed)},
		{"Assurance checks", s.checkViews(s.method.AssuranceChecks, failed)},
	}
}

func (s *Server) checkViews(defs []CheckInfo, failed []string) []CheckView {
	out := make([]CheckView, len(defs))
	for i, d := range defs {
		cv := CheckView{ID: d.ID, Title: d.Title, Property: d.Property, Weight: d.Weight, Passes: d.Passes, Pass: !slices.Contains(failed, d.ID)}
		if !cv.Pass {
			cv.Fix, cv.Example = d.Fix, d.Example
		}
		out[i] = cv
	}
	return out
}

// addRawJSON shows the stored item (items.rpde_id = activity_scores.rpde_id)
// pretty-printed; the template escapes it.
func (s *Server) addRawJSON(c *fiber.Ctx, v *ActivityView, row map[string]any) {
	res, err := s.runQuery(c.UserContext(), "item", map[string]string{
		"dataset": v.DatasetID, "feed": v.FeedURL, "rpde_id": query.Cell(row["rpde_id"])})
	switch {
	case err != nil:
		v.RawNote = "The raw data could not be loaded just now."
		return
	case len(res.Rows) == 0 || res.Rows[0][colIdx(res, "data")] == nil:
		v.RawNote = "The raw data of this item is no longer stored (the feed may have deleted it)."
		return
	}
	raw := query.Cell(res.Rows[0][colIdx(res, "data")])
	var buf bytes.Buffer
	if json.Indent(&buf, []byte(raw), "", "  ") == nil {
		raw = buf.String()
	}
	v.RawJSON = raw
}

// addExplanation replaces the stored outcomes with the scorer's reasons
// when an Explain function is configured.
func (s *Server) addExplanation(c *fiber.Ctx, v *ActivityView, ds, id string, row map[string]any) {
	if s.opts.Explain == nil {
		return
	}
	at, _ := row["snapshot_t"].(time.Time)
	ex, err := s.opts.Explain(c.UserContext(), ds, id, at)
	if err != nil || ex == nil {
		s.log.Debug("explain activity", "dataset", ds, "activity", id, "err", err)
		return
	}
	reasons := map[string]CheckOutcome{}
	for _, r := range ex.Checks {
		reasons[r.ID] = r
	}
	for g := range v.Groups {
		for i, cv := range v.Groups[g].Checks {
			if r, ok := reasons[cv.ID]; ok {
				v.Groups[g].Checks[i].Pass, v.Groups[g].Checks[i].Reason = r.Pass, r.Reason
			}
		}
	}
	v.Freshness, v.Explained = ex.Freshness, true
}
