package admin

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/assurance"
	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/gofiber/fiber/v2"
)

type registerRow struct {
	domain.RegisterEntry
	Current bool
}

type registerPage struct {
	Revision int64
	Entries  []registerRow
	Recent   []assurance.Revision
	Columns  []string
}

// register lists the register as it stands now, with recent changes.
func (s *server) register(c *fiber.Ctx) error {
	ctx, now := c.UserContext(), s.now()
	es, rev, err := assurance.Entries(ctx, s.Store, now)
	if err != nil {
		return s.fail(c, fiber.StatusInternalServerError, "the register could not be read")
	}
	recent, err := assurance.Recent(ctx, s.Store, 50)
	if err != nil {
		return s.fail(c, fiber.StatusInternalServerError, "the register's history could not be read")
	}
	d := registerPage{Revision: rev, Recent: recent, Columns: assurance.Columns}
	for _, e := range es {
		d.Entries = append(d.Entries, registerRow{RegisterEntry: e, Current: assurance.Current(e, now)})
	}
	if s.wantsJSON(c) {
		return c.JSON(fiber.Map{"revision": rev, "entries": es})
	}
	return s.render(c, fiber.StatusOK, "assurance", s.page(c, "Assurance register", d))
}

// entryForm reads an entry from a form; dates are YYYY-MM-DD.
func entryForm(c *fiber.Ctx) (domain.RegisterEntry, error) {
	e := domain.RegisterEntry{OrganiserID: c.FormValue("organiser_id"), OrganiserURL: c.FormValue("organiser_url"),
		OrganiserName: c.FormValue("organiser_name"), LocalAuthority: c.FormValue("local_authority"),
		Scheme: c.FormValue("scheme"), AssuredBy: c.FormValue("assured_by"), EvidenceURL: c.FormValue("evidence_url")}
	e = assurance.Normalise(cloneEntry(e))
	var err error
	if e.AssuredOn, err = formDate(c, "assured_on"); err != nil {
		return e, err
	}
	if e.ExpiresOn, err = formDate(c, "expires_on"); err != nil {
		return e, err
	}
	return assurance.Normalise(e), nil
}

// cloneEntry copies form strings, which Fiber reuses after the handler.
func cloneEntry(e domain.RegisterEntry) domain.RegisterEntry {
	for _, p := range []*string{&e.OrganiserID, &e.OrganiserURL, &e.OrganiserName, &e.LocalAuthority, &e.Scheme, &e.AssuredBy, &e.EvidenceURL} {
		*p = strings.Clone(*p)
	}
	return e
}

func formDate(c *fiber.Ctx, field string) (time.Time, error) {
	v := strings.TrimSpace(c.FormValue(field))
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return t, fmt.Errorf("%s %q is not a date written YYYY-MM-DD", field, v)
	}
	return t, nil
}

func (s *server) change(c *fiber.Ctx) assurance.Change {
	src := "admin"
	if author(c).Bearer {
		src = "api"
	}
	return assurance.Change{By: author(c).Who, At: s.now(), Source: src, Reason: strings.Clone(c.FormValue("reason"))}
}

func (s *server) addEntry(c *fiber.Ctx) error {
	e, err := entryForm(c)
	if err != nil {
		return s.fail(c, fiber.StatusBadRequest, err.Error())
	}
	e, rev, err := assurance.Add(c.UserContext(), s.Store, e, s.change(c))
	if err != nil {
		return s.registerError(c, err)
	}
	return s.done(c, "/assurance/"+e.ID, fmt.Sprintf("added (register revision %d)", rev), fiber.Map{"id": e.ID, "revision": rev})
}

func (s *server) registerError(c *fiber.Ctx, err error) error {
	switch {
	case errors.Is(err, assurance.ErrInvalid):
		return s.fail(c, fiber.StatusBadRequest, err.Error())
	case errors.Is(err, assurance.ErrNotFound):
		return s.fail(c, fiber.StatusNotFound, err.Error())
	}
	s.Logger.Error("assurance register", "err", err)
	return s.fail(c, fiber.StatusInternalServerError, "the register could not be changed")
}

type entryPage struct {
	Entry   domain.RegisterEntry
	Current bool
	History []assurance.Revision
}

// entry shows one entry, its audit trail, and forms to edit or expire it.
func (s *server) entry(c *fiber.Ctx) error {
	ctx, id := c.UserContext(), c.Params("id")
	e, ok, err := assurance.Get(ctx, s.Store, id)
	if err != nil {
		return s.fail(c, fiber.StatusInternalServerError, "the register could not be read")
	}
	hist, err := assurance.History(ctx, s.Store, id)
	if err != nil || len(hist) == 0 {
		return s.fail(c, fiber.StatusNotFound, "there is no register entry with that id")
	}
	d := entryPage{Entry: e, Current: ok && assurance.Current(e, s.now()), History: hist}
	if s.wantsJSON(c) {
		return c.JSON(d)
	}
	return s.render(c, fiber.StatusOK, "entry", s.page(c, "Register entry", d))
}

func (s *server) editEntry(c *fiber.Ctx) error {
	e, err := entryForm(c)
	if err != nil {
		return s.fail(c, fiber.StatusBadRequest, err.Error())
	}
	e.ID = strings.Clone(c.Params("id"))
	rev, err := assurance.Edit(c.UserContext(), s.Store, e, s.change(c))
	if err != nil {
		return s.registerError(c, err)
	}
	msg := fmt.Sprintf("saved (register revision %d)", rev)
	if rev == 0 {
		msg = "nothing changed"
	}
	return s.done(c, "/assurance/"+e.ID, msg, fiber.Map{"id": e.ID, "revision": rev})
}

func (s *server) expireEntry(c *fiber.Ctx) error {
	on, err := formDate(c, "on")
	if err != nil {
		return s.fail(c, fiber.StatusBadRequest, err.Error())
	}
	id := strings.Clone(c.Params("id"))
	rev, err := assurance.Expire(c.UserContext(), s.Store, id, on, s.change(c))
	if err != nil {
		return s.registerError(c, err)
	}
	return s.done(c, "/assurance/"+id, fmt.Sprintf("expired (register revision %d)", rev), fiber.Map{"id": id, "revision": rev})
}

// importRegister loads a register file (CSV or XLSX) and shows what was
// added, updated and rejected, row by row.
func (s *server) importRegister(c *fiber.Ctx) error {
	path, name, status, msg := s.saveUpload(c)
	if msg != "" {
		return s.fail(c, status, msg)
	}
	defer os.RemoveAll(filepath.Dir(path))
	ch := s.change(c)
	rep, err := assurance.Import(c.UserContext(), s.Store, path, assurance.ImportOptions{FileName: name, By: ch.By, At: ch.At,
		Replace: c.FormValue("replace") != "", MaxBytes: s.MaxUpload})
	status = fiber.StatusOK
	switch {
	case errors.Is(err, assurance.ErrFile):
		status = fiber.StatusUnprocessableEntity
	case err != nil:
		s.Logger.Error("register import", "file", name, "err", err)
		return s.fail(c, fiber.StatusInternalServerError, "the register could not be imported")
	}
	if s.wantsJSON(c) {
		return c.Status(status).JSON(rep)
	}
	return s.render(c, status, "register_report", s.page(c, "Register import", rep))
}
