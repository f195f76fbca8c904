package admin

import (
	"errors"
	"strings"

	"github.com/feedgauge/feedgauge/internal/grants"
	"github.com/gofiber/fiber/v2"
)

// linkRow is one link on the links page, with the recipient's name.
type linkRow struct {
	grants.LinkRecord
	Recipient string
}

type linkPage struct {
	State  string
	States []string
	Links  []linkRow
}

// linkList shows links in one state; by default the suggestions waiting
// for a person.
func (s *server) linkList(c *fiber.Ctx) error {
	ctx := c.UserContext()
	state := c.Query("state", grants.StateSuggested)
	ls, err := grants.Links(ctx, s.Store, grants.LinkFilter{State: state})
	if err != nil {
		return s.fail(c, fiber.StatusInternalServerError, "the links could not be read")
	}
	names, err := grants.RecipientNames(ctx, s.Store)
	if err != nil {
		return s.fail(c, fiber.StatusInternalServerError, "the recipients could not be read")
	}
	d := linkPage{State: state, States: []string{grants.StateSuggested, grants.StateActive, grants.StateConfirmed,
		grants.StateRejected, grants.StateStale}}
	for _, l := range ls {
		d.Links = append(d.Links, linkRow{LinkRecord: l, Recipient: names[l.SubjectID]})
	}
	if s.wantsJSON(c) {
		return c.JSON(d.Links)
	}
	return s.render(c, fiber.StatusOK, "links", s.page(c, "Links", d))
}

// decide confirms or rejects a link named by the form, then recomputes
// compliance.
func (s *server) decide(confirm bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ref := grants.LinkRef{SubjectKind: c.FormValue("subject_kind"), SubjectID: c.FormValue("subject_id"),
			DatasetID: c.FormValue("dataset_id"), OrganiserKey: c.FormValue("organiser_key")}
		ref = grants.LinkRef{SubjectKind: strings.Clone(ref.SubjectKind), SubjectID: strings.Clone(ref.SubjectID),
			DatasetID: strings.Clone(ref.DatasetID), OrganiserKey: strings.Clone(ref.OrganiserKey)}
		ctx, who, note := c.UserContext(), author(c).Who, strings.Clone(c.FormValue("note"))
		do, verb := grants.Reject, "rejected"
		if confirm {
			do, verb = grants.Confirm, "confirmed"
		}
		if err := do(ctx, s.Store, ref, who, s.now(), note); err != nil {
			if errors.Is(err, grants.ErrNoLink) {
				return s.fail(c, fiber.StatusNotFound, err.Error())
			}
			s.Logger.Error("link decision", "err", err)
			return s.fail(c, fiber.StatusInternalServerError, "the decision could not be saved")
		}
		s.Logger.Info("link decision", "who", who, "decision", verb, "subject", ref.SubjectID, "dataset", ref.DatasetID,
			"organiser", ref.OrganiserKey)
		if _, err := grants.Refresh(ctx, s.Store, s.now()); err != nil {
			s.Logger.Error("grant compliance", "err", err)
		}
		return s.done(c, "/links", "link "+verb, fiber.Map{"ok": true, "decision": verb})
	}
}
