package web

import (
	"github.com/gofiber/fiber/v2"
)

// pageMethod explains how activities are scored, with the loaded
// profile's current values.
func (s *Server) pageMethod(c *fiber.Ctx) error {
	p := &Page{Title: "How the scores work", Nav: "method", Crumbs: []Crumb{{"Overview", "/"}},
		Description: "Every activity is scored for freshness, completeness and assurance, and graded A to D. These are the rules and the numbers in use.",
		Data:        s.method}
	if s.method == nil {
		p.Message = "The scoring profile is not loaded, so its values cannot be shown."
	}
	return s.render(c, "method", p)
}
