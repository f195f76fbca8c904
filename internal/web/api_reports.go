package web

import (
	"bytes"
	"context"
	"io"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// ReportFunc writes the named Excel report with its parameters to w and
// returns the file name to suggest. Errors meaning "no such report or
// data" should wrap ErrNotFound; bad parameters query.ErrBadParam
// (webreport.Func adapts *report.Set).
type ReportFunc func(ctx context.Context, name string, params map[string]string, w io.Writer) (filename string, err error)

// ErrNotFound marks a thing that does not exist (404).
var ErrNotFound = errNotFound

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// reportDownload answers GET /reports/NAME.xlsx?k=v with the workbook,
// built in memory first so a failure still gets its status and page.
func (s *Server) reportDownload(c *fiber.Ctx) error {
	if s.opts.Reports == nil {
		return notFound("Excel reports are not available in this version yet")
	}
	name, ok := strings.CutSuffix(c.Params("file"), ".xlsx")
	if !ok || name == "" {
		return notFound("reports are served as /reports/NAME.xlsx")
	}
	params := map[string]string{}
	c.Context().QueryArgs().VisitAll(func(k, v []byte) { params[string(k)] = string(v) })
	var buf bytes.Buffer
	file, err := s.opts.Reports(c.UserContext(), name, params, &buf)
	if err != nil {
		return s.storeErr(c.UserContext(), err)
	}
	c.Set(fiber.HeaderContentType, xlsxType)
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+strings.ReplaceAll(file, `"`, "")+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}
