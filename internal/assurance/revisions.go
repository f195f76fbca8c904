package assurance

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/store"
)

// Actions recorded in the audit trail.
const (
	ActionAdd    = "add"
	ActionEdit   = "edit"
	ActionExpire = "expire"
	ActionRemove = "remove"
)

// Change says who makes a change, when, and why.
type Change struct {
	By     string
	At     time.Time // default time.Now
	Source string    // "admin", "api" or the imported file's name
	Reason string
}

// Revision is one change to one entry: the audit trail's row.
type Revision struct {
	Revision int64
	EntryID  string
	Action   string
	By       string
	At       time.Time
	Source   string
	Reason   string
	Removed  bool
	Before   *domain.RegisterEntry // nil for an addition
	After    domain.RegisterEntry
}

var revisionCols = []string{"entry_id", "revision", "action", "changed_by", "changed_at", "source", "reason", "removed",
	"organiser_id", "organiser_url", "organiser_name", "local_authority", "scheme", "assured_by", "assured_on",
	"expires_on", "evidence_url", "before_json", "after_json", "version"}

// writeMu serialises revision numbering within this process; feedgauge runs
// one admin server per store.
var writeMu sync.Mutex

// nextRevision is one more than the highest revision stored.
func nextRevision(ctx context.Context, st store.Store) (int64, error) {
	rows, err := st.Query(ctx, "SELECT max(revision) FROM assurance_revisions"+st.Final())
	if err != nil {
		return 0, fmt.Errorf("read the register's revision: %w", err)
	}
	defer rows.Close()
	var n int64
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return 0, err
		}
	}
	return n + 1, rows.Err()
}

// putRevisions writes one change set under one new revision number.
func putRevisions(ctx context.Context, st store.Store, revs []Revision) (int64, error) {
	if len(revs) == 0 {
		return 0, nil
	}
	n, err := nextRevision(ctx, st)
	if err != nil {
		return 0, err
	}
	v := store.NextSeq(len(revs))
	rows := make([][]any, len(revs))
	for i, r := range revs {
		a := r.After
		rows[i] = []any{r.EntryID, n, r.Action, r.By, r.At.UTC().Truncate(time.Second), r.Source, r.Reason, r.Removed,
			a.OrganiserID, a.OrganiserURL, a.OrganiserName, a.LocalAuthority, a.Scheme, a.AssuredBy, a.AssuredOn,
			a.ExpiresOn, a.EvidenceURL, entryJSON(r.Before), entryJSON(&a), v + int64(i)}
	}
	if err := st.Insert(ctx, "assurance_revisions", revisionCols, rows); err != nil {
		return 0, fmt.Errorf("record register revision %d: %w", n, err)
	}
	return n, nil
}

// jsonEntry is an entry in the audit trail's before/after columns.
type jsonEntry struct {
	ID             string `json:"id"`
	OrganiserID    string `json:"organiser_id"`
	OrganiserURL   string `json:"organiser_url"`
	OrganiserName  string `json:"organiser_name"`
	LocalAuthority string `json:"local_authority"`
	Scheme         string `json:"scheme"`
	AssuredBy      string `json:"assured_by"`
	AssuredOn      string `json:"assured_on"`
	ExpiresOn      string `json:"expires_on"`
	EvidenceURL    string `json:"evidence_url"`
}

func entryJSON(e *domain.RegisterEntry) string {
	if e == nil {
		return ""
	}
	b, _ := json.Marshal(jsonEntry{e.ID, e.OrganiserID, e.OrganiserURL, e.OrganiserName, e.LocalAuthority, e.Scheme,
		e.AssuredBy, date(e.AssuredOn), date(e.ExpiresOn), e.EvidenceURL})
	return string(b)
}

func parseEntryJSON(s string) *domain.RegisterEntry {
	var j jsonEntry
	if s == "" || json.Unmarshal([]byte(s), &j) != nil {
		return nil
	}
	on, _ := time.Parse("2006-01-02", j.AssuredOn)
	exp, _ := time.Parse("2006-01-02", j.ExpiresOn)
	return &domain.RegisterEntry{ID: j.ID, OrganiserID: j.OrganiserID, OrganiserURL: j.OrganiserURL,
		OrganiserName: j.OrganiserName, LocalAuthority: j.LocalAuthority, Scheme: j.Scheme, AssuredBy: j.AssuredBy,
		AssuredOn: on, ExpiresOn: exp, EvidenceURL: j.EvidenceURL}
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

// readRevisions reads revisions, oldest first, with change time ≤ at and,
// when id is set, of one entry only.
func readRevisions(ctx context.Context, st store.Store, at time.Time, id string) ([]Revision, error) {
	rows, err := st.Query(ctx, "SELECT entry_id, revision, action, changed_by, changed_at, source, reason, removed, "+
		"before_json, after_json FROM assurance_revisions"+st.Final()+
		" WHERE changed_at <= @at AND (@id = '' OR entry_id = @id) ORDER BY revision, entry_id",
		store.A("at", at.UTC()), store.A("id", id))
	if err != nil {
		return nil, fmt.Errorf("read the assurance register: %w", err)
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		var r Revision
		var before, after string
		if err := rows.Scan(&r.EntryID, &r.Revision, &r.Action, &r.By, &r.At, &r.Source, &r.Reason, &r.Removed,
			&before, &after); err != nil {
			return nil, err
		}
		r.Before = parseEntryJSON(before)
		if a := parseEntryJSON(after); a != nil {
			r.After = *a
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// farFuture reads every revision (within ClickHouse DateTime, which ends in 2106).
var farFuture = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)

// Entries returns the register as of T: for each entry its latest revision
// with change time ≤ T, removed entries left out, sorted by id; and the
// revision number that state is (the highest revision ≤ T, 0 for an empty
// register). Expired entries are included: scoring checks currency
// (assured on ≤ T < expires on) itself, and Current does the same.
func Entries(ctx context.Context, st store.Store, at time.Time) ([]domain.RegisterEntry, int64, error) {
	revs, err := readRevisions(ctx, st, at, "")
	if err != nil {
		return nil, 0, err
	}
	latest := map[string]Revision{}
	var rev int64
	for _, r := range revs {
		latest[r.EntryID] = r
		rev = max(rev, r.Revision)
	}
	var out []domain.RegisterEntry
	for _, r := range latest {
		if !r.Removed {
			e := r.After
			e.ID = r.EntryID
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, rev, nil
}

// History lists every revision of one entry, oldest first: the audit trail.
func History(ctx context.Context, st store.Store, id string) ([]Revision, error) {
	return readRevisions(ctx, st, farFuture, id)
}

// Recent lists the latest revisions of the whole register, newest first.
func Recent(ctx context.Context, st store.Store, limit int) ([]Revision, error) {
	revs, err := readRevisions(ctx, st, farFuture, "")
	if err != nil {
		return nil, err
	}
	sort.SliceStable(revs, func(i, j int) bool { return revs[i].Revision > revs[j].Revision })
	return revs[:min(limit, len(revs))], nil
}
