package admin

import (
	"context"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// Operations are the running service's controls, given as functions so
// this package needs neither the scheduler nor the alerts package.
type Operations struct {
	// Status describes the snapshot schedule: plan, running, last and
	// next run, as label → value pairs in display order.
	Status func() [][2]string
	// Trigger starts a snapshot now; an error says why not (one is running).
	Trigger func() error
	// Alerts lists the open and acknowledged alerts.
	Alerts func(ctx context.Context) ([]Alert, error)
	// Acknowledge records who acknowledged an alert, with their note.
	Acknowledge func(ctx context.Context, id, who, note string) error
}

// Alert is one alert as the operations page shows it.
type Alert struct {
	ID, Kind, Severity, State, Subject, Message, OpenedAt, Note string
}

type opsView struct {
	Status [][2]string
	Alerts []Alert
	Error  string
}

// signedIn lets through a signed-in admin or a bearer-token call; browsers
// are sent to the sign-in page, API callers get 401.
func (s *server) signedIn(c *fiber.Ctx) error {
	if len(s.keys.token) == 0 {
		return s.fail(c, fiber.StatusForbidden, "the admin pages are switched off: the administrator has not set FEEDGAUGE_ADMIN_TOKEN")
	}
	if _, ok := s.whoIs(c); ok {
		return c.Next()
	}
	if s.wantsJSON(c) || c.Method() != fiber.MethodGet {
		return s.fail(c, fiber.StatusUnauthorized, "sign in first (or send Authorization: Bearer with the admin token)")
	}
	return c.Redirect(s.BasePath+"/login", fiber.StatusSeeOther)
}

func (s *server) operations(c *fiber.Ctx) error {
	v := opsView{}
	if s.Operations == nil {
		v.Error = "this process runs no schedule (start feedgauge serve to manage snapshots here)"
		return s.render(c, fiber.StatusOK, "operations", s.page(c, "Operations", v))
	}
	if s.Operations.Status != nil {
		v.Status = s.Operations.Status()
	}
	if s.Operations.Alerts != nil {
		as, err := s.Operations.Alerts(c.UserContext())
		if err != nil {
			v.Error = "the alerts could not be read: " + err.Error()
		}
		v.Alerts = as
	}
	return s.render(c, fiber.StatusOK, "operations", s.page(c, "Operations", v))
}

func (s *server) runSnapshot(c *fiber.Ctx) error {
	if s.Operations == nil || s.Operations.Trigger == nil {
		return s.fail(c, fiber.StatusNotFound, "this process runs no schedule")
	}
	if err := s.Operations.Trigger(); err != nil {
		return s.fail(c, fiber.StatusConflict, "no snapshot was started: "+err.Error())
	}
	s.Logger.Info("snapshot started by hand", "who", author(c).Who)
	return s.done(c, "/operations", "a snapshot has started; its results appear when it finishes", fiber.Map{"started": true})
}

func (s *server) ackAlert(c *fiber.Ctx) error {
	if s.Operations == nil || s.Operations.Acknowledge == nil {
		return s.fail(c, fiber.StatusNotFound, "this process has no alerts to acknowledge")
	}
	note := strings.TrimSpace(c.FormValue("note"))
	if note == "" || len(note) > 2000 {
		return s.fail(c, fiber.StatusBadRequest, "say what is being done about it in the note (up to 2,000 characters)")
	}
	id := c.Params("id")
	if err := s.Operations.Acknowledge(c.UserContext(), id, author(c).Who, note); err != nil {
		return s.fail(c, fiber.StatusBadRequest, "the alert was not acknowledged: "+err.Error())
	}
	return s.done(c, "/operations", "alert acknowledged", fiber.Map{"acknowledged": id})
}
