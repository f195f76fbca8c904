package grants

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
	"github.com/feedgauge/feedgauge/internal/store/storetest"
	"github.com/feedgauge/feedgauge/queries"
)

// The compliance world, 2026, four quarters (snapshot times UTC):
//
//	S1  03-20 complete   Q1's last complete snapshot
//	S1b 03-28 running    never used (K1 looks SP-ready in it)
//	S2a 05-10 complete   not Q2's last: ignored (K1 looks SP-ready in it)
//	S2b 06-25 complete   Q2's last
//	S3  09-15 complete   Q3's last
//	Q4  no snapshot      linked grants that are due show "no data"
//
// Organisers: K1 (dataset A, declares GB-CHC-1111111), K2 (dataset A,
// https://www.club2.org.uk/), K3 (dataset B, whose publisher declares
// GB-CHC-2222222), K4 "Sale Harriers" (no activities).
var (
	s1  = time.Date(2026, 3, 20, 6, 0, 0, 0, time.UTC)
	s1b = time.Date(2026, 3, 28, 6, 0, 0, 0, time.UTC)
	s2a = time.Date(2026, 5, 10, 6, 0, 0, 0, time.UTC)
	s2b = time.Date(2026, 6, 25, 6, 0, 0, 0, time.UTC)
	s3  = time.Date(2026, 9, 15, 6, 0, 0, 0, time.UTC)
	k3  = "https://b.example.org/org/3"
)

