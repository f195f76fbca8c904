package grants

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// ErrNoLink is returned when a decision names a link that does not exist.
var ErrNoLink = errors.New("no such link")

// Confirm records a person's confirmation of a link (typically a name
// suggestion). The link then counts for compliance; a confirmed
// suggestion's method becomes "confirmed" (org-id links keep theirs), and
// later linking runs never change it.
func Confirm(ctx context.Context, st store.Store, ref LinkRef, by string, at time.Time, note string) error {
	return decide(ctx, st, ref, by, at, note, StateConfirmed)
}

// Reject records a person's rejection: the link stops counting and is never
// proposed again.
func Reject(ctx context.Context, st store.Store, ref LinkRef, by string, at time.Time, note string) error {
	return decide(ctx, st, ref, by, at, note, StateRejected)
}

func decide(ctx context.Context, st store.Store, ref LinkRef, by string, at time.Time, note, state string) error {
	if strings.TrimSpace(by) == "" {
		return errors.New("say who is deciding: a link decision records its author")
	}
	ls, err := Links(ctx, st, LinkFilter{SubjectKind: ref.SubjectKind, SubjectID: ref.SubjectID})
	if err != nil {
		return err
	}
	var l *LinkRecord
	for i := range ls {
		if ls[i].LinkRef == ref {
			l = &ls[i]
		}
	}
	if l == nil {
		return fmt.Errorf("%w: %s %s → %s %s", ErrNoLink, ref.SubjectKind, ref.SubjectID, ref.DatasetID, ref.OrganiserKey)
	}
	before := l.State
	at = at.UTC().Truncate(time.Second)
	l.State, l.DecidedBy, l.DecidedAt = state, strings.TrimSpace(by), &at
	if state == StateConfirmed && strength[l.Method] < strength[MethodConfirmed] {
		l.Method = MethodConfirmed
	}
	if err := putLinks(ctx, st, []LinkRecord{*l}); err != nil {
		return err
	}
	return putEvent(ctx, st, LinkEvent{LinkRef: ref, At: at, By: l.DecidedBy, Action: state, Before: before, After: state, Note: note})
}

// AddLink records a link a person makes directly: a grantee (or one grant)
// attached to an organiser or a dataset's publisher. It is stored as
// method and state "confirmed", with who and when.
func AddLink(ctx context.Context, st store.Store, ref LinkRef, targetName, by string, at time.Time, note string) error {
	if strings.TrimSpace(by) == "" {
		return errors.New("say who is adding the link: a link records its author")
	}
	if ref.SubjectID == "" || ref.DatasetID == "" || (ref.SubjectKind != SubjectRecipient && ref.SubjectKind != SubjectGrant) {
		return errors.New("a link needs a recipient or grant and a dataset (and optionally an organiser key)")
	}
	at = at.UTC().Truncate(time.Second)
	l := LinkRecord{LinkRef: ref, TargetName: targetName, Method: MethodConfirmed, State: StateConfirmed,
		Evidence: firstNonEmpty(note, "added by hand"), DecidedBy: strings.TrimSpace(by), DecidedAt: &at, FoundAt: at}
	if err := putLinks(ctx, st, []LinkRecord{l}); err != nil {
		return err
	}
	return putEvent(ctx, st, LinkEvent{LinkRef: ref, At: at, By: l.DecidedBy, Action: "add", After: StateConfirmed, Note: note})
}

// LinkEvent is one human decision on a link.
type LinkEvent struct {
	LinkRef
	At            time.Time
	By            string
	Action        string
	Before, After string
	Note          string
}

func putEvent(ctx context.Context, st store.Store, e LinkEvent) error {
	err := st.Insert(ctx, "grant_link_events", []string{"subject_kind", "subject_id", "dataset_id", "organiser_key", "at", "seq",
		"by_name", "action", "state_before", "state_after", "note"},
		[][]any{{e.SubjectKind, e.SubjectID, e.DatasetID, e.OrganiserKey, e.At, store.NextSeq(1), e.By, e.Action, e.Before, e.After, e.Note}})
	if err != nil {
		return fmt.Errorf("record the link decision: %w", err)
	}
	return nil
}

// LinkEvents lists the decisions on a subject's links, oldest first.
func LinkEvents(ctx context.Context, st store.Store, kind, subject string) ([]LinkEvent, error) {
	rows, err := st.Query(ctx, "SELECT subject_kind, subject_id, dataset_id, organiser_key, at, by_name, action, state_before, "+
		"state_after, note FROM grant_link_events"+st.Final()+" WHERE subject_kind = @k AND subject_id = @s ORDER BY seq",
		store.A("k", kind), store.A("s", subject))
	if err != nil {
		return nil, fmt.Errorf("read link decisions: %w", err)
	}
	defer rows.Close()
	var out []LinkEvent
	for rows.Next() {
		var e LinkEvent
		if err := rows.Scan(&e.SubjectKind, &e.SubjectID, &e.DatasetID, &e.OrganiserKey, &e.At, &e.By, &e.Action,
			&e.Before, &e.After, &e.Note); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
