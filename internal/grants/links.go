package grants

import (
	"context"
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// Link methods, strongest first (product.md capability 8).
const (
	MethodOrgID     = "org-id"
	MethodConfirmed = "confirmed"
	MethodDomain    = "domain"
	MethodName      = "name-suggestion"
)

// Link states. Compliance counts active and confirmed links; a suggestion
// waits for a person; rejected links are never proposed again; stale marks
// an automatic link that a later run no longer finds.
const (
	StateActive    = "active"
	StateSuggested = "suggested"
	StateConfirmed = "confirmed"
	StateRejected  = "rejected"
	StateStale     = "stale"
)

// Link subjects: a recipient (every grant to it) or a single grant.
const (
	SubjectRecipient = "recipient"
	SubjectGrant     = "grant"
)

// strength orders methods for display and for keeping the stronger one.
var strength = map[string]int{MethodOrgID: 4, MethodConfirmed: 3, MethodDomain: 2, MethodName: 1}

// LinkRef names one link: its subject and its target, an organiser of a
// dataset, or a whole dataset when OrganiserKey is "".
type LinkRef struct {
	SubjectKind  string
	SubjectID    string
	DatasetID    string
	OrganiserKey string
}

// GrantSubject is the subject id of a single grant.
func GrantSubject(funderID, grantID string) string { return funderID + "|" + grantID }

// LinkRecord is one stored link and how it was made.
type LinkRecord struct {
	LinkRef
	TargetName string
	Method     string
	State      string
	Evidence   string
	DecidedBy  string
	DecidedAt  *time.Time
	FoundAt    time.Time
}

// counts reports whether compliance counts the link.
func (l LinkRecord) counts() bool { return l.State == StateActive || l.State == StateConfirmed }

var linkCols = []string{"subject_kind", "subject_id", "dataset_id", "organiser_key", "target_name", "method", "state",
	"evidence", "decided_by", "decided_at", "found_at", "version"}

func putLinks(ctx context.Context, st store.Store, ls []LinkRecord) error {
	if len(ls) == 0 {
		return nil
	}
	v := store.NextSeq(len(ls))
	rows := make([][]any, len(ls))
	for i, l := range ls {
		rows[i] = []any{l.SubjectKind, l.SubjectID, l.DatasetID, l.OrganiserKey, l.TargetName, l.Method, l.State,
			l.Evidence, l.DecidedBy, l.DecidedAt, l.FoundAt.UTC(), v + int64(i)}
	}
	if err := st.Insert(ctx, "grant_links", linkCols, rows); err != nil {
		return fmt.Errorf("store %d grant links: %w", len(ls), err)
	}
	return nil
}

// LinkFilter selects links; empty fields match everything.
type LinkFilter struct {
	State       string
	SubjectKind string
	SubjectID   string
}

// Links reads stored links, ordered by subject then target.
func Links(ctx context.Context, st store.Store, f LinkFilter) ([]LinkRecord, error) {
	rows, err := st.Query(ctx, "SELECT "+joinCols(linkCols[:11])+" FROM grant_links"+st.Final()+
		" WHERE (@state = '' OR state = @state) AND (@kind = '' OR subject_kind = @kind) AND (@sid = '' OR subject_id = @sid)"+
		" ORDER BY subject_kind, subject_id, dataset_id, organiser_key",
		store.A("state", f.State), store.A("kind", f.SubjectKind), store.A("sid", f.SubjectID))
	if err != nil {
		return nil, fmt.Errorf("read grant links: %w", err)
	}
	defer rows.Close()
	var out []LinkRecord
	for rows.Next() {
		var l LinkRecord
		if err := rows.Scan(&l.SubjectKind, &l.SubjectID, &l.DatasetID, &l.OrganiserKey, &l.TargetName, &l.Method,
			&l.State, &l.Evidence, &l.DecidedBy, &l.DecidedAt, &l.FoundAt); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

func joinCols(cols []string) string {
	s := ""
	for i, c := range cols {
		if i > 0 {
			s += ", "
		}
		s += c
	}
	return s
}
