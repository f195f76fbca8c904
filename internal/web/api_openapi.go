package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/feedgauge/feedgauge/internal/query"
)

type obj = map[string]any

// apiOpenAPI answers GET /api/v1/openapi.json: an OpenAPI 3.0 description
// generated from the query catalogue, so it never drifts from it.
func (s *Server) apiOpenAPI(c *fiber.Ctx) error {
	return c.JSON(s.openAPI())
}

func (s *Server) openAPI() obj {
	paths := obj{
		"/api/v1/health": obj{"get": obj{"summary": "Whether the store answers", "operationId": "health",
			"responses": obj{"200": obj{"description": "The store answers"}, "503": errorResponse("The store does not answer")}}},
		"/api/v1/geo/{level}.geojson": obj{"get": obj{"summary": "Loaded boundaries as a GeoJSON FeatureCollection",
			"operationId": "boundaries_geojson",
			"parameters": []obj{
				{"name": "level", "in": "path", "required": true, "schema": obj{"type": "string", "enum": []string{"lsoa", "lad", "pcn"}}},
				{"name": "place", "in": "query", "schema": obj{"type": "string"}, "description": "only areas within this place code"}},
			"responses": obj{"200": obj{"description": "FeatureCollection; each feature's properties.name is the area code",
				"content": obj{"application/geo+json": obj{"schema": obj{"type": "object"}}}}, "400": errorResponse("Bad level or place")}}},
	}
	for _, n := range s.opts.Catalog.Names() {
		d, _ := s.opts.Catalog.Get(n)
		paths["/api/v1/queries/"+n] = obj{"get": queryOperation(d)}
	}
	return obj{
		"openapi": "3.0.3",
		"info": obj{"title": "feedgauge API", "version": s.versionOr("dev"),
			"description": "Every named query of feedgauge as JSON (an array of objects keyed by column) or CSV (?format=csv or Accept: text/csv). Parameters are typed and validated; \"no data\" is null."},
		"paths": paths,
		"components": obj{"schemas": obj{"Error": obj{"type": "object", "properties": obj{"error": obj{"type": "object",
			"properties": obj{"status": obj{"type": "integer"}, "message": obj{"type": "string"}}}}}}},
	}
}

func (s *Server) versionOr(def string) string {
	if s.opts.Version != "" {
		return s.opts.Version
	}
	return def
}

func queryOperation(d *query.Def) obj {
	params := []obj{
		{"name": "format", "in": "query", "schema": obj{"type": "string", "enum": []string{"json", "csv"}, "default": "json"}},
		{"name": "columns", "in": "query", "schema": obj{"type": "string"}, "description": "comma-separated columns to keep"},
		{"name": "sort", "in": "query", "schema": obj{"type": "string"}, "description": "order rows by a column; -column for descending"},
	}
	for _, p := range d.Params {
		params = append(params, obj{"name": p.Name, "in": "query", "required": p.Default == nil,
			"description": p.Description, "schema": paramSchema(p)})
	}
	props := obj{}
	for _, c := range d.Columns {
		props[c.Name] = columnSchema(c)
	}
	row := obj{"type": "object", "properties": props}
	return obj{
		"summary": d.Title, "description": d.Description, "operationId": "query_" + d.Name, "parameters": params,
		"responses": obj{
			"200": obj{"description": "The rows", "content": obj{
				"application/json": obj{"schema": obj{"type": "array", "items": row}},
				"text/csv":         obj{"schema": obj{"type": "string"}}}},
			"400": errorResponse("A parameter is missing, unknown or malformed"),
			"404": errorResponse("No such query"),
			"503": errorResponse("The store does not answer"),
		},
	}
}

func paramSchema(p *query.Param) obj {
	s := obj{}
	switch p.Type {
	case "int":
		s["type"] = "integer"
		if p.Min != nil {
			s["minimum"] = *p.Min
		}
		if p.Max != nil {
			s["maximum"] = *p.Max
		}
	case "bool":
		s["type"] = "boolean"
	case "enum":
		s["type"], s["enum"] = "string", p.Values
	case "time":
		s["type"], s["description"] = "string", "RFC 3339 time or a date YYYY-MM-DD (the end of that day, Europe/London)"
	case "quarter":
		s["type"], s["pattern"] = "string", `^\d{4}Q[1-4]$`
	default:
		s["type"], s["maxLength"] = "string", 2000
	}
	if p.Default != nil {
		s["default"] = *p.Default
	}
	return s
}

func columnSchema(c query.Column) obj {
	var s obj
	switch c.Type {
	case "int":
		s = obj{"type": "integer"}
	case "float":
		s = obj{"type": "number"}
	case "bool":
		s = obj{"type": "boolean"}
	case "time":
		s = obj{"type": "string", "format": "date-time"}
	case "list":
		s = obj{"type": "array", "items": obj{"type": "string"}}
	default:
		s = obj{"type": "string"}
	}
	if c.Nullable {
		s["nullable"] = true
	}
	if c.Label != "" {
		s["description"] = c.Label
	}
	return s
}

func errorResponse(desc string) obj {
	return obj{"description": desc, "content": obj{"application/json": obj{"schema": obj{"$ref": "#/components/schemas/Error"}}}}
}
