package web

import (
	"context"

	"github.com/gofiber/fiber/v2"
)

// apiHealth answers GET /api/v1/health: 200 when the store answers a
// ping, 503 (with the reason) when it does not.
func (s *Server) apiHealth(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), pingTimeout)
	defer cancel()
	c.Set(fiber.HeaderCacheControl, "no-store")
	if err := s.opts.Store.Ping(ctx); err != nil {
		s.log.Warn("health check failed", "err", err)
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{
			"status": "unavailable", "store": s.opts.Store.Backend(),
			"message": "the data store does not answer: " + firstLine(err.Error())})
	}
	return c.JSON(fiber.Map{"status": "ok", "store": s.opts.Store.Backend(), "version": s.opts.Version})
}

func firstLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}