func complianceWorld(t *testing.T, st store.Store) {
	t.Helper()
	putDatasets(t, st)
	orgs := func() []domain.Organiser {
		return []domain.Organiser{
			organiser(dsA, orgKey(1), "Altrincham Harriers", "", lad, "GB-CHC-1111111"),
			organiser(dsA, orgKey(2), "Club Two", "https://www.club2.org.uk/", lad),
			organiser(dsB, k3, "Club Three", "", lad),
			organiser(dsA, orgKey(4), "Sale Harriers", "", lad),
		}
	}
	a, k1, k2 := activity, orgKey(1), orgKey(2)
	snapshot(t, st, s1, domain.SnapshotComplete, orgs(), []domain.ActivityScore{
		a(dsA, k1, "a1", false, false, 40), a(dsA, k1, "a2", false, false, 50), a(dsA, k2, "b1", true, true, 90)})
	snapshot(t, st, s1b, domain.SnapshotRunning, orgs(), []domain.ActivityScore{a(dsA, k1, "a1", true, true, 99)})
	snapshot(t, st, s2a, domain.SnapshotComplete, orgs(), []domain.ActivityScore{a(dsA, k1, "a1", true, true, 99)})
	snapshot(t, st, s2b, domain.SnapshotComplete, orgs(), []domain.ActivityScore{
		a(dsA, k1, "a1", true, false, 60), a(dsA, k1, "a2", false, false, 50), a(dsA, k2, "b1", true, true, 90),
		a(dsB, k3, "c1", true, true, 85), a(dsB, k3, "c2", true, true, 75)})
	snapshot(t, st, s3, domain.SnapshotComplete, orgs(), []domain.ActivityScore{
		a(dsA, k1, "a1", true, true, 80), a(dsA, k1, "a2", true, false, 70), a(dsA, k1, "a3", false, false, 61),
		a(dsA, k2, "b1", true, true, 90), a(dsB, k3, "c1", true, true, 85), a(dsB, k3, "c2", true, true, 75)})
	head := "Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name," +
		"Recipient Org:Charity Number,Recipient Org:Web Address,Beneficiary Location:Geographic Code,Grant Programme:Title," +
		"Funding Org:Identifier,Funding Org:Name"
	tr := ",GB-LAE-TRF,Trafford Council"
	content := csvOf(head,
		"360G-c-1,T,D,GBP,1000,2025-06-01,GB-CHC-1111111,Altrincham Harriers,,,"+lad+",Sport"+tr,
		"360G-c-2,T,D,GBP,1000,2026-02-15,360G-tr-club2,Club Two,,https://club2.org.uk,"+lad+",Sport"+tr,
		"360G-c-3,T,D,GBP,1000,2025-01-01,360G-tr-nobody,Nobody Club,,,"+lad+",Sport"+tr,
		"360G-c-4,T,D,GBP,1000,2025-01-01,360G-tr-sale,Sale Harriers Ltd,,,"+lad+",Sport"+tr,
		"360G-c-5,T,D,GBP,1000,2025-09-30,360G-tr-club3,Club Three,2222222,,"+lad+",Sport"+tr,
		"360G-c-6,T,D,GBP,1000,2025-01-01,GB-CHC-1111111,Altrincham Harriers,,,"+lad+",Capital"+tr,
		"360G-c-7,T,D,GBP,1000,2026-01-10,GB-CHC-1111111,Altrincham Harriers,,,"+lad+",Sport,GB-CHC-9999999,Example Trust",
		"360G-c-8,T,D,GBP,1000,2026-11-01,360G-tr-nobody8,Someone Else,,,"+lad+",Sport"+tr,
	)
	ctx := context.Background()
	if _, err := Import(ctx, st, writeFile(t, "world.csv", content), Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	must(t, SetObligation(ctx, st, Obligation{FunderID: "GB-LAE-TRF", Programme: "capital", Rule: RuleNone, Months: 6, UpdatedBy: "t"}))
	must(t, SetObligation(ctx, st, Obligation{FunderID: "GB-CHC-9999999", Rule: RulePublishing, Months: 3, UpdatedBy: "t"}))
}

// expect is one grant's row at one quarter end: status, activities,
// upcoming, SP-ready, mean overall (nil = no data) and link methods.
type expect struct {
	status       string
	acts, up, sp int64
	overall      any
	methods      []string
}

// want holds the hand-worked answers (see the world above). Obligations:
// Trafford's default is 6 months + SP-ready; Trafford's "Capital"
// programme has none; Example Trust's is 3 months + publishing.
var want = map[string]map[string]expect{
	// c-1: awarded 2025-06-01, due 2025-12-01; org-id link to K1.
	// Q1 S1: K1 a1, a2 neither upcoming → not publishing, (40+50)/2 = 45.0.
	// Q2 S2b: a1 upcoming, not SP-ready; a2 past → partly, (60+50)/2 = 55.0.
	// Q3 S3: a1 SP-ready → compliant, (80+70+61)/3 = 70.33 → 70.3.
	"360G-c-1": {"2026Q1": {StatusNotPublishing, 2, 0, 0, 45.0, orgID}, "2026Q2": {StatusPartly, 2, 1, 0, 55.0, orgID},
		"2026Q3": {StatusCompliant, 3, 2, 1, 70.3, orgID}, "2026Q4": {StatusNoData, 0, 0, 0, nil, orgID}},
	// c-2: awarded 2026-02-15, due 2026-08-15; domain link to K2 (b1 SP-ready throughout).
	"360G-c-2": {"2026Q1": {StatusNotYetDue, 1, 1, 1, 90.0, domainM}, "2026Q2": {StatusNotYetDue, 1, 1, 1, 90.0, domainM},
		"2026Q3": {StatusCompliant, 1, 1, 1, 90.0, domainM}, "2026Q4": {StatusNoData, 0, 0, 0, nil, domainM}},
	// c-3: nothing matches; c-4: only a name suggestion, which does not count.
	"360G-c-3": every(expect{StatusNoLink, 0, 0, 0, nil, []string{}}),
	"360G-c-4": every(expect{StatusNoLink, 0, 0, 0, nil, []string{}}),
	// c-5: awarded 2025-09-30, due 2026-03-30 (in Q1); dataset B's publisher
	// declares its charity number. Q1: dataset B has no activities yet.
	// Q2, Q3: c1 and c2 SP-ready → compliant, (85+75)/2 = 80.0.
	"360G-c-5": {"2026Q1": {StatusNotPublishing, 0, 0, 0, nil, orgID}, "2026Q2": {StatusCompliant, 2, 2, 2, 80.0, orgID},
		"2026Q3": {StatusCompliant, 2, 2, 2, 80.0, orgID}, "2026Q4": {StatusNoData, 0, 0, 0, nil, orgID}},
	// c-6: the Capital programme has no obligation, whatever the evidence.
	"360G-c-6": {"2026Q1": {StatusNoObligation, 2, 0, 0, 45.0, orgID}, "2026Q2": {StatusNoObligation, 2, 1, 0, 55.0, orgID},
		"2026Q3": {StatusNoObligation, 3, 2, 1, 70.3, orgID}, "2026Q4": {StatusNoObligation, 0, 0, 0, nil, orgID}},
	// c-7: Example Trust, awarded 2026-01-10, due 2026-04-10 (3 months);
	// "publishing" is enough, so Q2's upcoming-but-not-SP-ready is compliant.
	"360G-c-7": {"2026Q1": {StatusNotYetDue, 2, 0, 0, 45.0, orgID}, "2026Q2": {StatusCompliant, 2, 1, 0, 55.0, orgID},
		"2026Q3": {StatusCompliant, 3, 2, 1, 70.3, orgID}, "2026Q4": {StatusNoData, 0, 0, 0, nil, orgID}},
	// c-8: awarded 2026-11-01, due 2027-05-01: not yet due all year.
	"360G-c-8": every(expect{StatusNotYetDue, 0, 0, 0, nil, []string{}}),
}

var (
	orgID   = []string{MethodOrgID}
	domainM = []string{MethodDomain}
)

func every(e expect) map[string]expect {
	return map[string]expect{"2026Q1": e, "2026Q2": e, "2026Q3": e, "2026Q4": e}
}

// TestComplianceFourQuarters links, refreshes and reads the `grants` named
// query for each quarter on every backend, against the hand-worked answers,
// and checks the backends agree row for row.
func TestComplianceFourQuarters(t *testing.T) {
	ctx := context.Background()
	cat, err := query.Load(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	def, _ := cat.Get("grants")
	results := map[string]map[string]*query.Result{}
	for _, b := range storetest.All(t) {
		complianceWorld(t, b.Store)
		end := time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC)
		if _, err := Link(ctx, b.Store, end); err != nil {
			t.Fatal(err)
		}
		rep, err := Refresh(ctx, b.Store, end)
		if err != nil {
			t.Fatal(err)
		}
		if rep.From.String() != "2026Q1" || rep.To.String() != "2026Q4" || rep.Grants != 8 {
			t.Errorf("%s refresh %+v", b.Name, rep)
		}
		results[b.Name] = map[string]*query.Result{}
		for _, q := range []string{"2026Q1", "2026Q2", "2026Q3", "2026Q4"} {
			res := runQuery(t, b.Store, def, map[string]string{"quarter": q})
			results[b.Name][q] = res
			checkQuarter(t, b.Name, q, res)
		}
		if got := runQuery(t, b.Store, def, nil); !reflect.DeepEqual(got.Rows, results[b.Name]["2026Q4"].Rows) {
			t.Errorf("%s: the default quarter is not the latest computed one (2026Q4)", b.Name)
		}
		checkFilters(t, b.Store, def)
	}
	if r, ok := results["clickhouse"]; ok {
		for q, res := range r {
			if !reflect.DeepEqual(res.Rows, results["sqlite"][q].Rows) {
				t.Errorf("%s: sqlite and clickhouse differ:\n%v\n%v", q, results["sqlite"][q].Rows, res.Rows)
			}
		}
	}
}

func runQuery(t *testing.T, st store.Store, def *query.Def, params map[string]string) *query.Result {
	t.Helper()
	args, err := def.Bind(params)
	if err != nil {
		t.Fatal(err)
	}
	res, err := query.Run(context.Background(), st, def, args)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func checkQuarter(t *testing.T, backend, q string, res *query.Result) {
	t.Helper()
	if len(res.Rows) != len(want) {
		t.Fatalf("%s %s: %d rows, want %d", backend, q, len(res.Rows), len(want))
	}
	for _, r := range res.Rows {
		m := rowMap(res, r)
		w := want[m["grant_id"].(string)][q]
		got := expect{str2(m["status"]), m["activities"].(int64), m["upcoming"].(int64), m["sp_ready"].(int64), m["overall"],
			m["link_methods"].([]string)}
		if !reflect.DeepEqual(got, w) || m["quarter"] != q {
			t.Errorf("%s %s %s: got %+v, want %+v", backend, q, m["grant_id"], got, w)
		}
	}
}

func rowMap(res *query.Result, r []any) map[string]any {
	m := map[string]any{}
	for i, c := range res.Columns {
		m[c.Name] = r[i]
	}
	return m
}

func str2(v any) string {
	s, _ := v.(string)
	return s
}

// checkFilters: the status and funder parameters.
func checkFilters(t *testing.T, st store.Store, def *query.Def) {
	t.Helper()
	ids := func(params map[string]string) []string {
		var out []string
		res := runQuery(t, st, def, params)
		for _, r := range res.Rows {
			out = append(out, r[0].(string))
		}
		return out
	}
	if got := ids(map[string]string{"quarter": "2026Q3", "status": StatusCompliant}); !reflect.DeepEqual(got,
		[]string{"360G-c-7", "360G-c-1", "360G-c-2", "360G-c-5"}) {
		t.Errorf("compliant in Q3: %v", got)
	}
	if got := ids(map[string]string{"funder": "Example Trust"}); !reflect.DeepEqual(got, []string{"360G-c-7"}) {
		t.Errorf("Example Trust's grants: %v", got)
	}
}
