package admin

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/feedgauge/feedgauge/internal/grants"
	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/gofiber/fiber/v2"
)

// grantRows is the grants page: filters, funders, and the named query's
// rows for the chosen quarter.
type grantRows struct {
	Funder, Quarter, Status string
	Funders                 []grants.Funder
	Statuses                []string
	Columns                 []query.Column
	Rows                    []map[string]any
}

// grantList shows grants with their compliance, read through the `grants`
// named query (funder, quarter and status filters).
func (s *server) grantList(c *fiber.Ctx) error {
	ctx := c.UserContext()
	params := map[string]string{"limit": "2000"}
	d := grantRows{Funder: c.Query("funder"), Quarter: c.Query("quarter"), Status: c.Query("status"), Statuses: grants.Statuses}
	for k, v := range map[string]string{"funder": d.Funder, "quarter": d.Quarter, "status": d.Status} {
		if v != "" {
			params[k] = v
		}
	}
	def, _ := s.cat.Get("grants")
	args, err := def.Bind(params)
	if err != nil {
		return s.fail(c, fiber.StatusBadRequest, err.Error())
	}
	res, err := query.Run(ctx, s.Store, def, args)
	if err != nil {
		s.Logger.Error("grants page", "err", err)
		return s.fail(c, fiber.StatusInternalServerError, "the grants could not be read from the store")
	}
	if s.wantsJSON(c) {
		return res.WriteJSON(c.Type("json").Response().BodyWriter())
	}
	d.Columns = res.Columns
	for _, r := range res.Rows {
		m := map[string]any{}
		for i, col := range res.Columns {
			m[col.Name] = r[i]
		}
		d.Rows = append(d.Rows, m)
	}
	if d.Funders, err = grants.Funders(ctx, s.Store); err != nil {
		return s.fail(c, fiber.StatusInternalServerError, "the funders could not be read from the store")
	}
	return s.render(c, fiber.StatusOK, "grants", s.page(c, "Grants", d))
}

func (s *server) uploadForm(c *fiber.Ctx) error {
	return s.render(c, fiber.StatusOK, "upload", s.page(c, "Upload a grants file", s.MaxUpload>>20))
}

// upload imports a 360Giving file, then links recipients and recomputes
// compliance so the grants page is up to date, and shows the report.
func (s *server) upload(c *fiber.Ctx) error {
	if n := c.Request().Header.ContentLength(); n > int(s.MaxUpload)+1<<20 {
		return s.fail(c, fiber.StatusRequestEntityTooLarge, fmt.Sprintf("the upload is %d MB; the limit is %d MB", n>>20, s.MaxUpload>>20))
	}
	path, name, status, msg := s.saveUpload(c)
	if msg != "" {
		return s.fail(c, status, msg)
	}
	defer os.RemoveAll(filepath.Dir(path))
	ctx, who := c.UserContext(), author(c).Who
	rep, err := grants.Import(ctx, s.Store, path, grants.Options{FileName: name, By: who, Now: s.now(),
		MaxBytes: s.MaxUpload, Lenient: c.FormValue("lenient") != "", Logger: s.Logger})
	if err != nil && !errors.Is(err, grants.ErrRejected) {
		s.Logger.Error("grants upload", "file", name, "err", err)
		return s.fail(c, fiber.StatusInternalServerError, "the file could not be imported: "+err.Error())
	}
	status = fiber.StatusOK
	if !rep.Accepted {
		status = fiber.StatusUnprocessableEntity
	} else {
		s.relink(c)
	}
	if s.wantsJSON(c) {
		return c.Status(status).JSON(rep)
	}
	return s.render(c, status, "report", s.page(c, "Import report", &rep))
}

// saveUpload writes the multipart file to a private temporary folder; msg
// says what went wrong, with the status to answer.
func (s *server) saveUpload(c *fiber.Ctx) (path, name string, status int, msg string) {
	fh, err := c.FormFile("file")
	if err != nil {
		return "", "", fiber.StatusBadRequest, "choose a file to upload (form field \"file\")"
	}
	if fh.Size > s.MaxUpload {
		return "", "", fiber.StatusRequestEntityTooLarge, fmt.Sprintf("the file is %d MB; the limit is %d MB", fh.Size>>20, s.MaxUpload>>20)
	}
	dir, err := os.MkdirTemp("", "feedgauge-upload-")
	if err != nil {
		return "", "", fiber.StatusInternalServerError, "the upload could not be saved"
	}
	name = strings.Clone(filepath.Base(fh.Filename))
	path = filepath.Join(dir, "upload"+strings.ToLower(filepath.Ext(name)))
	if err := c.SaveFile(fh, path); err != nil {
		os.RemoveAll(dir)
		return "", "", fiber.StatusInternalServerError, "the upload could not be saved"
	}
	return path, name, 0, ""
}

// relink runs linking and the compliance refresh; a failure is logged, not
// shown as a failed import (the grants are stored).
func (s *server) relink(c *fiber.Ctx) {
	ctx := c.UserContext()
	if _, err := grants.LinkWith(ctx, s.Store, s.now(), s.Link); err != nil {
		s.Logger.Error("grant linking", "err", err)
		return
	}
	if _, err := grants.Refresh(ctx, s.Store, s.now()); err != nil {
		s.Logger.Error("grant compliance", "err", err)
	}
}

// refresh re-runs linking and compliance on demand.
func (s *server) refresh(c *fiber.Ctx) error {
	s.relink(c)
	return s.done(c, "/grants", "links and compliance recomputed", fiber.Map{"ok": true})
}

func (s *server) importList(c *fiber.Ctx) error {
	list, err := grants.Imports(c.UserContext(), s.Store, 200)
	if err != nil {
		return s.fail(c, fiber.StatusInternalServerError, "the import log could not be read")
	}
	return s.render(c, fiber.StatusOK, "imports", s.page(c, "Grant imports", list))
}

func (s *server) importReport(c *fiber.Ctx) error {
	rep, ok, err := grants.ImportReport(c.UserContext(), s.Store, c.Params("id"))
	if err != nil {
		return s.fail(c, fiber.StatusInternalServerError, "the report could not be read")
	}
	if !ok {
		return s.fail(c, fiber.StatusNotFound, "there is no import with that id")
	}
	if s.wantsJSON(c) {
		return c.JSON(rep)
	}
	return s.render(c, fiber.StatusOK, "report", s.page(c, "Import report", &rep))
}
