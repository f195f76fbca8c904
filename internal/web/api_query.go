package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/feedgauge/feedgauge/internal/dashboard"
	"github.com/feedgauge/feedgauge/internal/query"
	"github.com/feedgauge/feedgauge/internal/store"
)

// apiQuery answers GET /api/v1/queries/NAME?k=v: a JSON array of objects
// keyed by column, or CSV with ?format=csv or Accept: text/csv.
// ?columns=a,b keeps only those columns and ?sort=col or ?sort=-col orders
// the rows (the dashboard's downloads use both, to match its tables).
// Parameters are bound to the query, never written into SQL.
func (s *Server) apiQuery(c *fiber.Ctx) error {
	def, err := s.opts.Catalog.Get(c.Params("name"))
	if err != nil {
		return err
	}
	raw := map[string]string{}
	c.Context().QueryArgs().VisitAll(func(k, v []byte) { raw[string(k)] = string(v) })
	format := raw["format"]
	delete(raw, "format")
	cols, err := projection(def, raw["columns"])
	if err != nil {
		return err
	}
	delete(raw, "columns")
	sortSpec := raw["sort"]
	delete(raw, "sort")
	if sortSpec != "" {
		if _, ok := def.Column(strings.TrimPrefix(sortSpec, "-")); !ok {
			return badRequest("sort %q: query %s has no such column (columns: %s)", sortSpec, def.Name, columnList(def))
		}
	}
	if format == "" && strings.Contains(c.Get(fiber.HeaderAccept), "text/csv") {
		format = "csv"
	}
	if format != "" && format != "csv" && format != "json" {
		return badRequest("format %q: use json or csv", format)
	}
	args, err := def.Bind(raw)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if format == "csv" {
		err = writeCSV(c, s, def, args, cols, sortSpec, &buf)
	} else {
		err = writeJSON(c, s, def, args, cols, sortSpec, &buf)
	}
	if err != nil {
		return s.storeErr(c.UserContext(), err)
	}
	if format == "csv" {
		c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
		c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+def.Name+`.csv"`)
	} else {
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	}
	return c.Send(buf.Bytes())
}

// projection returns the indexes of the columns asked for (all by default).
func projection(def *query.Def, list string) ([]int, error) {
	if list == "" {
		out := make([]int, len(def.Columns))
		for i := range out {
			out[i] = i
		}
		return out, nil
	}
	var out []int
	for _, name := range strings.Split(list, ",") {
		i := -1
		for j, c := range def.Columns {
			if c.Name == name {
				i = j
			}
		}
		if i < 0 {
			return nil, badRequest("query %s has no column %q (columns: %s)", def.Name, name, columnList(def))
		}
		out = append(out, i)
	}
	return out, nil
}

func columnList(def *query.Def) string {
	n := make([]string, len(def.Columns))
	for i, c := range def.Columns {
		n[i] = c.Name
	}
	return strings.Join(n, ", ")
}

// writeJSON streams the rows into buf as an array of objects; the body is
// sent only once the query has finished, so a failure still gets its status.
func writeJSON(c *fiber.Ctx, s *Server, def *query.Def, args []store.Arg, cols []int, sortSpec string, buf *bytes.Buffer) error {
	buf.WriteString("[")
	n := 0
	err := rowsOf(c, s, def, args, sortSpec, func(row []any) error {
		if n > 0 {
			buf.WriteString(",")
		}
		n++
		buf.WriteString("\n  {")
		for k, i := range cols {
			if k > 0 {
				buf.WriteString(", ")
			}
			key, _ := json.Marshal(def.Columns[i].Name)
			val, err := json.Marshal(query.JSONValue(row[i]))
			if err != nil {
				return err
			}
			buf.Write(key)
			buf.WriteString(": ")
			buf.Write(val)
		}
		buf.WriteString("}")
		return nil
	})
	if n > 0 {
		buf.WriteString("\n")
	}
	buf.WriteString("]\n")
	return err
}

// writeCSV writes a header and the rows; cells a spreadsheet would run as
// a formula are neutralised (query.SafeCSV).
func writeCSV(c *fiber.Ctx, s *Server, def *query.Def, args []store.Arg, cols []int, sortSpec string, buf *bytes.Buffer) error {
	w := csv.NewWriter(buf)
	rec := make([]string, len(cols))
	for k, i := range cols {
		rec[k] = def.Columns[i].Name
	}
	if err := w.Write(rec); err != nil {
		return err
	}
	err := rowsOf(c, s, def, args, sortSpec, func(row []any) error {
		for k, i := range cols {
			rec[k] = query.SafeCSV(query.Cell(row[i]))
		}
		return w.Write(rec)
	})
	w.Flush()
	if err != nil {
		return err
	}
	return w.Error()
}

// rowsOf hands the rows to fn: streamed from the store, or collected and
// ordered when a sort is asked for.
func rowsOf(c *fiber.Ctx, s *Server, def *query.Def, args []store.Arg, sortSpec string, fn func([]any) error) error {
	if sortSpec == "" {
		return query.Stream(c.UserContext(), s.opts.Store, def, args, fn)
	}
	res, err := query.Run(c.UserContext(), s.opts.Store, def, args)
	if err != nil {
		return err
	}
	for _, row := range dashboard.Sorted(res, sortSpec).Rows {
		if err := fn(row); err != nil {
			return err
		}
	}
	return nil
}

// apiQueryList answers GET /api/v1/queries: every query with its title.
func (s *Server) apiQueryList(c *fiber.Ctx) error {
	var out []fiber.Map
	for _, n := range s.opts.Catalog.Names() {
		d, _ := s.opts.Catalog.Get(n)
		out = append(out, fiber.Map{"name": n, "title": d.Title, "href": "/api/v1/queries/" + n})
	}
	return c.JSON(out)
}
